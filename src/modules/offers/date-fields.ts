/** Dates a link gives as YYYY-MM-DD (`?on=`, `?asOf=`). Pure. */
import { englishOf, InvalidRequest, keyedProblem } from './offer-messages.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a string is a real calendar day written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/**
 * The day a link asks for (`?on=YYYY-MM-DD`), or undefined for today; a malformed one is refused
 * with the words of the catalogue.
 */
export function isoDateAsked(on: string | undefined): string | undefined {
  const date = on?.trim() || undefined;
  if (date !== undefined && !isCalendarDate(date)) {
    throw new InvalidRequest([keyedProblem('offers', 'on', 'offers.label.error.isoDate')], 'OFFER_DATE_INVALID', englishOf('offers', 'offers.label.error.isoDateDetail'));
  }
  return date;
}
