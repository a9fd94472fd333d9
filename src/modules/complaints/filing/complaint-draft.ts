import type { SaidValue } from '../../../platform/i18n/index.ts';
import { readMobileNumber } from '../../../platform/sms/index.ts';
import {
  COMPLAINT_SERVICES,
  CONTACT_CHANNELS,
  EXTRA_SUPPORT_NEEDS,
  type ComplaintService,
  type ComplaintSubmission,
  type ContactChannel,
  type ExtraSupportNeed,
} from '../cases/complaint.types.ts';

/** The answers of a complaint being written on the web, as stored (encrypted) with its draft. */
export interface DraftAnswers {
  operatorIds?: string[];
  service?: string;
  accountNumber?: string;
  serviceNumber?: string;
  category?: string;
  description?: string;
  problemStartDay?: string;
  problemStartMonth?: string;
  problemStartYear?: string;
  desiredOutcome?: string;
  contacted?: string;
  contactDateDay?: string;
  contactDateMonth?: string;
  contactDateYear?: string;
  operatorReference?: string;
  name?: string;
  email?: string;
  phone?: string;
  /** How the consumer chose to be reached: `email`, or `sms` to the mobile number in `phone`. */
  contactBy?: string;
  needsSupport?: string;
  extraSupport?: string[];
  extraSupportDetails?: string;
  /** True once the consumer went past the evidence page, with or without files. */
  isEvidenceDone?: boolean;
  consent?: string;
}

/** The question pages of the filing flow, in order; each is `/complaints/new/<step>`. */
export const FILING_STEPS = [
  'operator',
  'service',
  'problem',
  'what-happened',
  'outcome',
  'operator-contact',
  'your-details',
  'support',
  'evidence',
  'consent',
] as const;

/** One question page of the filing flow. */
export type FilingStep = (typeof FILING_STEPS)[number];

/** A problem of one answer: the field and the message key with its values. */
export interface AnswerIssue {
  field: string;
  messageKey: string;
  /** A list or a size among them is said in the page's language. */
  values?: Record<string, string | number | SaidValue>;
}

/** What the answers are checked against: the operators, the profile's categories, today's date. */
export interface AnswerRules {
  operatorIds: readonly string[];
  categories: readonly string[];
  /** Today in the jurisdiction's time zone, YYYY-MM-DD. */
  today: string;
  /** The profile's country (ISO 3166-1 alpha-2): a mobile number typed without its country code is read as one of its. */
  country: string;
}

/** The most characters of "what happened". */
export const DESCRIPTION_MAX = 4000;
/** The most characters of "what do you want". */
export const OUTCOME_MAX = 1000;
/** The most characters of the extra-support details. */
export const SUPPORT_DETAILS_MAX = 1000;
/** The fewest characters of "what happened": a few words, enough to act on. */
export const DESCRIPTION_MIN = 10;
/**
 * The example of every date hint and date message: day, month and year, in the order of the date
 * input's boxes (left to right in every language), passed as a value so that it is isolated from
 * right-to-left text and reads in that order there too.
 */
export const DATE_EXAMPLE = '27 3 2026';
/** The most characters of an account or customer number. */
export const ACCOUNT_NUMBER_MAX = 64;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{5,22}[0-9]$/;

const text = (value: unknown, max: number): string => (typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim().slice(0, max) : '');
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];

/**
 * The answers a question page's form gives, taken from its fields as sent (never trusted: a value
 * that does not fit is kept as typed, to be shown again with its error). Text is cut at a margin
 * above the limit, so the limit's own error still shows.
 */
