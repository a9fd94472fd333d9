import { Temporal } from 'temporal-polyfill';

/**
 * A working calendar: the time zone in which days start and end, the ISO weekdays that are not
 * business days (1 = Monday … 7 = Sunday) and the public holidays (YYYY-MM-DD, local dates).
 */
export interface WorkCalendar {
  timeZone: string;
  weekend: readonly number[];
  holidays: ReadonlySet<string>;
}

/** How days are counted: every day, or only business days (neither weekend nor holiday). */
export type DayCount = 'calendar' | 'business';

/** A span of time when a deadline's clock stood still; `to` is null while it still stands. */
export interface ClockPause {
  from: Date;
  to: Date | null;
}

/**
 * The calendar of a jurisdiction profile.
 *
 * @example
 * const cal = calendarOf({ timeZone: 'Africa/Nairobi', weekend: [6, 7], holidays: [{ date: '2026-12-25' }] });
 */
export function calendarOf(profile: { timeZone: string; weekend: readonly number[]; holidays: readonly { date: string }[] }): WorkCalendar {
  return { timeZone: profile.timeZone, weekend: [...profile.weekend], holidays: new Set(profile.holidays.map((h) => h.date)) };
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDateOf(at: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/** True when the local date is neither a weekend day nor a public holiday. */
export function isBusinessDay(calendar: WorkCalendar, date: string): boolean {
  const day = Temporal.PlainDate.from(date);
  return !calendar.weekend.includes(day.dayOfWeek) && !calendar.holidays.has(day.toString());
}

/**
 * The last instant of a local day, as a UTC `Date`: one millisecond before the next local day
 * starts. A day of 23 or 25 hours (a daylight-saving change) ends where its clocks say midnight.
 */
export function endOfLocalDay(date: string, timeZone: string): Date {
  const nextStart = Temporal.PlainDate.from(date).add({ days: 1 }).toZonedDateTime({ timeZone });
  return new Date(nextStart.epochMilliseconds - 1);
}

/**
 * The local date `days` days after `date`: every day for `calendar`, only business days for
 * `business` (so a start on a Saturday with one business day ends on Monday).
 */
export function addDays(calendar: WorkCalendar, date: string, days: number, count: DayCount): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a whole number of at least 0.');
  let day = Temporal.PlainDate.from(date);
  if (count === 'calendar') return day.add({ days }).toString();
  let left = days;
  // A holiday list longer than ten years of days is not a calendar; the bound stops a weekend of seven days looping forever.
  for (let guard = 0; left > 0; guard += 1) {
    if (guard > 3660 + days) throw new RangeError('The calendar has no business day.');
    day = day.add({ days: 1 });
    if (isBusinessDay(calendar, day.toString())) left -= 1;
  }
  return day.toString();
}

/** The first business day on or after `date`. */
export function nextBusinessDay(calendar: WorkCalendar, date: string): string {
  let day = Temporal.PlainDate.from(date);
  for (let guard = 0; !isBusinessDay(calendar, day.toString()); guard += 1) {
    if (guard > 3660) throw new RangeError('The calendar has no business day.');
    day = day.add({ days: 1 });
  }
  return day.toString();
}

/**
 * The length of the pauses in milliseconds; overlapping pauses count once and a pause still
 * running counts until `now`.
 */
export function pausedMs(pauses: readonly ClockPause[], now: Date): number {
  const spans = pauses
    .map((p) => [p.from.getTime(), (p.to ?? now).getTime()] as const)
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let openFrom = Number.NEGATIVE_INFINITY;
  let openTo = Number.NEGATIVE_INFINITY;
  for (const [from, to] of spans) {
    if (from > openTo) {
      if (openTo > openFrom) total += openTo - openFrom;
      openFrom = from;
      openTo = to;
    } else if (to > openTo) openTo = to;
  }
  if (openTo > openFrom) total += openTo - openFrom;
  return total;
}

/**
 * The instant a deadline of `days` days, counted from the local day of `start`, ends: the end
 * of the local day it falls on, in UTC. Pauses (the sum of their lengths, see {@link pausedMs})
 * push the deadline back by as long as the clock stood still, again to the end of a local day,
 * and for business days to the next business day.
 *
 * @example
 * deadlineOf(cal, new Date('2026-03-27T10:00:00Z'), 5, 'business') // 2026-04-03T21:59:59.999Z in Europe/Paris
 */
export function deadlineOf(calendar: WorkCalendar, start: Date, days: number, count: DayCount, pauses: readonly ClockPause[] = [], now: Date = start): Date {
  const base = endOfLocalDay(addDays(calendar, localDateOf(start, calendar.timeZone), days, count), calendar.timeZone);
  const paused = pausedMs(pauses, now);
  if (paused === 0) return base;
  // The pause is added on the time line, so a pause across a daylight-saving change is still its real length.
  let date = localDateOf(new Date(base.getTime() + paused), calendar.timeZone);
  if (count === 'business') date = nextBusinessDay(calendar, date);
  return endOfLocalDay(date, calendar.timeZone);
}
