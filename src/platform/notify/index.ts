export { createMailer, MailerConfigError } from './mailer.ts';
export type { Mailer, MailMessage, MailAttachment } from './mailer.ts';
export { registerEmailJob, enqueueEmail, EMAIL_JOB_TYPE } from './email-job.ts';
export { createSendLimiter, sendRefusal } from './send-limits.ts';
export type { SendLimiter, SendLimitSettings, SendVerdict, TypedAddressMailDeps } from './send-limits.ts';
