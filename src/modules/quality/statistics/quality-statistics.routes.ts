import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { cellToBoundary } from 'h3-js';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createOperatorDirectory } from '../../../platform/operators/index.ts';
import { createQualityStatisticsServiceFor } from './quality-statistics.wiring.ts';
import type { AreaStatistic, QualityMetric, QualityStatisticsAdminService } from './quality-aggregation.service.ts';
import { ProblemReply } from '../imports/quality-import.schemas.ts';
import {
  metricOf,
  AdvertisedQuery,
  AdvertisedReply,
  CellsQuery,
  CellsReply,
  OperatorsQuery,
  OperatorsReply,
  RegionsQuery,
  RegionsReply,
} from './quality-statistics.schemas.ts';

const TAG = 'quality';

// Statistics change once a day (the aggregation job): caches may keep them a quarter of an hour.
const CACHE_CONTROL = 'public, max-age=900';

/** What the statistics routes need. */
export interface QualityStatisticsRouteDeps {
  statistics: QualityStatisticsAdminService;
  /** Operator names by id, for the comparisons. */
  operatorNames: () => Promise<Map<string, string>>;
}

const unitOf = (metric: QualityMetric) => (metric === 'latency' ? ('ms' as const) : ('kbit/s' as const));

const figuresOf = (row: AreaStatistic) => ({
  operatorId: row.operatorId,
  technology: row.technology,
  metric: row.metric,
  tests: row.tests,
  devices: row.devices,
  median: row.median,
  p10: row.p10,
  p90: row.p90,
  ciLow: row.ciLow,
  ciHigh: row.ciHigh,
  shareAbove: row.shareAbove,
});

function sendCached(reply: FastifyReply, computedAt: string | null): FastifyReply {
  reply.header('cache-control', CACHE_CONTROL);
  if (computedAt !== null) reply.header('last-modified', new Date(computedAt).toUTCString());
  return reply;
}

/** The period a reply's figures cover. */
interface Period {
  days: number;
  from: string;
  to: string;
}

/** A GeoJSON FeatureCollection of figures, with their period and when they were computed. */
function sendFeatures(reply: FastifyReply, period: Period, computedAt: string | null, features: unknown[]): FastifyReply {
  const document = { type: 'FeatureCollection', period, computedAt, features };
  return sendCached(reply, computedAt).type('application/geo+json; charset=utf-8').send(JSON.stringify(document));
}

/** The filters of a statistics query that every figures route takes from its query string. */
const filtersOf = (q: { operator?: string; technology?: string; period?: number }) => ({
  ...(q.operator === undefined ? {} : { operatorId: q.operator }),
  ...(q.technology === undefined ? {} : { technology: q.technology }),
  ...(q.period === undefined ? {} : { periodDays: q.period }),
});

