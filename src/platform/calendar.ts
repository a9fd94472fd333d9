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

/** The first instant of a local day, as a UTC `Date` (on a day clocks go forward at midnight, the first that exists). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return new Date(Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).epochMilliseconds);
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
 * `business` (so a start on a Saturday with one business day ends on Monday). Days in `stopped`
 * (local dates when a deadline's clock stood still, see {@link pausedDates}) do not count.
 */
export function addDays(calendar: WorkCalendar, date: string, days: number, count: DayCount, stopped: ReadonlySet<string> = new Set()): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a whole number of at least 0.');
  let day = Temporal.PlainDate.from(date);
  if (count === 'calendar' && stopped.size === 0) return day.add({ days }).toString();
  let left = days;
  // A holiday list longer than ten years of days is not a calendar; the bound stops a weekend of seven days looping forever.
  for (let guard = 0; left > 0; guard += 1) {
    if (guard > 3660 + days + stopped.size) throw new RangeError('The calendar has no business day.');
    day = day.add({ days: 1 });
    const iso = day.toString();
    if ((count === 'calendar' || isBusinessDay(calendar, iso)) && !stopped.has(iso)) left -= 1;
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
 * The local dates on which a clock stood still. A pause counts the days between its two events as
 * rules count days between two events: the day it started on is excluded (the clock ran part of
 * it), the day it ended on is included (the clock restarts from the next day, as a deadline counts
 * from the day after its start), so a pause that starts and ends on one day costs nothing. A pause
 * still running ends today, the local day of `now`. Overlapping pauses count each day once.
 *
 * @example
 * pausedDates([{ from: friday10h, to: monday9h }], monday9h, 'Africa/Nairobi') // Set { saturday, sunday, monday }
 */
export function pausedDates(pauses: readonly ClockPause[], now: Date, timeZone: string): Set<string> {
  const dates = new Set<string>();
  for (const pause of pauses) {
    const last = Temporal.PlainDate.from(localDateOf(pause.to ?? now, timeZone));
    for (
      let day = Temporal.PlainDate.from(localDateOf(pause.from, timeZone)).add({ days: 1 });
      Temporal.PlainDate.compare(day, last) <= 0;
      day = day.add({ days: 1 })
    ) {
      dates.add(day.toString());
    }
  }
  return dates;
}

/**
 * What a deadline does when its last day is a weekend day or a public holiday: it stays there
 * (`keep`), or it moves to the next business day (`next_business_day`), as interpretation acts
 * extend a time limit that falls on an excluded day.
 */
export type LastDayRule = 'keep' | 'next_business_day';

/** The clock of a deadline beyond its days: its pauses, the present (for a pause still running) and its last-day rule. */
export interface DeadlineOptions {
  pauses?: readonly ClockPause[];
  /** The present instant, until which a pause still running counts; the start when absent. */
  now?: Date;
  /** `keep` when absent. */
  lastDay?: LastDayRule;
}

/**
 * The instant a deadline of `days` days, counted from the local day of `start` (excluded), ends:
 * the end of the local day it falls on, in UTC. The days the clock stood still
 * ({@link pausedDates}) do not count, so a business-day deadline moves by the business days of its
 * pauses and a calendar-day deadline by their days; a pause that begins after the deadline's last
 * day does not move it.
 *
 * @example
 * deadlineOf(cal, new Date('2026-03-27T10:00:00Z'), 5, 'business') // 2026-04-03T21:59:59.999Z in Europe/Paris
 */
export function deadlineOf(calendar: WorkCalendar, start: Date, days: number, count: DayCount, options: DeadlineOptions = {}): Date {
  const stopped = pausedDates(options.pauses ?? [], options.now ?? start, calendar.timeZone);
  let date = addDays(calendar, localDateOf(start, calendar.timeZone), days, count, stopped);
  if (options.lastDay === 'next_business_day') date = nextBusinessDay(calendar, date);
  return endOfLocalDay(date, calendar.timeZone);
}
