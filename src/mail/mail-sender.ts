/** One message to one recipient; plain text only, so nothing a survey name holds can become markup. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** The port through which Tandem sends e-mail. Absent (null) when no SMTP server is configured. */
export interface MailSender {
  send(message: MailMessage): Promise<void>;
  close(): void;
}
