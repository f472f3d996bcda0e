import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { SmtpSettings } from "../../src/mail/smtp-mail-sender.js";

export interface FakeSmtp {
  settings: SmtpSettings;
  /** Messages delivered so far, parsed. */
  messages: ParsedMail[];
  /** Resolves once at least n messages have arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/** A real SMTP server on a free local port that requires these credentials and keeps what it receives. */
export const startFakeSmtp = async (user = "tandem", password = "smtp secret"): Promise<FakeSmtp> => {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authOptional: false,
    logger: false,
    onAuth: (auth, _session, callback) =>
      auth.username === user && auth.password === password
        ? callback(null, { user: auth.username })
        : callback(new Error("invalid credentials")),
    onData: (stream, _session, callback) => {
      simpleParser(stream)
        .then((parsed) => {
          messages.push(parsed);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    settings: {
      host: "127.0.0.1",
      port,
      secure: false,
      user,
      password,
      from: "Tandem <surveys@tandem.test>",
    },
    messages,
    waitFor: async (n, timeoutMs = 5000) => {
      const until = Date.now() + timeoutMs;
      while (messages.length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
