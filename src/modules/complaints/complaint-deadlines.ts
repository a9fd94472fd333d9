import { Temporal } from 'temporal-polyfill';
import { addDays, localDateOf, startOfLocalDay, type DayCount, type WorkCalendar } from '../../platform/calendar.ts';
import type { ComplaintsSettings, DeadlineStage } from './complaints.settings.ts';

/**
 * When a consumer may take an unsettled case to the regulator: at the start of the local day
 * `escalationWeeks` weeks after the day of filing. Ofcom's General Condition C4 opens ADR once
 * eight weeks have passed since the complaint was made; counted on the jurisdiction's calendar, the
 * right opens as the day the follow page names begins. Stopping the clock does not move it.
 *
 * @example
 * escalationOpensAtOf(settings, kenya, new Date('2026-12-01T09:00:00Z')) // 2027-01-25T21:00:00.000Z (8 weeks)
 */
export function escalationOpensAtOf(settings: Pick<ComplaintsSettings, 'escalationWeeks'>, calendar: WorkCalendar, filedAt: Date): Date {
  const filedOn = localDateOf(filedAt, calendar.timeZone);
  return startOfLocalDay(addDays(calendar, filedOn, settings.escalationWeeks * 7, 'calendar'), calendar.timeZone);
}

/**
 * True when the consumer had known of the problem for more than `lateAwarenessMonths` months on the
 * day of filing: Kinga takes the day the problem started (which the form asks) as the day they
 * became aware of it, the earliest they can have. Without the rule or the day, false.
 *
 * @example
 * isKnownForLong({ lateAwarenessMonths: 24 }, kenya, '2024-11-30', new Date('2026-12-01T09:00:00Z')) // true
 */
export function isKnownForLong(settings: Pick<ComplaintsSettings, 'lateAwarenessMonths'>, calendar: WorkCalendar, problemStartedOn: string | null, filedAt: Date): boolean {
  if (settings.lateAwarenessMonths === null || problemStartedOn === null) return false;
  // "More than 24 months": the same day 24 months later is not yet more; 31 January plus one month is the last day of February.
  const limit = Temporal.PlainDate.from(problemStartedOn).add({ months: settings.lateAwarenessMonths });
  return Temporal.PlainDate.compare(Temporal.PlainDate.from(localDateOf(filedAt, calendar.timeZone)), limit) > 0;
}

/**
 * The days and count of a stage's deadline for one case: the extra-support days for a consumer who
 * needs extra support (the shorter limit protects them first), else the late-awareness days for a
 * problem known for long, else the stage's days.
 */
export function stageDeadlineOf(settings: Pick<ComplaintsSettings, 'deadlines'>, stage: DeadlineStage, facts: { hasExtraSupport: boolean; isKnownForLong: boolean }): { days: number; count: DayCount } {
  const s = settings.deadlines[stage];
  if (facts.hasExtraSupport && s.extraSupportDays !== undefined) return { days: s.extraSupportDays, count: s.count };
  if (facts.isKnownForLong && s.lateAwarenessDays !== undefined) return { days: s.lateAwarenessDays, count: s.count };
  return { days: s.days, count: s.count };
}
