import type { Clock } from '../../../platform/clock.ts';
import type { OperatorDataRepository } from './operator-dumps.repository.ts';

/** The job type of the daily retention clean-up of observations. */
export const OBSERVATION_RETENTION_JOB = 'devices.observations.retention';

/**
 * The first day still inside the retention: `months` calendar months before `today` (ISO
 * dates). The day of the month is kept, or the month's last day when it has fewer days.
 *
 * @example
 * retentionCutoff('2026-08-31', 6) // '2026-02-28'
 */
export function retentionCutoff(today: string, months: number): string {
  const [year = 0, month = 1, day = 1] = today.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * Clears the IMSI, MSISDN and their hashes from every observation last seen before the
 * retention cut-off, and from every pairing that left the pairing list before it. The rows stay,
 * without personal data: the IMEI was seen on this operator's network, from this home network,
 * between these days; the IMEI was paired between these days.
 */
export async function anonymiseExpiredObservations(deps: {
  repository: OperatorDataRepository;
  clock: Clock;
  retentionMonths: number;
}): Promise<{ cutoff: string; anonymised: number; pairings: number }> {
  const cutoff = retentionCutoff(deps.clock.now().toISOString().slice(0, 10), deps.retentionMonths);
  return {
    cutoff,
    anonymised: await deps.repository.anonymiseObservationsBefore(cutoff),
    pairings: await deps.repository.anonymisePairingsEndedBefore(cutoff),
  };
}
