import type { Clock } from '../../../platform/clock.ts';
import type { ScamsSettings } from '../scams.settings.ts';
import type { RetentionCounts, ScamRetentionRepository } from './scam-retention.repository.ts';

const DAY_MS = 86_400_000;

/**
 * One run of the module's retention: raw texts, links and screenshots after `rawDays`; reporters'
 * numbers and contacts and decided appeals' statements after `reporterDays`; number checks after
 * `numberCheckHours`; numbers, sender ids and domains never listed after `unconfirmedDays`. Counts, states and categories stay, so statistics and open data do not change.
 */
export async function runScamRetention(deps: {
  repository: ScamRetentionRepository;
  clock: Clock;
  retention: ScamsSettings['retention'];
}): Promise<RetentionCounts> {
  const now = deps.clock.now();
  const before = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const { rawDays, reporterDays, unconfirmedDays, numberCheckHours } = deps.retention;
  const raw = await deps.repository.deleteRaw(before(rawDays * DAY_MS), now.toISOString());
  const reporters = await deps.repository.eraseReporters(before(reporterDays * DAY_MS));
  const appeals = await deps.repository.eraseAppeals(before(reporterDays * DAY_MS));
  const identifiers = await deps.repository.eraseUnlisted(before(unconfirmedDays * DAY_MS));
  const numberChecks = await deps.repository.deleteNumberChecks(before(numberCheckHours * 3_600_000));
  return { ...raw, reporters, appeals, identifiers, numberChecks };
}
