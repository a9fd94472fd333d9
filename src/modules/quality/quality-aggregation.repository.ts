import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../platform/db/index.ts';
import type { AggregationMeasurement, StatisticRow } from './quality-aggregation.ts';
import { isPublishedMeasurement } from './quality-import.repository.ts';
import type { RegionBoundary, RegionGeometry } from './quality-regions.ts';
import type { QualityRegionSetsTable, QualityStatisticRunsTable } from './quality-statistics.tables.ts';
import './quality-statistics.tables.ts';
import './quality.tables.ts';

/** What a statistics query selects. */
export interface StatisticFilter {
  periodDays: number;
  level: StatisticRow['level'];
  resolution: number;
  metric: StatisticRow['metric'];
  technology: string;
  operatorId?: string;
  area?: string;
}

/** A run of the aggregation. */
export type StatisticRunRow = Selectable<QualityStatisticRunsTable>;

/** A set of region boundaries. */
export type RegionSetRow = Selectable<QualityRegionSetsTable>;

/** All SQL of region boundaries and published statistics. */
export interface QualityAggregationRepository {
  /** Every valid, published measurement that names an operator, read in pages of `pageSize` by id (the caller keeps its period). */
  iterateValidMeasurements(pageSize?: number): AsyncGenerator<AggregationMeasurement>;
  /** Replaces every published statistic and records the run, in one transaction. */
  replaceStatistics(run: StatisticRunRow, rows: readonly StatisticRow[]): Promise<void>;
  latestRun(): Promise<StatisticRunRow | undefined>;
  listStatistics(filter: StatisticFilter): Promise<StatisticRow[]>;
  /** Replaces the set of regions in force with a new one; the old set stays, with the date it was replaced. */
  replaceRegions(set: { id: string; source: string; importedAt: string }, regions: readonly RegionBoundary[], alongside?: (trx: Kysely<Database>) => Promise<void>): Promise<void>;
  regionsInForce(): Promise<RegionBoundary[]>;
  listRegionSets(): Promise<RegionSetRow[]>;
}

/** Builds the repository over a Kysely instance. */
export function createQualityAggregationRepository(db: Kysely<Database>): QualityAggregationRepository {
  return {
    async *iterateValidMeasurements(pageSize = 20_000) {
      let after = '';
      for (;;) {
        // Keyset pages along the primary key: no page holds more than pageSize rows. The period is
        // kept by the aggregation rather than in SQL: with a time condition the planners pick the
        // time index and sort every remaining row again for each page (measured: quadratic at a million).
        const page = await db
          .selectFrom('quality_measurements')
          .select(['id', 'operator_id', 'technology', 'measured_at', 'device_hash', 'h3_cell', 'lat', 'lon', 'download_kbps', 'upload_kbps', 'latency_ms'])
          .where('is_valid', '=', true)
          .where('operator_id', 'is not', null)
          .where(isPublishedMeasurement)
          .where('id', '>', after)
          .orderBy('id')
          .limit(pageSize)
          .execute();
        for (const r of page) {
          yield {
            operatorId: r.operator_id ?? '',
            technology: r.technology,
            measuredAt: r.measured_at,
            deviceHash: r.device_hash,
            h3Cell: r.h3_cell,
            lat: r.lat,
            lon: r.lon,
            downloadKbps: r.download_kbps,
            uploadKbps: r.upload_kbps,
            latencyMs: r.latency_ms,
          };
        }
        const last = page[page.length - 1];
        if (!last || page.length < pageSize) return;
        after = last.id;
      }
    },
    async replaceStatistics(run, rows) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('quality_statistics').execute();
        // 16 columns a row: 1,000 rows stay far below SQLite's 32,766 parameters.
        for (let at = 0; at < rows.length; at += 1000) {
          await trx
            .insertInto('quality_statistics')
            .values(
              rows.slice(at, at + 1000).map((r) => ({
                period_days: r.periodDays,
                level: r.level,
                resolution: r.resolution,
                area: r.area,
                operator_id: r.operatorId,
                technology: r.technology,
                metric: r.metric,
                tests: r.tests,
                devices: r.devices,
                median: r.median,
                p10: r.p10,
                p90: r.p90,
                ci_low: r.ciLow,
                ci_high: r.ciHigh,
                shares: JSON.stringify(r.shareAbove),
              })),
            )
            .execute();
        }
        await trx.insertInto('quality_statistic_runs').values(run).execute();
      });
    },
    latestRun() {
      return db.selectFrom('quality_statistic_runs').selectAll().orderBy('computed_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    },
    async listStatistics(filter) {
      let query = db
        .selectFrom('quality_statistics')
        .selectAll()
        .where('period_days', '=', filter.periodDays)
        .where('level', '=', filter.level)
        .where('resolution', '=', filter.resolution)
        .where('metric', '=', filter.metric)
        .where('technology', '=', filter.technology);
      if (filter.operatorId !== undefined) query = query.where('operator_id', '=', filter.operatorId);
      if (filter.area !== undefined) query = query.where('area', '=', filter.area);
      const rows = await query.orderBy('area').orderBy('operator_id').execute();
      return rows.map((r) => ({
        periodDays: Number(r.period_days),
        level: r.level,
        resolution: Number(r.resolution),
        area: r.area,
        operatorId: r.operator_id,
        technology: r.technology,
        metric: r.metric,
        tests: Number(r.tests),
        devices: Number(r.devices),
        median: Number(r.median),
        p10: Number(r.p10),
        p90: Number(r.p90),
        ciLow: r.ci_low === null ? null : Number(r.ci_low),
        ciHigh: r.ci_high === null ? null : Number(r.ci_high),
        shareAbove: JSON.parse(r.shares) as { threshold: number; share: number }[],
      }));
    },
    async replaceRegions(set, regions, alongside) {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('quality_region_sets').set({ replaced_at: set.importedAt }).where('replaced_at', 'is', null).execute();
        await trx.insertInto('quality_region_sets').values({ id: set.id, source: set.source, regions: regions.length, imported_at: set.importedAt, replaced_at: null }).execute();
        // A region's geometry may be large: one region a statement.
        for (const region of regions) {
          await trx.insertInto('quality_regions').values({ set_id: set.id, code: region.code, name: region.name, geometry: JSON.stringify(region.geometry) }).execute();
        }
        await alongside?.(trx);
      });
    },
    async regionsInForce() {
      const rows = await db
        .selectFrom('quality_regions as r')
        .innerJoin('quality_region_sets as s', 's.id', 'r.set_id')
        .select(['r.code', 'r.name', 'r.geometry'])
        .where('s.replaced_at', 'is', null)
        .orderBy('r.code')
        .execute();
      return rows.map((r) => ({ code: r.code, name: r.name, geometry: JSON.parse(r.geometry) as RegionGeometry }));
    },
    listRegionSets() {
      return db.selectFrom('quality_region_sets').selectAll().orderBy('imported_at', 'desc').execute();
    },
  };
}
