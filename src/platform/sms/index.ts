export { createSmsOutbox, SmsMessageError, SMS_NUMBER_CONTEXT, SMS_TEXT_CONTEXT, SMS_NUMBER_HASH } from './sms-outbox.ts';
export type { OutgoingSms, SmsOutbox } from './sms-outbox.ts';
export { createSmsOutboxRepository } from './sms-outbox.repository.ts';
export type { SmsOutboxRepository, SmsMessageRow, SmsInboundRow, RouteCounts } from './sms-outbox.repository.ts';
export { readMobileNumber, maskNumber } from './phone-numbers.ts';
export type { PhoneNumberProblem, PhoneNumberResult } from './phone-numbers.ts';
export { oneTimeCodeSmsText } from './one-time-code-text.ts';
