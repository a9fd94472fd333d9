import { Type, type Static } from '@sinclair/typebox';
import { DIMENSION_TYPES, type Condition, type Dimension } from './classification-rules.ts';

/** The classification and list settings, from `modules.devices` in the jurisdiction profile. */
export interface ClassificationSettings {
  /** The rules, in the order the lists name their reasons. */
  conditions: Condition[];
  /** Below this many IMEIs seen, the share limit of a condition is not applied (default 1,000). */
  safetyMinimumImeisSeen: number;
  /** Days back a SIM seen with a device is still notified to its operator (default 60). */
  notificationLookbackDays: number;
  /** Each operator's home networks as `MCC-MNC`, such as {"OP-1": ["639-02"]}; routes notification and exception lists. */
  operatorNetworks: Readonly<Record<string, readonly string[]>>;
  /** The UTC hour after which the daily classification and list run starts (default 2). */
  classifyHourUtc: number;
  /** Whether the lists carry IMEIs whose key is not 14 digits (default true, as DIRBS's `output_invalid_imeis`). */
  listInvalidImeis: boolean;
  /**
   * The analysis date of a run given no day: `latestData` (default, as DIRBS) the last day of
   * operator data, or `runDate` the run's day. A day given is always the analysis date too.
   */
  analysisDate: 'latestData' | 'runDate';
  /** What a safety limit refuses: the `condition` over it, applying the others (default, as DIRBS), or the whole `run`. */
  safetyLimitScope: 'condition' | 'run';
  /** What a safety limit counts: the IMEIs a run `newlyFlagged` (default) or all it `matched` (as DIRBS). */
  safetyLimitMeasure: 'newlyFlagged' | 'matched';
  /** Which pairings the exception lists carry: `all` current ones (default, as DIRBS) or only those of IMEIs that are or will be `blocked`. */
  exceptionsScope: 'all' | 'blocked';
  /** Whether the exception lists keep pairings of barred IMEIs and TACs (default false, as DIRBS's `include_barred_imeis_in_exceptions_list`). */
  includeBarredInExceptions: boolean;
}

const NAME = '^[a-z][a-z0-9_]{0,39}$';
// Reasons travel in CSV cells joined by `|`, so they hold neither commas nor bars.
const REASON = '^[A-Z][A-Z0-9_]{0,39}$';
const NETWORK = '^[0-9]{3}-[0-9]{2,3}$';
const THRESHOLD = 'must be a whole number of SIMs from 1 to 1000 (this many distinct SIMs or more match)';
const PERIOD_DAYS = 'must be a whole number of days from 1 to 3650';

/** One test of a condition as the profile writes it; `threshold` and `periodDays` belong to `duplicate` only. */
const DimensionSchema = Type.Object(
  {
    type: Type.Union(DIMENSION_TYPES.map((type) => Type.Literal(type))),
    invert: Type.Boolean({ default: false }),
    threshold: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, errorMessage: THRESHOLD })),
    periodDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, errorMessage: PERIOD_DAYS })),
  },
  { additionalProperties: false, errorMessage: 'must be an object such as {"type": "stolen"}' },
);

const ConditionSchema = Type.Object(
  {
    name: Type.String({ pattern: NAME, errorMessage: 'must be lower-case letters, digits and _ (at most 40), starting with a letter' }),
    blocking: Type.Boolean({ errorMessage: 'must be true (blocking) or false (informational)' }),
    gracePeriodDays: Type.Integer({ minimum: 0, maximum: 3650, errorMessage: 'must be a whole number of days from 0 to 3650' }),
    reason: Type.String({ pattern: REASON, errorMessage: 'must be upper-case letters, digits and _ (at most 40), such as STOLEN' }),
    maxNewShare: Type.Number({ exclusiveMinimum: 0, maximum: 1, errorMessage: 'must be a number above 0 and at most 1, such as 0.01 for 1 %' }),
    dimensions: Type.Array(DimensionSchema, { minItems: 1, errorMessage: 'must be a non-empty list, such as [{"type": "stolen"}]' }),
  },
  { additionalProperties: false },
);

type ProfileCondition = Static<typeof ConditionSchema>;

/** The conditions a profile gets when it names none: stolen, barred and test equipment are blocked. */
const DEFAULT_CONDITIONS: ProfileCondition[] = [
  { name: 'stolen', blocking: true, gracePeriodDays: 0, reason: 'STOLEN', maxNewShare: 0.01, dimensions: [{ type: 'stolen', invert: false }] },
  { name: 'barred', blocking: true, gracePeriodDays: 0, reason: 'BARRED', maxNewShare: 0.05, dimensions: [{ type: 'barred', invert: false }] },
  { name: 'malformed', blocking: true, gracePeriodDays: 30, reason: 'MALFORMED', maxNewShare: 0.05, dimensions: [{ type: 'malformed', invert: false }] },
  // Kinga's addition: DIRBS's malformed dimension leaves these 14-digit keys to its TAC-not-found dimension.
  {
    name: 'repeated_digit',
    blocking: true,
    gracePeriodDays: 30,
    reason: 'REPEATED_DIGIT',
    maxNewShare: 0.05,
    dimensions: [{ type: 'repeatedDigit', invert: false }],
  },
  { name: 'test_tac', blocking: true, gracePeriodDays: 30, reason: 'TEST_TAC', maxNewShare: 0.05, dimensions: [{ type: 'testTac', invert: false }] },
  {
    name: 'duplicate',
    blocking: false,
    gracePeriodDays: 0,
    reason: 'DUPLICATE',
    maxNewShare: 0.05,
    dimensions: [{ type: 'duplicate', invert: false, threshold: 5, periodDays: 30 }],
  },
];

