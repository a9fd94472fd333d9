import { Type, type Static } from '@sinclair/typebox';
import type { QualityStatisticsSettingsView } from './quality-aggregation.service.ts';
import { QUALITY_METRICS, THRESHOLD_OPERATORS, type QualityMetric, type ThresholdOperator, type ThresholdSet } from './quality-statistics.ts';

/** The settings of the published statistics, from `modules.quality.statistics` in the profile. */
export type QualityStatisticsSettings = QualityStatisticsSettingsView;

/**
 * The comparison of a bare list of thresholds, which says none: more than for speeds and at most
 * for latency, as Kinga counted before a profile could state it, so that an older profile keeps
 * its figures.
 */
export const UNSTATED_THRESHOLD_OPERATORS: Readonly<Record<QualityMetric, ThresholdOperator>> = { download: '>', upload: '>', latency: '<=' };

/** Thresholds used when the profile names none: kbit/s for speeds, milliseconds for latency. */
const DEFAULT_THRESHOLDS: Readonly<Record<QualityMetric, ThresholdSet>> = {
  download: { operator: '>', values: [2_000, 10_000, 30_000] },
  upload: { operator: '>', values: [1_000, 5_000, 10_000] },
  latency: { operator: '<=', values: [50, 100] },
};

const OPERATOR_WORDS = '">=" (at least), ">" (more than), "<=" (at most) or "<" (less than)';

/** A comparison with a threshold or a target, as the regulation words it (also a KPI target's). */
export const ThresholdOperatorSchema = Type.Union(
  (Object.keys(THRESHOLD_OPERATORS) as ThresholdOperator[]).map((operator) => Type.Literal(operator)),
  { errorMessage: `must be ${OPERATOR_WORDS}` },
);

/** The longest period a profile may publish: two years of measurements. */
const MAX_PERIOD_DAYS = 730;

/** One metric's thresholds: `{"operator", "values"}`, or a bare list of values (the comparison of {@link UNSTATED_THRESHOLD_OPERATORS}). */
function thresholdsSchema(metric: QualityMetric) {
  const unit = metric === 'latency' ? 'milliseconds' : 'kbit/s';
  const values = Type.Array(Type.Number({ exclusiveMinimum: 0, errorMessage: 'must be a positive number' }), {
    maxItems: 10,
    errorMessage: `must be a list of at most 10 numbers (${unit})`,
  });
  return Type.Union(
    [
      values,
      Type.Object({ operator: ThresholdOperatorSchema, values }, { additionalProperties: false, keyErrorMessage: 'unknown field (known: operator, values)' }),
    ],
    {
      description: `In ${unit}.`,
      errorMessage: `must be {"operator": ${OPERATOR_WORDS}, "values": [numbers in ${unit}]}`,
    },
  );
}

/** The schema of `modules.quality.statistics`; resolutions are checked against the module's `h3Resolution` by {@link qualityStatisticsRules}. */
export const QualityStatisticsSettingsSchema = Type.Object(
  {
    resolutions: Type.Optional(
      Type.Array(Type.Integer({ minimum: 0, maximum: 15 }), {
        minItems: 1,
        uniqueItems: true,
        description: 'H3 resolutions of the published cells; none finer than h3Resolution (default [h3Resolution]).',
      }),
    ),
    periodsDays: Type.Array(Type.Integer({ minimum: 1, maximum: MAX_PERIOD_DAYS }), {
      minItems: 1,
      uniqueItems: true,
      default: [90],
      description: 'Periods in days ending at the aggregation (default [90]).',
    }),
    defaultPeriodDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_PERIOD_DAYS,
        description: 'The period shown first; one of periodsDays (default 90 when listed, else the first period).',
      }),
    ),
    minTests: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 10, description: 'Fewest tests for a group to be published (default 10).' }),
    minDevices: Type.Integer({
      minimum: 1,
      maximum: 1_000_000,
      default: 5,
      description: 'Fewest distinct devices for a group to be published (default 5).',
    }),
    thresholds: Type.Object(
      {
        download: Type.Optional(thresholdsSchema('download')),
        upload: Type.Optional(thresholdsSchema('upload')),
        latency: Type.Optional(thresholdsSchema('latency')),
      },
      {
        additionalProperties: false,
        default: {},
        keyErrorMessage: `unknown metric (known: ${QUALITY_METRICS.join(', ')})`,
        errorMessage: `must be an object of metrics (${QUALITY_METRICS.join(', ')}) to {"operator", "values"}`,
        description:
          'Per metric, the thresholds whose shares of device-days are published and how a device-day is compared with them: {"operator": ">=" (at least), ">" (more than), "<=" (at most) or "<" (less than), "values": [...]}. A bare list of values keeps the comparison Kinga used before a profile could state it: more than for speeds, at most for latency. By default: download more than 2000, 10000 and 30000 kbit/s, upload more than 1000, 5000 and 10000 kbit/s, latency at most 50 and 100 ms.',
      },
    ),
    countRoundedPositionsInCells: Type.Boolean({
      default: false,
      description:
        'Whether measurements stored before cells came from positions as measured (their cell is that of a position rounded to 0.01 degree) still count in cells; they always count in regions and nationally (default false).',
    }),
  },
  { additionalProperties: false, default: {}, description: 'Published quality statistics (docs/quality/methodology.md).' },
);

type StatisticsBlock = Static<typeof QualityStatisticsSettingsSchema>;

/**
 * The problems of a checked `statistics` block the schema cannot find: a resolution finer than the
 * module's stored one (coarser cells are derived from it), a default period not published.
 */
export function qualityStatisticsRules(block: StatisticsBlock, h3Resolution: number, at: (path: string) => string): string[] {
  const problems: string[] = [];
  (block.resolutions ?? []).forEach((resolution, index) => {
    if (resolution > h3Resolution)
      problems.push(`${at(`statistics/resolutions/${index}`)}: must be a whole number from 0 to ${h3Resolution}, the module's h3Resolution`);
  });
  if (block.defaultPeriodDays !== undefined && !block.periodsDays.includes(block.defaultPeriodDays))
    problems.push(`${at('statistics/defaultPeriodDays')}: must be one of periodsDays (${block.periodsDays.join(', ')})`);
  return problems;
}

/** The statistics settings in force; cells are published by default at the module's own resolution. */
export function resolveQualityStatisticsSettings(block: StatisticsBlock, h3Resolution: number): QualityStatisticsSettings {
  const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);
  const thresholdsOf = (metric: QualityMetric): ThresholdSet => {
    // A metric the profile leaves out keeps its built-in thresholds.
    const entry = block.thresholds[metric] ?? DEFAULT_THRESHOLDS[metric];
    return Array.isArray(entry)
      ? { operator: UNSTATED_THRESHOLD_OPERATORS[metric], values: ascending(entry) }
      : { operator: entry.operator, values: ascending(entry.values) };
  };
  const periodsDays = block.periodsDays;
  return {
    resolutions: ascending(block.resolutions ?? [h3Resolution]),
    periodsDays: ascending(periodsDays),
    defaultPeriodDays: block.defaultPeriodDays ?? (periodsDays.includes(90) ? 90 : (periodsDays[0] ?? 90)),
    minTests: block.minTests,
    minDevices: block.minDevices,
    countRoundedPositionsInCells: block.countRoundedPositionsInCells,
    thresholds: { download: thresholdsOf('download'), upload: thresholdsOf('upload'), latency: thresholdsOf('latency') },
  };
}
