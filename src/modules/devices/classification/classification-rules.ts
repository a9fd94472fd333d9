/**
 * The classification rules of the national equipment register: conditions, each an AND of
 * dimensions, read from `modules.devices.conditions` in the jurisdiction profile. Pure: no clock,
 * no database. The repository turns each dimension into a set-based SQL predicate.
 */
import { isIntegerIn, isPlainObject } from '../../../platform/value-checks.ts';

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

/** The conditions a profile gets when it names none: stolen, barred and test equipment are blocked. */
export const DEFAULT_CONDITIONS: readonly Condition[] = [
  { name: 'stolen', isBlocking: true, gracePeriodDays: 0, reason: 'STOLEN', maxNewShare: 0.01, dimensions: [{ type: 'stolen', isInverted: false }] },
  { name: 'barred', isBlocking: true, gracePeriodDays: 0, reason: 'BARRED', maxNewShare: 0.05, dimensions: [{ type: 'barred', isInverted: false }] },
  { name: 'malformed', isBlocking: true, gracePeriodDays: 30, reason: 'MALFORMED', maxNewShare: 0.05, dimensions: [{ type: 'malformed', isInverted: false }] },
  // Kinga's addition: DIRBS's malformed dimension leaves these 14-digit keys to its TAC-not-found dimension.
  {
    name: 'repeated_digit',
    isBlocking: true,
    gracePeriodDays: 30,
    reason: 'REPEATED_DIGIT',
    maxNewShare: 0.05,
    dimensions: [{ type: 'repeatedDigit', isInverted: false }],
  },
  { name: 'test_tac', isBlocking: true, gracePeriodDays: 30, reason: 'TEST_TAC', maxNewShare: 0.05, dimensions: [{ type: 'testTac', isInverted: false }] },
  {
    name: 'duplicate',
    isBlocking: false,
    gracePeriodDays: 0,
    reason: 'DUPLICATE',
    maxNewShare: 0.05,
    dimensions: [{ type: 'duplicate', isInverted: false, threshold: 5, periodDays: 30 }],
  },
];

const NAME = /^[a-z][a-z0-9_]{0,39}$/;
// Reasons travel in CSV cells joined by `|`, so they hold neither commas nor bars.
const REASON = /^[A-Z][A-Z0-9_]{0,39}$/;
const CONDITION_KEYS = new Set(['name', 'blocking', 'gracePeriodDays', 'reason', 'maxNewShare', 'dimensions']);

/** Every problem of `modules.devices.conditions`, each as "<path>: what is wrong". */
export function checkConditions(value: unknown, at: string): string[] {
  if (!Array.isArray(value)) return [`${at}: must be a list of conditions, each {name, blocking, gracePeriodDays, reason, maxNewShare, dimensions}`];
  const problems: string[] = [];
  const names = new Set<string>();
  value.forEach((item: unknown, index) => {
    const here = `${at}/${index}`;
    if (!isPlainObject(item)) {
      problems.push(`${here}: must be an object`);
      return;
    }
    const condition = item;
    for (const key of Object.keys(condition))
      if (!CONDITION_KEYS.has(key)) problems.push(`${here}/${key}: unknown field (known: ${[...CONDITION_KEYS].join(', ')})`);
    const name = condition['name'];
    if (typeof name !== 'string' || !NAME.test(name))
      problems.push(`${here}/name: must be lower-case letters, digits and _ (at most 40), starting with a letter`);
    else if (names.has(name)) problems.push(`${here}/name: "${name}" is used by another condition`);
    else names.add(name);
    if (typeof condition['blocking'] !== 'boolean') problems.push(`${here}/blocking: must be true (blocking) or false (informational)`);
    if (!isIntegerIn(condition['gracePeriodDays'], 0, 3650)) problems.push(`${here}/gracePeriodDays: must be a whole number of days from 0 to 3650`);
    if (typeof condition['reason'] !== 'string' || !REASON.test(condition['reason']))
      problems.push(`${here}/reason: must be upper-case letters, digits and _ (at most 40), such as STOLEN`);
    const share = condition['maxNewShare'];
    if (typeof share !== 'number' || !(share > 0 && share <= 1))
      problems.push(`${here}/maxNewShare: must be a number above 0 and at most 1, such as 0.01 for 1 %`);
    const dimensions = condition['dimensions'];
    if (!Array.isArray(dimensions) || dimensions.length === 0) {
      problems.push(`${here}/dimensions: must be a non-empty list, such as [{"type": "stolen"}]`);
      return;
    }
    dimensions.forEach((d: unknown, j) => problems.push(...checkDimension(d, `${here}/dimensions/${j}`)));
  });
  return problems;
}

function checkDimension(value: unknown, at: string): string[] {
  if (!isPlainObject(value)) return [`${at}: must be an object such as {"type": "stolen"}`];
  const d = value;
  const type = d['type'];
  if (typeof type !== 'string' || !(DIMENSION_TYPES as readonly string[]).includes(type)) return [`${at}/type: must be one of ${DIMENSION_TYPES.join(', ')}`];
  const known = new Set(type === 'duplicate' ? ['type', 'invert', 'threshold', 'periodDays'] : ['type', 'invert']);
  const problems = Object.keys(d)
    .filter((k) => !known.has(k))
    .map((k) => `${at}/${k}: unknown field for ${type} (known: ${[...known].join(', ')})`);
  if (d['invert'] !== undefined && typeof d['invert'] !== 'boolean') problems.push(`${at}/invert: must be true or false`);
  if (type === 'duplicate') {
    if (!isIntegerIn(d['threshold'], 1, 1000))
      problems.push(`${at}/threshold: must be a whole number of SIMs from 1 to 1000 (this many distinct SIMs or more match)`);
    if (!isIntegerIn(d['periodDays'], 1, 3650)) problems.push(`${at}/periodDays: must be a whole number of days from 1 to 3650`);
  }
  return problems;
}

/** The conditions of a profile block already checked by {@link checkConditions}; the defaults when absent. */
export function readConditions(value: unknown): Condition[] {
  if (!Array.isArray(value)) return DEFAULT_CONDITIONS.map((c) => ({ ...c, dimensions: [...c.dimensions] }));
  return value.map((item: Record<string, unknown>) => ({
    name: String(item['name']),
    isBlocking: item['blocking'] === true,
    gracePeriodDays: Number(item['gracePeriodDays']),
    reason: String(item['reason']),
    maxNewShare: Number(item['maxNewShare']),
    dimensions: (item['dimensions'] as Record<string, unknown>[]).map((d): Dimension => {
      const isInverted = d['invert'] === true;
      if (d['type'] === 'duplicate') return { type: 'duplicate', isInverted, threshold: Number(d['threshold']), periodDays: Number(d['periodDays']) };
      return { type: d['type'] as Exclude<DimensionType, 'duplicate'>, isInverted };
    }),
  }));
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
