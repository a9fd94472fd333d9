import type { FieldProblem } from '../../platform/http/errors.ts';
import { COMPLAINT_CHANNELS, COMPLAINT_SERVICES, EXTRA_SUPPORT_NEEDS, type ComplaintSubmission } from './complaint.types.ts';

/** Limits of the free-text fields, in characters. */
export const TEXT_LIMITS = { description: 5000, desiredOutcome: 2000, name: 200, extraSupportDetails: 1000, operatorReference: 64, accountNumber: 64, message: 5000, refusalReason: 2000 } as const;

/** The earliest day a problem or a contact may be dated: older complaints are out of time. */
const EARLIEST_DAY = '1990-01-01';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the checks need to know besides the submission. */
export interface SubmissionContext {
  operatorIds: ReadonlySet<string>;
  categories: readonly string[];
  languages: readonly string[];
  /** Today's local date (YYYY-MM-DD): a prior contact cannot be later. */
  today: string;
}

/**
 * Every problem of a submission, each naming its field (`consumer.email`, `operatorIds`), in
 * words a person can act on. An empty list means the submission may be filed.
 */
export function checkSubmission(s: ComplaintSubmission, context: SubmissionContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

  if (!Array.isArray(s.operatorIds) || s.operatorIds.length === 0) add('operatorIds', 'Choose at least one operator.');
  else {
    if (new Set(s.operatorIds).size !== s.operatorIds.length) add('operatorIds', 'An operator is listed twice.');
    if (s.operatorIds.length > 5) add('operatorIds', 'A complaint may name at most 5 operators.');
    for (const id of s.operatorIds) if (!context.operatorIds.has(id)) add('operatorIds', `There is no licensed operator with the id ${String(id).slice(0, 40)}.`);
  }
  if (!COMPLAINT_SERVICES.includes(s.service)) add('service', `Choose the service: ${COMPLAINT_SERVICES.join(', ')}.`);
  if (!context.categories.includes(s.category)) add('category', `Choose a category: ${context.categories.join(', ')}.`);
  const description = text(s.description);
  if (description.length < 10) add('description', 'Describe what happened in at least 10 characters.');
  else if (description.length > TEXT_LIMITS.description) add('description', `Describe what happened in at most ${TEXT_LIMITS.description} characters.`);
  const outcome = text(s.desiredOutcome);
  if (outcome.length < 3) add('desiredOutcome', 'Say what you would like the operator to do.');
  else if (outcome.length > TEXT_LIMITS.desiredOutcome) add('desiredOutcome', `Say what you want in at most ${TEXT_LIMITS.desiredOutcome} characters.`);

  if (s.problemStartedOn !== undefined && s.problemStartedOn !== '') {
    if (!DATE.test(s.problemStartedOn) || Number.isNaN(Date.parse(`${s.problemStartedOn}T00:00:00Z`)) || s.problemStartedOn < EARLIEST_DAY) add('problemStartedOn', 'Give the day the problem started as YYYY-MM-DD.');
    else if (s.problemStartedOn > context.today) add('problemStartedOn', 'The problem cannot start in the future.');
  }

  const prior = s.priorContact;
  if (typeof prior !== 'object' || prior === null || typeof prior.contacted !== 'boolean') add('priorContact.contacted', 'Say whether you contacted the operator first.');
  else if (prior.contacted) {
    if (prior.date !== undefined && prior.date !== '') {
      if (!DATE.test(prior.date) || Number.isNaN(Date.parse(`${prior.date}T00:00:00Z`))) add('priorContact.date', 'Give the date as YYYY-MM-DD.');
      else if (prior.date > context.today) add('priorContact.date', 'The date of your contact cannot be in the future.');
    }
    if (prior.operatorReference !== undefined && text(prior.operatorReference).length > TEXT_LIMITS.operatorReference) add('priorContact.operatorReference', `The operator's reference may have at most ${TEXT_LIMITS.operatorReference} characters.`);
  }

  const consumer = s.consumer;
  if (typeof consumer !== 'object' || consumer === null) add('consumer', 'Give your name and e-mail address.');
  else {
    const name = text(consumer.name);
    if (name.length === 0) add('consumer.name', 'Give your name.');
    else if (name.length > TEXT_LIMITS.name) add('consumer.name', `Give a name of at most ${TEXT_LIMITS.name} characters.`);
    const email = text(consumer.email);
    if (email.length === 0) add('consumer.email', 'Give your e-mail address.');
    else if (email.length > 320 || !EMAIL.test(email)) add('consumer.email', 'Give an e-mail address like name@example.org.');
    if (consumer.phone !== undefined && consumer.phone !== '' && !PHONE.test(consumer.phone.trim())) add('consumer.phone', 'Give a phone number of digits, such as +254 712 345 678.');
    if (consumer.accountNumber !== undefined && text(consumer.accountNumber).length > TEXT_LIMITS.accountNumber) add('consumer.accountNumber', `The account number may have at most ${TEXT_LIMITS.accountNumber} characters.`);
    if (consumer.serviceNumber !== undefined && consumer.serviceNumber !== '' && !PHONE.test(consumer.serviceNumber.trim())) add('consumer.serviceNumber', 'Give the phone or line number the complaint is about in digits, such as +254 712 345 678.');
    if (!context.languages.includes(consumer.language)) add('consumer.language', `Choose a language: ${context.languages.join(', ')}.`);
  }
  if (!Array.isArray(s.extraSupport) || s.extraSupport.some((n) => !EXTRA_SUPPORT_NEEDS.includes(n))) add('extraSupport', `Extra support needs are among ${EXTRA_SUPPORT_NEEDS.join(', ')}.`);
  if (s.extraSupportDetails !== undefined && text(s.extraSupportDetails).length > TEXT_LIMITS.extraSupportDetails) add('extraSupportDetails', `Say it in at most ${TEXT_LIMITS.extraSupportDetails} characters.`);
  if (s.consent !== true) add('consent', 'Agree that the regulator may process your complaint and share it with the operator.');
  if (!COMPLAINT_CHANNELS.includes(s.channel)) add('channel', `The channel is one of ${COMPLAINT_CHANNELS.join(', ')}.`);
  if (s.channel === 'association' && s.onBehalfConsentRecorded !== true) add('onBehalfConsentRecorded', "Record the consumer's consent to act on their behalf.");
  return problems;
}
