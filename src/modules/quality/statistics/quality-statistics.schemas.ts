import { Type, type Static } from '@sinclair/typebox';
import { QUALITY_METRICS, type QualityMetric } from './quality-aggregation.service.ts';
import { TECHNOLOGIES } from '../quality.settings.ts';
import { OPERATOR_ID } from '../../../platform/operators/index.ts';

// One `enum` rather than a union of literals: a wrong value gives one error naming the field, not one per
// literal. Routes narrow the string with the guards below.
const literals = (values: readonly string[]) => Type.String({ enum: [...values] });

/** A published metric. */
export const MetricParam = literals(QUALITY_METRICS);

/** Narrows a metric the schema checked already. */
export function metricOf(value: string | undefined): QualityMetric {
  return QUALITY_METRICS.find((m) => m === value) ?? 'download';
}

/** A technology, or 'all' (every technology together). */
export const TechnologyParam = literals([...TECHNOLOGIES, 'all']);

const common = {
  operator: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, pattern: OPERATOR_ID.source, description: 'An operator id (licence id); every operator when absent.' }),
  ),
  technology: Type.Optional(TechnologyParam),
  metric: Type.Optional(MetricParam),
  period: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 730, description: "Days before the last aggregation; one of the profile's periods (default its default period)." }),
  ),
};

/** The query of the cell statistics. */
export const CellsQuery = Type.Object({
  resolution: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 15, description: "H3 resolution; one of the profile's published resolutions (default the finest)." }),
  ),
  ...common,
  format: Type.Optional(literals(['json', 'geojson'])),
});

/** The query of the region statistics. */
export const RegionsQuery = Type.Object({ ...common, format: Type.Optional(literals(['json', 'geojson'])) });

/** The query of the operator comparison. */
export const OperatorsQuery = Type.Object({ technology: common.technology, metric: common.metric, period: common.period });

/** The query of the advertised comparison. */
export const AdvertisedQuery = Type.Object({ period: common.period });

const Share = Type.Object({
  threshold: Type.Number({ description: 'kbit/s for speeds, ms for latency.' }),
  operator: literals(['>=', '>', '<=', '<']),
  share: Type.Number({
    description:
      "From 0 to 1, of device-days whose value is at least (>=), more than (>), at most (<=) or less than (<) the threshold, as `operator` says (the profile's statistics.thresholds).",
  }),
});

const figures = {
  operatorId: Type.String(),
  technology: Type.String({ description: "A technology, or 'all'." }),
  metric: MetricParam,
  tests: Type.Integer({ description: 'Valid tests in the group.' }),
  devices: Type.Integer({ description: 'Distinct devices (a test without a device id counts as one).' }),
  median: Type.Number({ description: 'Median of the device-day medians (kbit/s, or ms for latency).' }),
  p10: Type.Number({ description: '10th percentile (Hyndman–Fan type 7).' }),
  p90: Type.Number({ description: '90th percentile (Hyndman–Fan type 7).' }),
  ciLow: Type.Union([Type.Number(), Type.Null()], {
    description: 'Lower bound of the distribution-free 95% confidence interval of the median; null below 6 device-days.',
  }),
  ciHigh: Type.Union([Type.Number(), Type.Null()]),
  shareAbove: Type.Array(Share),
};

const Period = Type.Object({ days: Type.Integer(), from: Type.String(), to: Type.String() });

const replyHead = {
  period: Period,
  computedAt: Type.Union([Type.String(), Type.Null()], { description: 'When the statistics were last aggregated; null before the first run.' }),
  metric: MetricParam,
  unit: literals(['kbit/s', 'ms']),
  minTests: Type.Integer(),
  minDevices: Type.Integer(),
};

/** The published cells. */
export const CellsReply = Type.Object({
  ...replyHead,
  resolution: Type.Integer(),
  cells: Type.Array(Type.Object({ cell: Type.String({ description: 'H3 index.' }), ...figures })),
});
export type CellsReply = Static<typeof CellsReply>;

/** The published regions. */
export const RegionsReply = Type.Object({ ...replyHead, regions: Type.Array(Type.Object({ region: Type.String(), name: Type.String(), ...figures })) });
export type RegionsReply = Static<typeof RegionsReply>;

/** The national comparison of operators. */
export const OperatorsReply = Type.Object({
  ...replyHead,
  technology: Type.String(),
  operators: Type.Array(
    Type.Object({
      name: Type.String(),
      ...figures,
      tiedWith: Type.Array(Type.String(), { description: 'Operators whose 95% intervals overlap this one: not distinguishable.' }),
    }),
  ),
});
export type OperatorsReply = Static<typeof OperatorsReply>;

/** Measured against advertised speeds. */
export const AdvertisedReply = Type.Object({
  period: Period,
  computedAt: Type.Union([Type.String(), Type.Null()]),
  rows: Type.Array(
    Type.Object({
      operatorId: Type.String(),
      name: Type.String(),
      technology: Type.String(),
      metric: literals(['download', 'upload']),
      measuredMedianKbps: Type.Number(),
      ciLow: Type.Union([Type.Number(), Type.Null()]),
      ciHigh: Type.Union([Type.Number(), Type.Null()]),
      advertisedKbps: Type.Number({ description: "Median of the typical speeds the operator's current offers of this technology state." }),
      offers: Type.Integer(),
      ratio: Type.Number({ description: 'Measured median divided by the advertised typical speed.' }),
    }),
  ),
});
export type AdvertisedReply = Static<typeof AdvertisedReply>;
