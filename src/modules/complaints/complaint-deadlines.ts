import { addDays, localDateOf, startOfLocalDay, type WorkCalendar } from '../../platform/calendar.ts';
import type { ComplaintsSettings } from './complaints.settings.ts';

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
