import { OPERATOR_ID } from '../../../platform/operators/index.ts';
import { Type, type Static } from '@sinclair/typebox';
import { MONTH_PATTERN } from './quality-kpi.ts';

const field = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** `operator`: whose file this is, for a token tied to no operator. */
export const KpiUploadQuery = Type.Object({ operator: field(64) });

/** A KPI file sent to the API. */
export const KpiFileBody = Type.String({
  description:
    'A network KPI file: CSV (Content-Type: text/csv; RFC 4180, UTF-8, header row) or JSON (application/json, {"kpis": [...]}), as docs/formats/network-kpis.md specifies.',
});

/** What a KPI import stored. */
export const KpiImportReply = Type.Object({
  operatorId: Type.String(),
  rows: Type.Integer({ description: 'KPI rows stored.' }),
  months: Type.Array(
    Type.Object({
      month: Type.String({ description: 'YYYY-MM.' }),
      reportId: Type.String(),
      version: Type.Integer({ description: "Version of this operator's month: 1 for a first upload, higher for a replacement." }),
      rows: Type.Integer(),
      replacedVersion: Type.Union([Type.Integer(), Type.Null()], {
        description: 'The version this upload replaced, kept but no longer used; null for a first upload.',
      }),
    }),
  ),
});

/** The filters of the KPI results page: strings the page checks itself, so that a wrong one comes back in the form with its message. */
export const KpiPageQuery = Type.Object({
  lang: field(16),
  operator: field(64),
  kpi: field(64),
  from: field(16),
  to: field(16),
});

const month = (description: string) => Type.Optional(Type.String({ pattern: MONTH_PATTERN, description }));

/** The filters of the KPI results API: a month not written YYYY-MM is refused with 400 before anything reads it. */
export const KpiResultsQuery = Type.Object({
  operator: Type.Optional(
    Type.String({ maxLength: 64, pattern: `^$|${OPERATOR_ID.source}`, description: "An operator's licence id; every operator when absent or empty." }),
  ),
  kpi: Type.Optional(Type.String({ maxLength: 64, description: 'A KPI id of the jurisdiction profile; every KPI when absent.' })),
  from: month('The first month, YYYY-MM; five months before `to` when absent.'),
  to: month('The last month, YYYY-MM; the latest month that is over when absent.'),
});

/** A figure: counts summed, the ratio in percent recomputed from them, and the verdict. */
const Figure = {
  numerator: Type.Integer(),
  denominator: Type.Integer(),
  percent: Type.String({ description: 'numerator / denominator × 100, rounded to two decimals.' }),
  meetsTarget: Type.Boolean(),
};

const RegionMiss = Type.Object({ region: Type.String(), percent: Type.String() });

/** KPI results against targets. */
export const KpiResultsReply = Type.Object({
  from: Type.String({ description: 'First month of the period, YYYY-MM.' }),
  to: Type.String({ description: 'Last month of the period, YYYY-MM.' }),
  kpis: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      numerator: Type.String(),
      denominator: Type.String(),
      target: Type.Object({
        operator: Type.String({
          enum: ['>=', '>', '<=', '<'],
          description: 'The ratio must be at least (>=), more than (>), at most (<=) or less than (<) the percentage.',
        }),
        percent: Type.String(),
      }),
      technology: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  regions: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  results: Type.Array(
    Type.Object({
      operatorId: Type.String(),
      operatorName: Type.String(),
      kpi: Type.String(),
      technology: Type.String(),
      ...Figure,
      missedMonths: Type.Array(Type.String()),
      missedRegions: Type.Array(RegionMiss, { description: 'Regions whose counts summed over the period miss the target.' }),
      months: Type.Array(Type.Object({ month: Type.String(), ...Figure, regionsMissing: Type.Array(RegionMiss) })),
    }),
  ),
});

/** KPI results against targets, as a type. */
export type KpiResultsReply = Static<typeof KpiResultsReply>;
