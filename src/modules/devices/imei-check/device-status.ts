/**
 * The one status a consumer sees for an IMEI, decided from the calculator's verdicts, the TAC
 * database and what the lists say ({@link ListSignals}). Pure: an IMEI no list names is valid,
 * unknown TAC or invalid.
 */
import type { CheckSignalRow } from './imei-check.repository.ts';
import type { ImeiAnalysis } from './imei.ts';

/** What the check tells a buyer, from the most to the least serious. */
export type DeviceStatus = 'blocked' | 'reportedStolen' | 'invalid' | 'duplicateWatch' | 'unknownTac' | 'valid';

/** Every status, in the order of precedence. */
export const DEVICE_STATUSES: readonly DeviceStatus[] = ['blocked', 'reportedStolen', 'invalid', 'duplicateWatch', 'unknownTac', 'valid'];

/** What one list says about one IMEI key. */
export interface ListSignal {
  status: 'blocked' | 'reportedStolen' | 'duplicateWatch';
  /** The day the IMEI entered the list (ISO 8601 date), shown with "blocked since". */
  since: string | null;
}

/**
 * What the lists say about checked IMEIs (the block list, stolen reports, the duplicate watch),
 * from the list rows the check read with them, by IMEI key.
 */
export interface ListSignals {
  of(rows: readonly CheckSignalRow[]): Promise<ReadonlyMap<string, readonly ListSignal[]>>;
}

/** The decided status and, for list statuses, since when. */
export interface StatusDecision {
  status: DeviceStatus;
  since: string | null;
}

/**
 * Decides the status: a list entry about the device wins (a blocked phone will not work whatever
 * else is true), then an unusable number or one whose check digit does not match, then the
 * duplicate watch, then an unknown TAC. A wrong check digit only warns among the verdicts (it is
 * most often a slip of the finger, and the lists are still read for the first 14 digits), but the
 * number as given is no genuine IMEI, so it is never called valid: the advice of `invalid` is to
 * check the number typed.
 */
export function decideStatus(analysis: ImeiAnalysis, isTacKnown: boolean, signals: readonly ListSignal[]): StatusDecision {
  for (const status of ['blocked', 'reportedStolen'] as const) {
    const found = earliest(signals.filter((s) => s.status === status));
    if (found) return { status, since: found.since };
  }
  if (!analysis.isUsable || analysis.verdicts.checkDigit.code === 'mismatch') return { status: 'invalid', since: null };
  const watched = earliest(signals.filter((s) => s.status === 'duplicateWatch'));
  if (watched) return { status: 'duplicateWatch', since: watched.since };
  if (!isTacKnown) return { status: 'unknownTac', since: null };
  return { status: 'valid', since: null };
}

function earliest(signals: readonly ListSignal[]): ListSignal | undefined {
  return [...signals].sort((a, b) => (a.since ?? '9999').localeCompare(b.since ?? '9999'))[0];
}
