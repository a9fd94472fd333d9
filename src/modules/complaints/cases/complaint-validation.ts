import type { FieldProblem } from '../../../platform/http/errors.ts';
import { listValue, type EnglishMessageValues } from '../../../platform/i18n/index.ts';
import { complaintProblem } from './complaint-messages.ts';
import { readMobileNumber } from '../../../platform/sms/index.ts';
import { COMPLAINT_CHANNELS, COMPLAINT_SERVICES, CONTACT_CHANNELS, EXTRA_SUPPORT_NEEDS, type ComplaintSubmission } from './complaint.types.ts';

/** Limits of the free-text fields, in characters. */
export const TEXT_LIMITS = {
  description: 5000,
  desiredOutcome: 2000,
  name: 200,
  extraSupportDetails: 1000,
  operatorReference: 64,
  accountNumber: 64,
  message: 5000,
  refusalReason: 2000,
} as const;

/** The fewest characters a description may have, and the most operators one complaint may name. */
const MIN_DESCRIPTION = 10;
const MAX_OPERATORS = 5;

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
  /** The profile's country (ISO 3166-1 alpha-2): a mobile number typed without its country code is read as one of its. */
  country: string;
}

/**
 * Every problem of a submission, each naming its field (`consumer.email`, `operatorIds`), in
 * words a person can act on, from a key of the module's catalogue so that any reader gets them in
 * their language. An empty list means the submission may be filed.
 */
export function checkSubmission(s: ComplaintSubmission, context: SubmissionContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, name: string, values: EnglishMessageValues = {}) => problems.push(complaintProblem(field, name, values));
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

  if (!Array.isArray(s.operatorIds) || s.operatorIds.length === 0) add('operatorIds', 'operatorsMissing');
  else {
    if (new Set(s.operatorIds).size !== s.operatorIds.length) add('operatorIds', 'operatorTwice');
    if (s.operatorIds.length > MAX_OPERATORS) add('operatorIds', 'operatorsTooMany', { max: MAX_OPERATORS });
    for (const id of s.operatorIds) if (!context.operatorIds.has(id)) add('operatorIds', 'operatorUnknown', { id: String(id).slice(0, 40) });
  }
  if (!COMPLAINT_SERVICES.includes(s.service)) add('service', 'serviceUnknown', { services: listValue(COMPLAINT_SERVICES, 'or') });
  if (!context.categories.includes(s.category)) add('category', 'categoryUnknown', { categories: listValue(context.categories, 'or') });
  const description = text(s.description);
  if (description.length < MIN_DESCRIPTION) add('description', 'descriptionShort', { min: MIN_DESCRIPTION });
  else if (description.length > TEXT_LIMITS.description) add('description', 'descriptionLong', { max: TEXT_LIMITS.description });
  const outcome = text(s.desiredOutcome);
  if (outcome.length < 3) add('desiredOutcome', 'outcomeMissing');
  else if (outcome.length > TEXT_LIMITS.desiredOutcome) add('desiredOutcome', 'outcomeLong', { max: TEXT_LIMITS.desiredOutcome });

  if (s.problemStartedOn !== undefined && s.problemStartedOn !== '') {
    if (!DATE.test(s.problemStartedOn) || Number.isNaN(Date.parse(`${s.problemStartedOn}T00:00:00Z`)) || s.problemStartedOn < EARLIEST_DAY)
      add('problemStartedOn', 'problemStartFormat');
    else if (s.problemStartedOn > context.today) add('problemStartedOn', 'problemStartFuture');
  }

  const prior = s.priorContact;
  if (typeof prior !== 'object' || prior === null || typeof prior.contacted !== 'boolean') add('priorContact.contacted', 'priorContactedMissing');
  else if (prior.contacted) {
    if (prior.date !== undefined && prior.date !== '') {
      if (!DATE.test(prior.date) || Number.isNaN(Date.parse(`${prior.date}T00:00:00Z`))) add('priorContact.date', 'priorDateFormat');
      else if (prior.date > context.today) add('priorContact.date', 'priorDateFuture');
    }
    if (prior.operatorReference !== undefined && text(prior.operatorReference).length > TEXT_LIMITS.operatorReference)
      add('priorContact.operatorReference', 'priorReferenceLong', { max: TEXT_LIMITS.operatorReference });
  }

  const consumer = s.consumer;
  if (typeof consumer !== 'object' || consumer === null) add('consumer', 'consumerMissing');
  else {
    const name = text(consumer.name);
    if (name.length === 0) add('consumer.name', 'nameMissing');
    else if (name.length > TEXT_LIMITS.name) add('consumer.name', 'nameLong', { max: TEXT_LIMITS.name });
    const email = text(consumer.email);
    const contactBy = consumer.contactBy ?? 'email';
    if (!CONTACT_CHANNELS.includes(contactBy)) add('consumer.contactBy', 'contactByUnknown', { channels: listValue(CONTACT_CHANNELS, 'or') });
    // With a mobile number to reach the consumer on, an e-mail address is optional.
    if (email.length === 0) {
      if (contactBy !== 'sms') add('consumer.email', 'emailMissing');
    } else if (email.length > 320 || !EMAIL.test(email)) add('consumer.email', 'emailInvalid');
    const phone = text(consumer.phone);
    if (contactBy === 'sms') {
      const mobile = phone === '' ? undefined : readMobileNumber(phone, context.country);
      if (mobile === undefined) add('consumer.phone', 'mobileMissing');
      else if (!mobile.ok) add('consumer.phone', mobile.problem === 'not-mobile' ? 'mobileNotMobile' : 'mobileInvalid');
    } else if (consumer.phone !== undefined && consumer.phone !== '' && !PHONE.test(consumer.phone.trim())) add('consumer.phone', 'phoneInvalid');
    if (consumer.accountNumber !== undefined && text(consumer.accountNumber).length > TEXT_LIMITS.accountNumber)
      add('consumer.accountNumber', 'accountLong', { max: TEXT_LIMITS.accountNumber });
    if (consumer.serviceNumber !== undefined && consumer.serviceNumber !== '' && !PHONE.test(consumer.serviceNumber.trim()))
      add('consumer.serviceNumber', 'serviceNumberInvalid');
    if (!context.languages.includes(consumer.language)) add('consumer.language', 'languageUnknown', { languages: listValue(context.languages, 'or') });
  }
  if (!Array.isArray(s.extraSupport) || s.extraSupport.some((n) => !EXTRA_SUPPORT_NEEDS.includes(n)))
    add('extraSupport', 'extraSupportUnknown', { needs: listValue(EXTRA_SUPPORT_NEEDS, 'or') });
  if (s.extraSupportDetails !== undefined && text(s.extraSupportDetails).length > TEXT_LIMITS.extraSupportDetails)
    add('extraSupportDetails', 'extraSupportDetailsLong', { max: TEXT_LIMITS.extraSupportDetails });
  if (s.consent !== true) add('consent', 'consentMissing');
  if (!COMPLAINT_CHANNELS.includes(s.channel)) add('channel', 'channelUnknown', { channels: listValue(COMPLAINT_CHANNELS, 'or') });
  if (s.channel === 'association' && s.onBehalfConsentRecorded !== true) add('onBehalfConsentRecorded', 'onBehalfConsentMissing');
  return problems;
}
