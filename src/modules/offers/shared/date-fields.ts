/**
 * Dates asked as three boxes (day, month, year), as the platform's `DateInput` renders them: the
 * same in every browser, with or without JavaScript, so a hint can say how to fill them. Pure.
 */
import { englishOf, InvalidRequest, keyedProblem, SHARED_MESSAGES } from './offer-messages.ts';

/** What was typed in the three boxes of a date. */
export interface DateFields {
  day: string;
  month: string;
  year: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PART = /^\d{1,4}$/;

/** Whether a string is a real calendar day written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/** The boxes of the date named `name` in a query (`<name>Day`, `<name>Month`, `<name>Year`), or undefined when all are empty. */
export function dateFieldsOf(query: Readonly<Record<string, unknown>>, name: string): DateFields | undefined {
  const part = (suffix: string) => {
    const value = query[`${name}${suffix}`];
    return typeof value === 'string' ? value.trim() : '';
  };
  const fields = { day: part('Day'), month: part('Month'), year: part('Year') };
  return fields.day === '' && fields.month === '' && fields.year === '' ? undefined : fields;
}

/** The day the boxes name, YYYY-MM-DD, or undefined when they name no real day (31 April, a missing year). */
export function isoDateOf(fields: DateFields): string | undefined {
  if (![fields.day, fields.month, fields.year].every((p) => PART.test(p)) || fields.year.length !== 4) return undefined;
  const iso = `${fields.year}-${fields.month.padStart(2, '0')}-${fields.day.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : undefined;
}

/** The boxes of a YYYY-MM-DD date as a person types them (no leading zeros); empty boxes for anything else. */
export function dateFieldsFromIso(iso: string): DateFields {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(iso.trim());
  if (!match) return { day: '', month: '', year: '' };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] ?? '' };
}

/** The form values of the date named `name`: `<name>Day`, `<name>Month` and `<name>Year`. */
export function dateFormValues(name: string, fields: DateFields): Record<string, string> {
  return { [`${name}Day`]: fields.day, [`${name}Month`]: fields.month, [`${name}Year`]: fields.year };
}

/**
 * The day a link asks for (`?on=YYYY-MM-DD`), or undefined for today; a malformed one is refused
 * with the words of the catalogue.
 */
export function isoDateAsked(on: string | undefined): string | undefined {
  const date = on?.trim() || undefined;
  if (date !== undefined && !isCalendarDate(date)) {
    throw new InvalidRequest(
      [keyedProblem(SHARED_MESSAGES, 'on', 'offers.label.error.isoDate')],
      'OFFER_DATE_INVALID',
      englishOf(SHARED_MESSAGES, 'offers.label.error.isoDateDetail'),
    );
  }
  return date;
}
