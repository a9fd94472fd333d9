import { Temporal } from 'temporal-polyfill';
import { addDays, deadlineOf, localDateOf, startOfLocalDay, type DayCount, type WorkCalendar } from '../../../platform/calendar.ts';
import type { CaseRow } from '../cases/complaint.repository.ts';
import type { ComplaintStage } from '../cases/complaint.types.ts';
import type { ComplaintsSettings } from '../complaints.settings.ts';

/** One deadline of a stage: how many days the stage may last, how they count, and the shorter limit for extra-support cases. */
export interface StageDeadlineSetting {
  days: number;
  count: DayCount;
  /** Days for cases of consumers who need extra support; the same as `days` when absent. */
  extraSupportDays?: number;
  /** Days when the problem started more than `lateAwarenessMonths` before the complaint; the same as `days` when absent. */
  lateAwarenessDays?: number;
}

/** The stages that carry a deadline, and who must act before it ends. */
export const DEADLINE_STAGES = ['received', 'referred_to_operator', 'investigation', 'decision'] as const;

/** A stage with a deadline. */
export type DeadlineStage = (typeof DEADLINE_STAGES)[number];

/** The stages from which a consumer may take an unsettled case to the regulator once the right opens. */
export const ESCALATION_STAGES: readonly ComplaintStage[] = ['referred_to_operator', 'operator_responded', 'resolution_proposed'];

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
export function isKnownForLong(
  settings: Pick<ComplaintsSettings, 'lateAwarenessMonths'>,
  calendar: WorkCalendar,
  problemStartedOn: string | null,
  filedAt: Date,
): boolean {
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
export function stageDeadlineOf(
  settings: Pick<ComplaintsSettings, 'deadlines'>,
  stage: DeadlineStage,
  facts: { hasExtraSupport: boolean; isKnownForLong: boolean },
): { days: number; count: DayCount } {
  const s = settings.deadlines[stage];
  if (facts.hasExtraSupport && s.extraSupportDays !== undefined) return { days: s.extraSupportDays, count: s.count };
  if (facts.isKnownForLong && s.lateAwarenessDays !== undefined) return { days: s.lateAwarenessDays, count: s.count };
  return { days: s.days, count: s.count };
}

/** Whether the consumer may now escalate a case: at once on deadlock, else from `escalation_opens_at` on. */
export function isEscalationOpen(c: Pick<CaseRow, 'is_deadlock' | 'escalation_opens_at'>, now: string): boolean {
  return Boolean(c.is_deadlock) || c.escalation_opens_at <= now;
}

/**
 * The end of the review window of a case closed at `closedAt`: the end of the local day
 * `reviewWindowDays` calendar or business days after the day of closing; with 0 days, the
 * closing itself, so that only an administrator may reopen.
 */
export function reviewWindowEndOf(
  settings: Pick<ComplaintsSettings, 'reviewWindowDays' | 'reviewWindowCount' | 'lastDayOnNonBusinessDay'>,
  calendar: WorkCalendar,
  closedAt: string,
): string {
  return settings.reviewWindowDays === 0
    ? closedAt
    : deadlineOf(calendar, new Date(closedAt), settings.reviewWindowDays, settings.reviewWindowCount, {
        lastDay: settings.lastDayOnNonBusinessDay,
      }).toISOString();
}