export function readStepAnswers(step: FilingStep, body: Readonly<Record<string, unknown>>): Partial<DraftAnswers> {
  switch (step) {
    case 'operator':
      return { operatorIds: [...new Set(list(body['operatorIds']))].slice(0, 20) };
    case 'service':
      return {
        service: text(body['service'], 40),
        accountNumber: text(body['accountNumber'], ACCOUNT_NUMBER_MAX + 100),
        serviceNumber: text(body['serviceNumber'], 60),
      };
    case 'problem':
      return { category: text(body['category'], 60) };
    case 'what-happened':
      return {
        description: text(body['description'], DESCRIPTION_MAX + 1000),
        problemStartDay: text(body['problemStartDay'], 10),
        problemStartMonth: text(body['problemStartMonth'], 10),
        problemStartYear: text(body['problemStartYear'], 10),
      };
    case 'outcome':
      return { desiredOutcome: text(body['desiredOutcome'], OUTCOME_MAX + 1000) };
    case 'operator-contact': {
      const contacted = text(body['contacted'], 10);
      return {
        contacted,
        contactDateDay: contacted === 'yes' ? text(body['contactDateDay'], 10) : '',
        contactDateMonth: contacted === 'yes' ? text(body['contactDateMonth'], 10) : '',
        contactDateYear: contacted === 'yes' ? text(body['contactDateYear'], 10) : '',
        operatorReference: contacted === 'yes' ? text(body['operatorReference'], 100) : '',
      };
    }
    case 'your-details':
      return {
        name: text(body['name'], 300),
        email: text(body['email'], 400),
        phone: text(body['phone'], 60),
        // A form without the choice (an older page still open in a browser) meant e-mail.
        contactBy: text(body['contactBy'], 10) || 'email',
      };
    case 'support': {
      const needsSupport = text(body['needsSupport'], 10);
      return {
        needsSupport,
        extraSupport: needsSupport === 'yes' ? [...new Set(list(body['extraSupport']))].slice(0, 10) : [],
        extraSupportDetails: needsSupport === 'yes' ? text(body['extraSupportDetails'], SUPPORT_DETAILS_MAX + 1000) : '',
      };
    }
    case 'evidence':
      return { isEvidenceDone: true };
    case 'consent':
      return { consent: text(body['consent'], 10) };
  }
}

