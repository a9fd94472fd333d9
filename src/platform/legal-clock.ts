import { Temporal } from 'temporal-polyfill';
import { addDays, nextBusinessDay, type WorkCalendar } from './calendar.ts';

/**
 * A length of time a law gives, counted from the day something was received: whole months (to
 * the same day of the month, or its last day when that day does not exist, as Regulation (EEC,
 * Euratom) No 1182/71 counts the GDPR's month), calendar days, or business days of the profile's
 * calendar. One of the three, a whole number of at least 1.
 */
export type LegalPeriod = { months: number } | { days: number } | { businessDays: number };

/**
 * A legal clock, as a jurisdiction profile writes it: the time to answer, the longest it may take
 * once extended (counted from receipt too), the time to acknowledge receipt, whether an end on a
 * weekend day or holiday moves to the next business day, and whether waiting for proof of identity
 * stops the clock.
 */
export interface LegalClock {
  answer: LegalPeriod;
  /** Null: the answer may not be extended. */
  extended: LegalPeriod | null;
  /** Null: no acknowledgement is required. */
  acknowledge: LegalPeriod | null;
  rollForward: boolean;
  stopsForIdentity: boolean;
}

/** The dates a request received on one day must meet (local dates, YYYY-MM-DD). */
export interface LegalDates {
  due: string;
  /** Null when the clock allows no extension. */
  extendedDue: string | null;
  /** Null when no acknowledgement is required. */
  acknowledgeBy: string | null;
}

const isWhole = (n: number) => Number.isInteger(n) && n >= 1 && n <= 3660;

/**
 * The last day of `period` counted from `received`: the day of receipt does not count, so one
 * month from 30 January ends on 28 (or 29) February and 45 days from 2 November on 17 December.
 * Days when the clock stood still (`pausedDays`) are added, then an end on a day that is not a
 * business day moves to the next one when `rollForward`.
 */
export function periodEnd(calendar: WorkCalendar, received: string, period: LegalPeriod, options: { rollForward: boolean; pausedDays?: number }): string {
  const paused = options.pausedDays ?? 0;
  if (!Number.isInteger(paused) || paused < 0) throw new RangeError('pausedDays must be a whole number of at least 0.');
  const start = Temporal.PlainDate.from(received);
  let end: string;
  if ('months' in period) {
    if (!isWhole(period.months)) throw new RangeError('months must be a whole number from 1.');
    // `constrain` gives the last day of a shorter month: 31 August plus one month is 30 September.
    end = start.add({ months: period.months }, { overflow: 'constrain' }).toString();
  } else if ('days' in period) {
    if (!isWhole(period.days)) throw new RangeError('days must be a whole number from 1.');
    end = start.add({ days: period.days }).toString();
  } else {
    if (!isWhole(period.businessDays)) throw new RangeError('businessDays must be a whole number from 1.');
    end = addDays(calendar, received, period.businessDays, 'business');
  }
  if (paused > 0) end = Temporal.PlainDate.from(end).add({ days: paused }).toString();
  return options.rollForward ? nextBusinessDay(calendar, end) : end;
}

/** The due date, the extended due date and the acknowledgement date of a request received on `received`. */
export function legalDates(calendar: WorkCalendar, clock: LegalClock, received: string, pausedDays = 0): LegalDates {
  const paused = clock.stopsForIdentity ? pausedDays : 0;
  const end = (period: LegalPeriod, days: number) => periodEnd(calendar, received, period, { rollForward: clock.rollForward, pausedDays: days });
  return {
    due: end(clock.answer, paused),
    extendedDue: clock.extended ? end(clock.extended, paused) : null,
    // Acknowledging receipt does not wait for proof of identity.
    acknowledgeBy: clock.acknowledge ? end(clock.acknowledge, 0) : null,
  };
}
