import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

/**
 * A file sent with an e-mail. Its content is text (an iCalendar invitation, a CSV file) or base64
 * for bytes, so that it travels inside the job's JSON payload and is encrypted at rest with it.
 */
export interface MailAttachment {
  /** The file name the reader's mail program shows; a path is never taken from it. */
  filename: string;
  /** The MIME type, parameters included (`text/calendar; charset=UTF-8; method=PUBLISH`). */
  contentType: string;
  content: string;
  /** How `content` is written: `utf8` text (the default) or `base64` bytes. */
  encoding?: 'utf8' | 'base64';
}

/** One e-mail. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The languages of the message, for its `Content-Language` header (RFC 3282). */
  contentLanguage?: string;
  /** Files sent with the message, in this order. */
  attachments?: readonly MailAttachment[];
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
  const attachments = message.attachments?.map((a) => ({
    filename: safeFilename(a.filename),
    contentType: a.contentType,
    content: a.encoding === 'base64' ? Buffer.from(a.content, 'base64') : Buffer.from(a.content, 'utf8'),
    contentDisposition: 'attachment' as const,
  }));
  return { from, to: message.to, subject: message.subject, text: message.text, html: message.html, headers, attachments };
}

/** The file name without folders or control characters (nodemailer would otherwise read a path from it). */
function safeFilename(name: string): string {
  const printable = [...name].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('');
  const base = printable.split(/[\\/]/).pop() ?? '';
  return base === '' || base === '.' || base === '..' ? 'attachment' : base;
}
