/**
 * The classification rules of the national equipment register: conditions, each an AND of
 * dimensions, read from `modules.devices.conditions` in the jurisdiction profile (their schema and
 * defaults are in `classification.settings.ts`). Pure: no clock, no database. The repository turns
 * each dimension into a set-based SQL predicate.
 */

/** The kinds of test one dimension applies to an IMEI. */
export const DIMENSION_TYPES = [
  'malformed',
  'repeatedDigit',
  'tacNotFound',
  'stolen',
  'notRegistered',
  'duplicate',
  'inconsistentRat',
  'testTac',
  'barred',
] as const;

/** One kind of dimension. */
export type DimensionType = (typeof DIMENSION_TYPES)[number];

/** One test of a condition; `isInverted` matches the IMEIs the test does not match. */
export type Dimension =
  { type: Exclude<DimensionType, 'duplicate'>; isInverted: boolean } | { type: 'duplicate'; isInverted: boolean; threshold: number; periodDays: number };

/** One rule: an IMEI meets it when it meets every dimension. */
export interface Condition {
  /** A stable name, such as `stolen`; the classification state is kept per name. */
  name: string;
  /** Whether meeting it puts the IMEI on the block list once the grace period is over. */
  isBlocking: boolean;
  /** Days between the first day an IMEI meets it and its block date. */
  gracePeriodDays: number;
  /** The reason code written in the lists, such as `STOLEN`. */
  reason: string;
  /**
   * The largest share of the IMEIs seen that one run may newly flag (or match, with the profile's
   * `safetyLimitMeasure`); a condition above it is not applied, because a wrong rule or a bad dump
   * would otherwise block a whole network.
   */
  maxNewShare: number;
  dimensions: Dimension[];
}

/** Whether a condition watches for copied IMEIs: its open state reads "duplicate under watch". */
export function isDuplicateCondition(condition: Condition): boolean {
  return condition.dimensions.some((d) => d.type === 'duplicate' && !d.isInverted);
}

/**
 * Adds whole days to an ISO date (`YYYY-MM-DD`), in UTC, so no time zone moves a block date.
 *
 * @example
 * addDays('2026-12-30', 3) // '2027-01-02'
 */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** Whether a string is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return false;
  return addDays(value, 0) === value;
}

/**
 * Whether a condition may be applied: the IMEIs it counts (newly flagged, or matched) stay within
 * the condition's share of the IMEIs seen, as DIRBS's `num_matched_imeis > max_ratio * total` refuses
 * (classify.py). With no IMEI seen there is no share to judge, as in DIRBS; below `minimumSeen` IMEIs
 * (Kinga's addition) the share means little, so it is not applied either.
 */
export function isWithinSafetyLimit(count: number, imeisSeen: number, maxNewShare: number, minimumSeen: number): boolean {
  if (imeisSeen === 0 || imeisSeen < minimumSeen) return true;
  return count <= maxNewShare * imeisSeen;
}

/** The operator a home network (MCC+MNC, five or six digits) belongs to, from the profile's map. */
export function operatorOfNetwork(networks: Readonly<Record<string, readonly string[]>>, homeNetwork: string): string | undefined {
  for (const [operatorId, codes] of Object.entries(networks)) if (codes.some((c) => c.replace('-', '') === homeNetwork)) return operatorId;
  return undefined;
}
