import type { Executor } from '../db/index.ts';
import type { EnqueueOptions, JobQueue } from '../jobs/index.ts';
import { stripFallback, type Catalogs } from '../i18n/index.ts';
import { presentFallbackMail } from './fallback-mail.ts';
import type { MailAttachment, Mailer, MailMessage } from './mailer.ts';

/** The job type that sends one e-mail. */
export const EMAIL_JOB_TYPE = 'email.send';

/**
 * Lets the job queue send the e-mails that {@link enqueueEmail} adds. Text that fell back to
 * English is said so in the message's language and marked (see `fallback-mail.ts`); without the
 * catalogues, which only tests of the queue leave out, the marks are only removed.
 */
export function registerEmailJob(jobs: JobQueue, mailer: Mailer, catalogs?: Pick<Catalogs, 'translator' | 'direction'>): void {
  jobs.register<unknown>(EMAIL_JOB_TYPE, async (payload) => {
    // The payload comes back from the database, so its shape is checked rather than trusted.
    if (!isMailMessage(payload)) throw new Error('The e-mail job payload is not a message with to, subject, text and well-formed attachments.');
    await mailer.send(
      catalogs ? presentFallbackMail(payload, catalogs) : { ...payload, subject: stripFallback(payload.subject), text: stripFallback(payload.text) },
    );
  });
}

/**
 * Queues an e-mail inside the caller's transaction: it leaves only if the change commits, it is
 * retried when the mail server is away, and the address is encrypted at rest in the job payload.
 */
export function enqueueEmail(jobs: JobQueue, executor: Executor, message: MailMessage, options?: EnqueueOptions): Promise<string> {
  const payload: MailMessage = { to: message.to, subject: message.subject, text: message.text };
  if (message.html !== undefined) payload.html = message.html;
  if (message.attachments !== undefined && message.attachments.length > 0) payload.attachments = message.attachments.map((a) => ({ ...a }));
  return jobs.enqueue(executor, EMAIL_JOB_TYPE, payload, options);
}

function isMailMessage(value: unknown): value is MailMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    'to' in value &&
    typeof value.to === 'string' &&
    'subject' in value &&
    typeof value.subject === 'string' &&
    'text' in value &&
    typeof value.text === 'string' &&
    (!('html' in value) || value.html === undefined || typeof value.html === 'string') &&
    (!('attachments' in value) || value.attachments === undefined || (Array.isArray(value.attachments) && value.attachments.every(isAttachment)))
  );
}

function isAttachment(value: unknown): value is MailAttachment {
  return (
    typeof value === 'object' &&
    value !== null &&
    'filename' in value &&
    typeof value.filename === 'string' &&
    'contentType' in value &&
    typeof value.contentType === 'string' &&
    'content' in value &&
    typeof value.content === 'string' &&
    (!('encoding' in value) || value.encoding === undefined || value.encoding === 'utf8' || value.encoding === 'base64')
  );
}
