import type { Selectable } from 'kysely';
import {
  createBulkInsert,
  dialectOf,
  withTransaction,
  type BulkValue,
  queriesOf,
  type Executor,
  transactionOf,
  type Transaction,
} from '../../../platform/db/index.ts';
import { repeatUntilDone, yieldToEventLoop } from '../../../platform/event-loop.ts';
import type { AggregationMeasurement, StatisticRow } from './quality-aggregation.ts';
import { isThresholdOperator, type ThresholdShare } from './quality-statistics.ts';
import { UNSTATED_THRESHOLD_OPERATORS } from './quality-statistics.settings.ts';
import { isPublishedMeasurement } from '../imports/quality-import.repository.ts';
import type { RegionBoundary, RegionGeometry } from './quality-regions.ts';
import type { QualityRegionSetsTable, QualityStatisticRunsTable } from './quality-statistics.tables.ts';
import './quality-statistics.tables.ts';
import '../quality.tables.ts';

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
  /**
   * Replaces every published statistic: the new figures are written in short transactions, the
   * run is recorded (from then on readers read its figures, never a mix), and the figures of
   * earlier runs, or of a run that stopped before it was recorded, are deleted in short
   * transactions. Run ids are time-ordered (UUID version 7): "earlier" is "smaller".
   */
  replaceStatistics(run: StatisticRunRow, rows: readonly StatisticRow[]): Promise<void>;
  latestRun(): Promise<StatisticRunRow | undefined>;
  listStatistics(filter: StatisticFilter): Promise<StatisticRow[]>;
  /** Replaces the set of regions in force with a new one; the old set stays, with the date it was replaced. */
  replaceRegions(
    set: { id: string; source: string; importedAt: string },
    regions: readonly RegionBoundary[],
    alongside?: (tx: Transaction) => Promise<void>,
  ): Promise<void>;
  regionsInForce(): Promise<RegionBoundary[]>;
  listRegionSets(): Promise<RegionSetRow[]>;
}

/**
 * Figures written, or deleted, per transaction. On SQLite a transaction holds the one connection:
 * replacing 281,136 figures (a million measurements) in one held it for 2.6 s.
 */
const STATISTICS_PER_TRANSACTION = 5000;

const STATISTIC_COLUMNS = [
  'run_id',
  'period_days',
  'level',
  'resolution',
  'area',
  'operator_id',
  'technology',
  'metric',
  'tests',
  'devices',
  'median',
  'p10',
  'p90',
  'ci_low',
  'ci_high',
  'shares',
] as const;

/**
 * The stored shares of a figure; figures computed before a share named its comparison were
 * counted with the one a bare list of thresholds keeps.
 */
function sharesOf(stored: string, metric: StatisticRow['metric']): ThresholdShare[] {
  const shares = JSON.parse(stored) as { threshold: number; operator?: unknown; share: number }[];
  return shares.map((s) => ({
    threshold: s.threshold,
    operator: isThresholdOperator(s.operator) ? s.operator : UNSTATED_THRESHOLD_OPERATORS[metric],
    share: s.share,
  }));
}

/** Builds the repository over a Kysely instance. */
export function createQualityAggregationRepository(executor: Executor): QualityAggregationRepository {
  const db = queriesOf(executor);
  const statistics = createBulkInsert(dialectOf(db), 'quality_statistics', STATISTIC_COLUMNS, (r: StatisticRow & { runId: string }): BulkValue[] => [
    r.runId,
    r.periodDays,
    r.level,
    r.resolution,
    r.area,
    r.operatorId,
    r.technology,
    r.metric,
    r.tests,
    r.devices,
    r.median,
    r.p10,
    r.p90,
    r.ciLow,
    r.ciHigh,
    JSON.stringify(r.shareAbove),
  ]);
  return {
    async *iterateValidMeasurements(pageSize = 20_000) {
      let after = '';
      for (;;) {
        // Keyset pages along the primary key: no page holds more than pageSize rows. The period is
        // kept by the aggregation rather than in SQL: with a time condition the planners pick the
        // time index and sort every remaining row again for each page (measured: quadratic at a million).
        const page = await db
          .selectFrom('quality_measurements')
          .select([
            'id',
            'operator_id',
            'technology',
            'measured_at',
            'device_hash',
            'h3_cell',
            'h3_cells',
            'place_source',
            'lat',
            'lon',
            'download_kbps',
            'upload_kbps',
            'latency_ms',
          ])
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
            h3Cells: r.h3_cells,
            placeSource: r.place_source,
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
      // The new figures are written in short transactions under a run not recorded yet, which no reader reads.
      for (let at = 0; at < rows.length; at += STATISTICS_PER_TRANSACTION) {
        if (at > 0) await yieldToEventLoop();
        const chunk = rows.slice(at, at + STATISTICS_PER_TRANSACTION);
        await withTransaction(db, (trx) =>
          statistics.insert(
            trx,
            chunk.map((r) => ({ ...r, runId: run.id })),
          ),
        );
      }
      // Recording the run is the takeover: from this statement on, readers read the new figures.
      await db.insertInto('quality_statistic_runs').values(run).execute();
      // Then the figures of earlier runs, and those a stopped run left, go an area range at a time.
      await repeatUntilDone(async () => {
        const old = await db.selectFrom('quality_statistics').select('run_id').where('run_id', '<', run.id).orderBy('run_id').limit(1).executeTakeFirst();
        if (old === undefined) return 0;
        const last = await db
          .selectFrom('quality_statistics')
          .select('area')
          .where('run_id', '=', old.run_id)
          .orderBy('area')
          .offset(STATISTICS_PER_TRANSACTION - 1)
          .limit(1)
          .executeTakeFirst();
        let query = db.deleteFrom('quality_statistics').where('run_id', '=', old.run_id);
        if (last !== undefined) query = query.where('area', '<=', last.area);
        return Number((await query.executeTakeFirst()).numDeletedRows);
      });
    },
    latestRun() {
      return db.selectFrom('quality_statistic_runs').selectAll().orderBy('computed_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    },
    async listStatistics(filter) {
      let query = db
        .selectFrom('quality_statistics')
        .selectAll()
        .where('run_id', '=', (eb) =>
          eb
            .selectFrom('quality_statistic_runs')
            .select('quality_statistic_runs.id')
            .orderBy('computed_at', 'desc')
            .orderBy('quality_statistic_runs.id', 'desc')
            .limit(1),
        )
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
        shareAbove: sharesOf(r.shares, r.metric),
      }));
    },
    async replaceRegions(set, regions, alongside) {
      await withTransaction(db, async (trx) => {
        await trx.updateTable('quality_region_sets').set({ replaced_at: set.importedAt }).where('replaced_at', 'is', null).execute();
        await trx
          .insertInto('quality_region_sets')
          .values({ id: set.id, source: set.source, regions: regions.length, imported_at: set.importedAt, replaced_at: null })
          .execute();
        // A region's geometry may be large: one region a statement.
        for (const region of regions) {
          await trx
            .insertInto('quality_regions')
            .values({ set_id: set.id, code: region.code, name: region.name, geometry: JSON.stringify(region.geometry) })
            .execute();
        }
        await alongside?.(transactionOf(trx));
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
