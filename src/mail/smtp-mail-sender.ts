import nodemailer from "nodemailer";
import type { MailMessage, MailSender } from "./mail-sender.js";

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
}

/**
 * SMTP from the environment: TANDEM_SMTP_HOST (required to send at all), TANDEM_SMTP_PORT (587),
 * TANDEM_SMTP_SECURE (true for port 465), TANDEM_SMTP_USER, TANDEM_SMTP_PASSWORD, TANDEM_SMTP_FROM.
 */
export const smtpSettingsFromEnv = (env: NodeJS.ProcessEnv = process.env): SmtpSettings | null => {
  const host = env.TANDEM_SMTP_HOST?.trim();
  if (!host) return null;
  const port = Number(env.TANDEM_SMTP_PORT ?? 587);
  return {
    host,
    port: Number.isInteger(port) && port > 0 ? port : 587,
    secure: env.TANDEM_SMTP_SECURE === "true" || port === 465,
    user: env.TANDEM_SMTP_USER ?? null,
    password: env.TANDEM_SMTP_PASSWORD ?? null,
    from: env.TANDEM_SMTP_FROM ?? "Tandem <tandem@localhost>",
  };
};

/** Sends through an SMTP server with nodemailer, over one pooled connection. */
export const smtpMailSender = (settings: SmtpSettings): MailSender => {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    pool: true,
    maxConnections: 2,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? "" } } : {}),
    // A local relay without a certificate is common on a LAN; STARTTLS is still used when offered.
    tls: { rejectUnauthorized: false },
  });
  return {
    send: async (message: MailMessage) => {
      await transport.sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
    },
    close: () => transport.close(),
  };
};

export const mailSenderFromEnv = (env: NodeJS.ProcessEnv = process.env): MailSender | null => {
  const settings = smtpSettingsFromEnv(env);
  return settings ? smtpMailSender(settings) : null;
};
