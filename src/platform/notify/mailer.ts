import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

/** One e-mail. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The languages of the message, for its `Content-Language` header (RFC 3282). */
  contentLanguage?: string;
}

/** Sends e-mail. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

/** An SMTP URL that cannot be used; the message never repeats the URL, which may hold a password. */
export class MailerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailerConfigError';
  }
}

/** Creates the mailer: SMTP when `url` is set, otherwise an outbox folder for the demo. */
export function createMailer(options: { url: string | undefined; from: string; outboxDir: string; logger: Logger }): Mailer {
  const { url, from, outboxDir, logger } = options;
  return url ? createSmtpMailer(url, from, logger) : createOutboxMailer(from, outboxDir, logger);
}

function createSmtpMailer(url: string, from: string, logger: Logger): Mailer {
  if (!/^smtps?:\/\//i.test(url)) throw new MailerConfigError('SMTP_URL must start with smtp:// or smtps://.');
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      const info = await transport.sendMail(envelopeOf(from, message));
      logger.debug({ messageId: info.messageId }, 'mail sent');
    },
    async close() {
      transport.close();
    },
  };
}

function createOutboxMailer(from: string, outboxDir: string, logger: Logger): Mailer {
  // `windows` newlines because RFC 5322 messages end lines with CRLF, and mail clients open such .eml files as they are.
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  let hasWarned = false;
  return {
    async send(message) {
      if (!hasWarned) {
        hasWarned = true;
        logger.warn({ outboxDir }, 'No SMTP_URL is set: e-mail is written to the outbox folder and not sent');
      }
      const info = await transport.sendMail(envelopeOf(from, message));
      if (!Buffer.isBuffer(info.message)) throw new Error('The outbox transport did not return the message as a buffer.');
      await mkdir(outboxDir, { recursive: true, mode: 0o700 });
      // Sortable by time, unique without a counter; readable by the owner only because it holds addresses.
      const file = join(outboxDir, `${new Date().toISOString().replaceAll(':', '-')}-${randomBytes(4).toString('hex')}.eml`);
      await writeFile(file, info.message, { mode: 0o600, flag: 'wx' });
      logger.debug({ messageId: info.messageId }, 'mail written to the outbox');
    },
    async close() {
      transport.close();
    },
  };
}

/** What nodemailer sends for a message, with its languages when they are known. */
function envelopeOf(from: string, message: MailMessage) {
  const headers = message.contentLanguage ? { 'Content-Language': message.contentLanguage } : undefined;
  return { from, to: message.to, subject: message.subject, text: message.text, html: message.html, headers };
}
