import { endOfLocalDay, localDateOf } from '../../../platform/calendar.ts';
import { Invalid } from '../../../platform/http/errors.ts';
import { complaintProblem } from '../cases/complaint-messages.ts';
import { COMPLAINT_SERVICES } from '../cases/complaint.types.ts';
import type { CaseWorkflow } from '../cases/case-workflow.ts';
import { computeQuarterStatistics, quarterRange, quartersBetween, type QuarterStatistics } from './complaint-statistics.ts';

const DAY_MS = 86_400_000;

/** Builds the published statistics: a quarter's figures and the quarters there are. */
export function createStatisticsService(w: CaseWorkflow) {
  const { repository, clock, settings, calendar, smallestCount } = w;

  const SETTLED = new Set(['accepted', 'decision', 'implemented', 'closed']);

  /** The published statistics of a quarter (`2026-Q4`, local dates of the jurisdiction), with disclosure control. */
  async function statistics(quarter: string): Promise<QuarterStatistics> {
    const range = quarterRange(quarter);
    if (!range) throw new Invalid([complaintProblem('quarter', 'quarterInvalid')]);
    const dayBefore = new Date(Date.parse(`${range.from}T12:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
    const from = new Date(endOfLocalDay(dayBefore, calendar.timeZone).getTime() + 1).toISOString();
    const to = endOfLocalDay(range.to, calendar.timeZone).toISOString();
    const rows = await repository.listForStatistics(from, to);
    const subscribers = await repository.listSubscribers(quarter);
    const operators = await w.operators.list();
    return computeQuarterStatistics({
      quarter,
      cases: rows.map((r) => {
        const settled = r.history.find((h) => SETTLED.has(h.to_stage));
        const answer = [...r.history].reverse().find((h) => h.to_stage === 'accepted' || h.to_stage === 'rejected');
        return {
          operatorId: r.operator_id,
          service: r.service,
          category: r.category,
          daysToResolution: settled ? (Date.parse(settled.at) - Date.parse(r.filed_at)) / DAY_MS : null,
          isWithinDeadlines: r.missed === 0,
          isEscalated: r.history.some((h) => h.to_stage === 'investigation'),
          consumerAnswer: answer ? (answer.to_stage === 'accepted' ? 'accepted' : 'rejected') : null,
        };
      }),
      subscribers: subscribers.map((s) => ({ operatorId: s.operator_id, service: s.service, subscribers: s.subscribers })),
      operatorIds: operators.map((o) => o.id),
      services: [...COMPLAINT_SERVICES],
      categories: settings.categories,
      threshold: smallestCount,
    });
  }

  /** The quarters that have complaints, newest first (the current one when there is none). */
  async function statisticsQuarters(): Promise<string[]> {
    const span = await repository.filingSpan();
    const today = localDateOf(clock.now(), calendar.timeZone);
    if (!span) return quartersBetween(today, today);
    return quartersBetween(localDateOf(new Date(span.first), calendar.timeZone), localDateOf(new Date(span.last), calendar.timeZone));
  }

  return { statistics, statisticsQuarters };
}