/** The problems of one page's answers; none means the page is answered. */
export function checkStep(step: FilingStep, answers: DraftAnswers, rules: AnswerRules): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const issue = (field: string, messageKey: string, values?: Record<string, string | number>) =>
    issues.push(values ? { field, messageKey, values } : { field, messageKey });
  switch (step) {
    case 'operator': {
      const ids = answers.operatorIds ?? [];
      if (ids.length === 0) issue('operatorIds', 'complaints.web.error.operatorMissing');
      else if (ids.some((id) => !rules.operatorIds.includes(id))) issue('operatorIds', 'complaints.web.error.operatorUnknown');
      break;
    }
    case 'service': {
      if (!COMPLAINT_SERVICES.includes(answers.service as ComplaintService)) issue('service', 'complaints.web.error.serviceMissing');
      // The account and the number concerned are optional: a pay-as-you-go customer may have neither an account nor a bill.
      const account = answers.accountNumber ?? '';
      if ([...account].length > ACCOUNT_NUMBER_MAX)
        issue('accountNumber', 'complaints.web.error.tooLong', { max: ACCOUNT_NUMBER_MAX, count: [...account].length });
      const number = answers.serviceNumber ?? '';
      if (number !== '' && !PHONE_PATTERN.test(number)) issue('serviceNumber', 'complaints.web.error.serviceNumberInvalid');
      break;
    }
    case 'problem':
      if (!answers.category || !rules.categories.includes(answers.category)) issue('category', 'complaints.web.error.categoryMissing');
      break;
    case 'what-happened': {
      const length = [...(answers.description ?? '')].length;
      if (length === 0) issue('description', 'complaints.web.error.descriptionMissing');
      else if (length < DESCRIPTION_MIN) issue('description', 'complaints.web.error.descriptionShort', { min: DESCRIPTION_MIN });
      else if (length > DESCRIPTION_MAX) issue('description', 'complaints.web.error.tooLong', { max: DESCRIPTION_MAX, count: length });
      const problem = checkDate(
        answers.problemStartDay ?? '',
        answers.problemStartMonth ?? '',
        answers.problemStartYear ?? '',
        rules.today,
        'complaints.web.error.problemDateMissing',
      );
      if (problem) issue('problemStart', problem.messageKey, problem.values);
      break;
    }
    case 'outcome': {
      const length = [...(answers.desiredOutcome ?? '')].length;
      if (length === 0) issue('desiredOutcome', 'complaints.web.error.outcomeMissing');
      else if (length > OUTCOME_MAX) issue('desiredOutcome', 'complaints.web.error.tooLong', { max: OUTCOME_MAX, count: length });
      break;
    }
    case 'operator-contact': {
      if (answers.contacted !== 'yes' && answers.contacted !== 'no') {
        issue('contacted', 'complaints.web.error.contactedMissing');
        break;
      }
      if (answers.contacted === 'yes') {
        const problem = checkDate(
          answers.contactDateDay ?? '',
          answers.contactDateMonth ?? '',
          answers.contactDateYear ?? '',
          rules.today,
          'complaints.web.error.dateMissing',
        );
        if (problem) issue('contactDate', problem.messageKey, problem.values);
      }
      break;
    }
    case 'your-details': {
      const name = answers.name ?? '';
      if (name === '') issue('name', 'complaints.web.error.nameMissing');
      else if (name.length > 200) issue('name', 'complaints.web.error.tooLong', { max: 200, count: name.length });
      const contactBy = answers.contactBy ?? 'email';
      if (!CONTACT_CHANNELS.includes(contactBy as ContactChannel)) issue('contactBy', 'complaints.web.error.contactByMissing');
      const email = (answers.email ?? '').toLowerCase();
      // With texts to a mobile number, an e-mail address is optional.
      if (email === '') {
        if (contactBy !== 'sms') issue('email', 'complaints.web.error.emailMissing');
      } else if (email.length > 320 || !EMAIL_PATTERN.test(email)) issue('email', 'complaints.web.error.emailInvalid');
      const phone = answers.phone ?? '';
      if (contactBy === 'sms') {
        const problem = mobileProblemOf(phone, rules.country);
        if (problem) issue('phone', problem);
      } else if (phone !== '' && !PHONE_PATTERN.test(phone)) issue('phone', 'complaints.web.error.phoneInvalid');
      break;
    }
    case 'support': {
      if (answers.needsSupport !== 'yes' && answers.needsSupport !== 'no') {
        issue('needsSupport', 'complaints.web.error.supportMissing');
        break;
      }
      if (answers.needsSupport === 'yes') {
        const needs = answers.extraSupport ?? [];
        if (needs.length === 0) issue('extraSupport', 'complaints.web.error.supportNeedMissing');
        else if (needs.some((n) => !EXTRA_SUPPORT_NEEDS.includes(n as ExtraSupportNeed))) issue('extraSupport', 'complaints.web.error.supportNeedMissing');
        const length = [...(answers.extraSupportDetails ?? '')].length;
        if (length > SUPPORT_DETAILS_MAX) issue('extraSupportDetails', 'complaints.web.error.tooLong', { max: SUPPORT_DETAILS_MAX, count: length });
      }
      break;
    }
    case 'evidence':
      if (!answers.isEvidenceDone) issue('file', 'complaints.web.error.evidenceNotSeen');
      break;
    case 'consent':
      if (answers.consent !== 'yes') issue('consent', 'complaints.web.error.consentMissing');
      break;
  }
  return issues;
}

/**
 * Checks a date typed in three boxes: every part present, a real date, not in the future.
 * Returns the problem (`missingKey` when no part was typed), or undefined when the date is right.
 */
export function checkDate(
  day: string,
  month: string,
  year: string,
  today: string,
  missingKey: string,
): { messageKey: string; values?: Record<string, string> } | undefined {
  const parts = { day: day.trim(), month: month.trim(), year: year.trim() };
  if (parts.day === '' && parts.month === '' && parts.year === '') return { messageKey: missingKey };
  const missing = (['day', 'month', 'year'] as const).filter((p) => parts[p] === '');
  if (missing.length > 0) return { messageKey: `complaints.web.error.dateMissing${missing.map((m) => m.charAt(0).toUpperCase() + m.slice(1)).join('')}` };
  const notReal = { messageKey: 'complaints.web.error.dateReal', values: { example: DATE_EXAMPLE } };
  if (!/^[0-9]{1,2}$/.test(parts.day) || !/^[0-9]{1,2}$/.test(parts.month) || !/^[0-9]{4}$/.test(parts.year)) return notReal;
  const iso = isoDateOf(parts.day, parts.month, parts.year);
  if (iso === undefined) return notReal;
  if (iso > today) return { messageKey: 'complaints.web.error.dateFuture' };
  if (iso < '1990-01-01') return notReal;
  return undefined;
}

