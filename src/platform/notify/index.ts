export { createMailer } from './mailer.ts';
export type { Mailer, MailMessage } from './mailer.ts';
