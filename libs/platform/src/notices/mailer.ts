import { createTransport, type Transporter } from 'nodemailer';
import type { Logger } from '../observability/logger';

/** One e-mail as the outbox sends it: the notice id becomes its Message-ID, so a resend is recognisable. */
export interface MailMessage {
  noticeId: string;
  to: string[];
  subject: string;
  text: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
  /** Extra headers, e.g. List-Unsubscribe (RFC 8058 one-click) on subscription e-mails. */
  headers?: Record<string, string>;
}

/** The port the outbox sends e-mail through. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** `<noticeId@gongkai.notices>`: stable across attempts, so a mail client shows a duplicate once. */
export const noticeMessageId = (noticeId: string) => `<${noticeId}@gongkai.notices>`;

/** SMTP through nodemailer (SMTP_URL: `smtp://…` with STARTTLS when offered, `smtps://…` with TLS). */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(url);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      messageId: noticeMessageId(message.noticeId),
      headers: { ...message.headers, 'X-Gongkai-Notice': message.noticeId, 'Auto-Submitted': 'auto-generated' },
      attachments: message.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
    });
  }

  close(): void {
    this.transport.close();
  }
}

/**
 * SMS (the district's gateway): a port only. Contract for the gateway's adapter (docs/notices.md):
 * `send` resolves once the gateway accepted the message for delivery and rejects on any refusal;
 * `noticeId` is passed as the gateway's idempotency key (a resend with the same id is not delivered
 * twice); `to` is a mainland mobile number (11 digits); `text` is at most 300 characters, signed
 * with the unit's registered signature by the gateway.
 */
export interface SmsSender {
  send(message: { noticeId: string; to: string; text: string }): Promise<void>;
}

/** The SMS adapter until the district's gateway is connected: logs that a message would have been sent, never the number or the text. */
export class LoggingSmsSender implements SmsSender {
  constructor(private readonly logger: Logger) {}

  async send(message: { noticeId: string; to: string; text: string }): Promise<void> {
    this.logger.info(
      { noticeId: message.noticeId, characters: message.text.length },
      'SMS gateway not connected: SMS notice logged, not sent',
    );
  }
}