/** YYYY-MM-DD of a day, month and year, or undefined when that day does not exist (31 April). */
export function isoDateOf(day: string, month: string, year: string): string | undefined {
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  if (!Number.isInteger(d) || !Number.isInteger(m) || !Number.isInteger(y)) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** The first page whose answers are missing or wrong, or undefined when every page is answered. */
export function firstIncompleteStep(answers: DraftAnswers, rules: AnswerRules): FilingStep | undefined {
  return FILING_STEPS.find((step) => checkStep(step, answers, rules).length > 0);
}

/** The message key of what is wrong with a mobile number typed for texts, or undefined when it is one. */
export function mobileProblemOf(typed: string, country: string): string | undefined {
  if (typed.trim() === '') return 'complaints.web.error.mobileMissing';
  const read = readMobileNumber(typed, country);
  if (read.ok) return undefined;
  return read.problem === 'not-mobile' ? 'complaints.web.error.mobileNotMobile' : 'complaints.web.error.mobileInvalid';
}

/** The page before `step`, or undefined for the first. */
export function previousStep(step: FilingStep): FilingStep | undefined {
  const at = FILING_STEPS.indexOf(step);
  return at > 0 ? FILING_STEPS[at - 1] : undefined;
}

/** The page after `step`, or undefined after the last. */
export function nextStep(step: FilingStep): FilingStep | undefined {
  return FILING_STEPS[FILING_STEPS.indexOf(step) + 1];
}

/** The form values of a page (strings, as its fields show them) from the stored answers. */
export function formValuesOf(answers: DraftAnswers): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(answers)) {
    if (typeof value === 'string') values[key] = value;
  }
  return values;
}

/** The complaint the core service files, from complete answers (check them first with {@link firstIncompleteStep}). */
export function toSubmission(answers: DraftAnswers, language: string): ComplaintSubmission {
  const contacted = answers.contacted === 'yes';
  const date = contacted ? isoDateOf(answers.contactDateDay ?? '', answers.contactDateMonth ?? '', answers.contactDateYear ?? '') : undefined;
  const priorContact: ComplaintSubmission['priorContact'] = { contacted };
  if (date) priorContact.date = date;
  if (contacted && answers.operatorReference) priorContact.operatorReference = answers.operatorReference;
  const consumer: ComplaintSubmission['consumer'] = { name: answers.name ?? '', email: (answers.email ?? '').toLowerCase(), language };
  if (answers.phone) consumer.phone = answers.phone;
  if (answers.contactBy === 'sms') consumer.contactBy = 'sms';
  if (answers.accountNumber) consumer.accountNumber = answers.accountNumber;
  if (answers.serviceNumber) consumer.serviceNumber = answers.serviceNumber;
  const problemStartedOn = isoDateOf(answers.problemStartDay ?? '', answers.problemStartMonth ?? '', answers.problemStartYear ?? '');
  const submission: ComplaintSubmission = {
    operatorIds: answers.operatorIds ?? [],
    service: (answers.service ?? 'other') as ComplaintService,
    category: answers.category ?? '',
    description: answers.description ?? '',
    desiredOutcome: answers.desiredOutcome ?? '',
    priorContact,
    consumer,
    extraSupport: answers.needsSupport === 'yes' ? ((answers.extraSupport ?? []) as ExtraSupportNeed[]) : [],
    consent: answers.consent === 'yes',
    channel: 'web',
  };
  if (problemStartedOn) submission.problemStartedOn = problemStartedOn;
  if (answers.needsSupport === 'yes' && answers.extraSupportDetails) submission.extraSupportDetails = answers.extraSupportDetails;
  return submission;
}