/** One of two words, the first the default. */
function eitherOf<A extends string, B extends string>(first: A, second: B, errorMessage: string) {
  return Type.Union([Type.Literal(first), Type.Literal(second)], { default: first, errorMessage });
}

/** The schema of the classification and list settings in `modules.devices`, every field with its default. */
export const classificationSettingsSchema = Type.Object({
  conditions: Type.Array(ConditionSchema, {
    default: DEFAULT_CONDITIONS,
    errorMessage: 'must be a list of conditions, each {name, blocking, gracePeriodDays, reason, maxNewShare, dimensions}',
  }),
  safetyMinimumImeisSeen: Type.Integer({ minimum: 0, maximum: 1_000_000_000, default: 1000 }),
  notificationLookbackDays: Type.Integer({ minimum: 1, maximum: 3650, default: 60, errorMessage: 'must be a whole number of days from 1 to 3650' }),
  operatorNetworks: Type.Record(
    Type.String(),
    Type.Array(Type.String({ pattern: NETWORK, errorMessage: 'must be an MCC-MNC code such as "639-02"' }), {
      minItems: 1,
      errorMessage: 'must be a non-empty list of MCC-MNC codes such as "639-02"',
    }),
    { default: {}, errorMessage: 'must map operator ids to lists of MCC-MNC codes, such as {"OP-1": ["639-02"]}' },
  ),
  classifyHourUtc: Type.Integer({ minimum: 0, maximum: 23, default: 2, errorMessage: 'must be a whole hour from 0 to 23' }),
  listInvalidImeis: Type.Boolean({ default: true, errorMessage: 'must be true (lists carry IMEIs that are not 14 digits) or false' }),
  analysisDate: eitherOf('latestData', 'runDate', 'must be "latestData" (the last day of operator data, as DIRBS) or "runDate"'),
  safetyLimitScope: eitherOf('condition', 'run', 'must be "condition" (refuse only the conditions over their limit, as DIRBS) or "run" (refuse the whole run)'),
  safetyLimitMeasure: eitherOf('newlyFlagged', 'matched', 'must be "newlyFlagged" or "matched" (every IMEI the condition matches, as DIRBS)'),
  exceptionsScope: eitherOf('all', 'blocked', 'must be "all" (every current pairing, as DIRBS) or "blocked" (pairings of IMEIs blocked or in grace)'),
  includeBarredInExceptions: Type.Boolean({ default: false }),
});

/**
 * What the schema cannot say: a condition's name used twice, a dimension's parameters that belong
 * to `duplicate` only (and that it needs), a network claimed by two operators.
 */
export function classificationSettingsRules(value: Static<typeof classificationSettingsSchema>, at: (path: string) => string): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  value.conditions.forEach((condition, i) => {
    if (names.has(condition.name)) problems.push(`${at(`conditions/${i}/name`)}: "${condition.name}" is used by another condition`);
    names.add(condition.name);
    condition.dimensions.forEach((dimension, j) => {
      const here = (key: string) => at(`conditions/${i}/dimensions/${j}/${key}`);
      if (dimension.type === 'duplicate') {
        if (dimension.threshold === undefined) problems.push(`${here('threshold')}: ${THRESHOLD}`);
        if (dimension.periodDays === undefined) problems.push(`${here('periodDays')}: ${PERIOD_DAYS}`);
      } else {
        for (const key of ['threshold', 'periodDays'] as const)
          if (dimension[key] !== undefined) problems.push(`${here(key)}: unknown field for ${dimension.type} (known: type, invert)`);
      }
    });
  });
  const owners = new Map<string, string>();
  for (const [operatorId, codes] of Object.entries(value.operatorNetworks)) {
    codes.forEach((code, i) => {
      const owner = owners.get(code);
      if (owner !== undefined) problems.push(`${at(`operatorNetworks/${operatorId}/${i}`)}: ${code} already belongs to ${owner}`);
      else owners.set(code, operatorId);
    });
  }
  return problems;
}

/** The conditions as the classification reads them, from the profile's checked list. */
export function conditionsOf(conditions: readonly ProfileCondition[]): Condition[] {
  return conditions.map((c) => ({
    name: c.name,
    isBlocking: c.blocking,
    gracePeriodDays: c.gracePeriodDays,
    reason: c.reason,
    maxNewShare: c.maxNewShare,
    dimensions: c.dimensions.map((d): Dimension => {
      // The rules made sure a duplicate dimension has both.
      if (d.type === 'duplicate') return { type: 'duplicate', isInverted: d.invert, threshold: Number(d.threshold), periodDays: Number(d.periodDays) };
      return { type: d.type, isInverted: d.invert };
    }),
  }));
}
