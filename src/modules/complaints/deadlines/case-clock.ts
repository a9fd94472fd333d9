import { deadlineOf, type WorkCalendar } from '../../../platform/calendar.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import { DEADLINE_STAGES, isKnownForLong, stageDeadlineOf, type DeadlineStage } from './deadlines.ts';
import type { CaseRow, ComplaintRepository, DeadlineRow, PauseRow } from '../cases/complaint.repository.ts';
import type { ComplaintsSettings } from '../complaints.settings.ts';
import type { ComplaintStage } from '../cases/complaint.types.ts';

/** What the deadlines' clock needs: new ids, the profile's deadlines and the working calendar. */
export interface CaseClockDeps {
  ids: IdGenerator;
  settings: ComplaintsSettings;
  calendar: WorkCalendar;
}

/**
 * Builds the deadlines' clock of a case, over the pure rules of `deadlines.ts`: a stage's deadline
 * opened, due days pushed back by the pauses, and a stopped clock restarted.
 */
export function createCaseClock(deps: CaseClockDeps) {
  const { ids, settings, calendar } = deps;

  /** Opens the deadline of `stage`, when it has one. */
  async function openDeadline(
    repo: ComplaintRepository,
    caseRow: Pick<CaseRow, 'id' | 'has_extra_support' | 'problem_started_on' | 'filed_at'>,
    stage: ComplaintStage,
    at: string,
  ): Promise<DeadlineRow | null> {
    if (!(DEADLINE_STAGES as readonly string[]).includes(stage)) return null;
    const setting = stageDeadlineOf(settings, stage as DeadlineStage, {
      hasExtraSupport: Boolean(caseRow.has_extra_support),
      isKnownForLong: isKnownForLong(settings, calendar, caseRow.problem_started_on, new Date(caseRow.filed_at)),
    });
    const row: DeadlineRow = {
      id: ids(),
      case_id: caseRow.id,
      stage,
      starts_at: at,
      days: setting.days,
      count: setting.count,
      due_at: deadlineOf(calendar, new Date(at), setting.days, setting.count, { lastDay: settings.lastDayOnNonBusinessDay }).toISOString(),
      met_at: null,
      is_missed: false,
    };
    await repo.insertDeadline(row);
    return row;
  }

  /**
   * Gives the open deadlines of a case the due day their pauses make, a pause still running
   * counted up to `at`: each pause clipped to the deadline's start, so days before a stage began
   * never move its deadline.
   */
  async function settleDueDates(repo: ComplaintRepository, caseId: string, at: string, pauses: readonly PauseRow[]): Promise<void> {
    for (const d of (await repo.listDeadlinesOf([caseId])).filter((x) => x.met_at === null)) {
      const clipped = pauses
        .filter((p) => (p.to_at ?? at) > d.starts_at)
        .map((p) => ({ from: new Date(p.from_at < d.starts_at ? d.starts_at : p.from_at), to: p.to_at === null ? null : new Date(p.to_at) }));
      const due = deadlineOf(calendar, new Date(d.starts_at), d.days, d.count === 'calendar' ? 'calendar' : 'business', {
        pauses: clipped,
        now: new Date(at),
        lastDay: settings.lastDayOnNonBusinessDay,
      });
      if (due.toISOString() !== d.due_at) await repo.updateDeadlineDue(d.id, due.toISOString());
    }
  }

  /** Restarts a stopped clock: ends the pauses and pushes the open deadlines back by the days they stood still. */
  async function restartClock(repo: ComplaintRepository, caseId: string, at: string): Promise<void> {
    const ended = await repo.endOpenPauses(caseId, at);
    if (ended > 0) await settleDueDates(repo, caseId, at, await repo.listPauses(caseId));
  }

  return { openDeadline, settleDueDates, restartClock };
}