/** Registers the public statistics API: cells, regions, the operator comparison, and measured against advertised. */
export function registerQualityStatisticsRoutes(app: App, deps: QualityStatisticsRouteDeps): void {
  const { statistics } = deps;
  const { minTests, minDevices } = statistics.settings;
  const errors = { 400: ProblemReply, 422: ProblemReply };
  /** What every reply of figures starts with: the period, when they were computed, the metric and the publication thresholds. */
  const figuresHeader = (period: Period, computedAt: string | null, metric: QualityMetric) => ({
    period,
    computedAt,
    metric,
    unit: unitOf(metric),
    minTests,
    minDevices,
  });
  const periodOf = (q: { period?: number }, result: { from: string; to: string }): Period => ({
    days: q.period ?? statistics.settings.defaultPeriodDays,
    from: result.from,
    to: result.to,
  });

  app.get(
    '/api/v1/quality/cells',
    {
      schema: {
        tags: [TAG],
        summary:
          'Published statistics per H3 cell for one metric and period (groups below the minimum tests or devices are never published). format=geojson answers a FeatureCollection of cell hexagons.',
        querystring: CellsQuery,
        response: { 200: Type.Unsafe<Static<typeof CellsReply> | string>(CellsReply), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const metric = metricOf(q.metric);
      const result = await statistics.query({ level: 'cell', metric, ...(q.resolution === undefined ? {} : { resolution: q.resolution }), ...filtersOf(q) });
      const period = periodOf(q, result);
      const resolution = q.resolution ?? statistics.settings.resolutions[statistics.settings.resolutions.length - 1] ?? 0;
      if (q.format === 'geojson') {
        return sendFeatures(
          reply,
          period,
          result.computedAt,
          result.rows.map((row) => ({
            type: 'Feature',
            properties: { cell: row.area, ...figuresOf(row) },
            geometry: { type: 'Polygon', coordinates: [cellToBoundary(row.area, true)] },
          })),
        );
      }
      const body: CellsReply = {
        ...figuresHeader(period, result.computedAt, metric),
        resolution,
        cells: result.rows.map((row) => ({ cell: row.area, ...figuresOf(row) })),
      };
      return sendCached(reply, result.computedAt).send(body);
    },
  );

  app.get(
    '/api/v1/quality/regions',
    {
      schema: {
        tags: [TAG],
        summary:
          'Published statistics per region (the boundaries in force) for one metric and period. format=geojson answers the region boundaries with the figures as properties.',
        querystring: RegionsQuery,
        response: { 200: Type.Unsafe<Static<typeof RegionsReply> | string>(RegionsReply), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const metric = metricOf(q.metric);
      const [result, regions] = await Promise.all([statistics.query({ level: 'region', metric, ...filtersOf(q) }), statistics.regions()]);
      const period = periodOf(q, result);
      const names = new Map(regions.map((r) => [r.code, r.name]));
      if (q.format === 'geojson') {
        const byRegion = new Map<string, ReturnType<typeof figuresOf>[]>();
        for (const row of result.rows) byRegion.set(row.area, [...(byRegion.get(row.area) ?? []), figuresOf(row)]);
        return sendFeatures(
          reply,
          period,
          result.computedAt,
          regions.map((region) => ({
            type: 'Feature',
            properties: { code: region.code, name: region.name, statistics: byRegion.get(region.code) ?? [] },
            geometry: region.geometry,
          })),
        );
      }
      const body: RegionsReply = {
        ...figuresHeader(period, result.computedAt, metric),
        regions: result.rows.map((row) => ({ region: row.area, name: names.get(row.area) ?? row.area, ...figuresOf(row) })),
      };
      return sendCached(reply, result.computedAt).send(body);
    },
  );

  app.get(
    '/api/v1/quality/operators',
    {
      schema: {
        tags: [TAG],
        summary:
          'National figures per operator for one metric, technology and period, best first, with the operators each is tied with (overlapping 95% intervals of the median).',
        querystring: OperatorsQuery,
        response: { 200: OperatorsReply, ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const metric = metricOf(q.metric);
      const technology = q.technology ?? 'all';
      const [rows, window, names] = await Promise.all([
        statistics.compareOperators({ metric, technology, ...(q.period === undefined ? {} : { periodDays: q.period }) }),
        statistics.periodWindow(q.period),
        deps.operatorNames(),
      ]);
      const body: OperatorsReply = {
        ...figuresHeader({ days: window.days, from: window.from, to: window.to }, window.computedAt, metric),
        technology,
        operators: rows.map((row) => ({ name: names.get(row.operatorId) ?? row.operatorId, ...figuresOf(row), tiedWith: row.tiedWith })),
      };
      return sendCached(reply, window.computedAt).send(body);
    },
  );

  app.get(
    '/api/v1/quality/advertised',
    {
      schema: {
        tags: [TAG],
        summary:
          'For each operator and technology: the measured national median download and upload speed against the typical speeds its current offers advertise.',
        querystring: AdvertisedQuery,
        response: { 200: AdvertisedReply, ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const periodDays = q.period ?? statistics.settings.defaultPeriodDays;
      const [rows, window, names] = await Promise.all([
        statistics.advertisedComparison({ periodDays }),
        statistics.periodWindow(periodDays),
        deps.operatorNames(),
      ]);
      const body: AdvertisedReply = {
        period: { days: window.days, from: window.from, to: window.to },
        computedAt: window.computedAt,
        rows: rows.map((row) => ({ ...row, name: names.get(row.operatorId) ?? row.operatorId })),
      };
      return sendCached(reply, window.computedAt).send(body);
    },
  );
}

/** Registers the statistics API over the platform's services. */
export function registerQualityStatisticsRoutesFor(app: App, platform: Platform): void {
  const operators = createOperatorDirectory(platform.db.kysely);
  registerQualityStatisticsRoutes(app, {
    statistics: createQualityStatisticsServiceFor(platform),
    operatorNames: async () => new Map((await operators.list()).map((o) => [o.id, o.name])),
  });
}
