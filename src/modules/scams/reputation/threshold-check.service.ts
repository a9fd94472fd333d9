import type { Clock } from '../../../platform/clock.ts';
import type { ScamsSettings } from '../scams.settings.ts';
import type { IdentifierStates } from './identifier-states.service.ts';
import { thresholdReachedAt, type CountedReport, type ThresholdRule } from './threshold.ts';
import type { ThresholdCheckRepository } from './threshold-check.repository.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The states from which enough reports move an identifier to `threshold_reached`. */
export const CHECKED_STATES = ['reported', 'rejected', 'cleared'] as const;

/** Counts the reports of identifiers after a report naming them, and moves those that reached the threshold. */
export interface ThresholdCheck {
  /** Checks each identifier a report just committed named; answers the ids moved to `threshold_reached`. */
  afterReport(identifierIds: readonly string[]): Promise<string[]>;
}

/** The profile's threshold as the pure rule reads it. */
export function thresholdRuleOf(settings: Pick<ScamsSettings, 'threshold' | 'reportWindowDays'>): ThresholdRule {
  return { ...settings.threshold, reportWindowDays: settings.reportWindowDays };
}

const instant = (value: string | Date | null): number => (value === null ? Number.POSITIVE_INFINITY : new Date(value).getTime());

/** Builds the check. */
export function createThresholdCheck(deps: {
  repository: ThresholdCheckRepository;
  states: IdentifierStates;
  clock: Clock;
  settings: Pick<ScamsSettings, 'threshold' | 'reportWindowDays'>;
}): ThresholdCheck {
  const rule = thresholdRuleOf(deps.settings);
  return {
    async afterReport(identifierIds) {
      const moved: string[] = [];
      // Identifiers already past the threshold are left out by this one read: a wave costs one query per report for them.
      const candidates = await deps.repository.identifiersIn([...new Set(identifierIds)], CHECKED_STATES);
      for (const identifier of candidates) {
        const now = deps.clock.now().getTime();
        const windowStart = now - rule.windowDays * DAY;
        // After a rejection or a clearing only the reports that came since count.
        const since = identifier.state === 'reported' ? windowStart : Math.max(windowStart, instant(identifier.state_changed_at));
        const rows = await deps.repository.reportsSince(identifier.id, new Date(since).toISOString());
        const reports: CountedReport[] = rows.map((row) => ({
          reporter: row.reporter_hash,
          filedAt: instant(row.filed_at),
          occurredAt: instant(row.occurred_at),
          reporterVerifiedAt: instant(row.first_verified_at),
        }));
        // Only reporters verified long enough before can count: the day's allowance is read for them alone.
        const settled = reports.filter((r) => r.filedAt - r.reporterVerifiedAt >= rule.minVerifiedHours * HOUR);
        const reporters = [...new Set(settled.map((r) => r.reporter))];
        if (reporters.length < rule.reporters) continue;
        const filings = new Map<string, number[]>();
        for (const row of await deps.repository.filingsSince(reporters, new Date(since - DAY).toISOString()))
          filings.set(row.reporter_hash, [...(filings.get(row.reporter_hash) ?? []), instant(row.filed_at)]);
        if (thresholdReachedAt(settled, rule, filings) === undefined) continue;
        const result = await deps.states.move({
          identifierId: identifier.id,
          to: 'threshold_reached',
          actor: { type: 'system', id: null },
          reason: identifier.state === 'reported' ? 'threshold' : 'reportedAgain',
          expectedFrom: identifier.state as (typeof CHECKED_STATES)[number],
        });
        // A conflict is another report's check that moved it first.
        if (result.ok) moved.push(identifier.id);
      }
      return moved;
    },
  };
}
