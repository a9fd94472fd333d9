import { sql, type ExpressionBuilder, type Insertable, type Kysely } from 'kysely';
import {
  createBulkInsert,
  dialectOf,
  withTransaction,
  type BulkValue,
  type Database,
  queriesOf,
  type Executor,
  type Transaction,
} from '../../../platform/db/index.ts';
import type { QualityKpiValuesTable } from '../kpis/quality-kpi.tables.ts';
import type { QualityImportStagingsTable, QualityMeasurementsTable } from '../quality.tables.ts';
import '../kpis/quality-kpi.tables.ts';
import '../quality.tables.ts';
import { MEASURED_VALUES } from '../measurements/measured-values.ts';

/** A measurement as an import writes it; `import_id` is the import's. */
export type StagedMeasurement = Insertable<QualityMeasurementsTable> & { import_id: string };

/** The counts of one KPI row as an import writes them, under a report that does not exist yet. */
export type StagedKpiValue = Insertable<QualityKpiValuesTable>;

/** A report an import writes counts under: one per month of the file. */
export interface StagedKpiReport {
  month: string;
  reportId: string;
}

/** All SQL of the staging of quality imports: rows written in short transactions, seen by no one until the import is published. */
export interface QualityImportRepository {
  /** Names an import as being written: its rows are seen by no reader until its staging ends. */
  startImport(importId: string, kind: QualityImportStagingsTable['kind'], operatorId: string | null, now: string): Promise<void>;
  /** Writes a batch of an import's measurements in a transaction of its own, and notes that the import moved. */
  stageMeasurements(importId: string, rows: readonly StagedMeasurement[], now: string): Promise<void>;
  /** Writes a batch of an import's KPI counts in a transaction of its own, with the reports the batch is the first to write under. */
  stageKpiValues(importId: string, reports: readonly StagedKpiReport[], values: readonly StagedKpiValue[], now: string): Promise<void>;
  /**
   * Ends the staging of an import in the caller's transaction (the one that publishes it), so that
   * its rows are seen when that transaction commits. False when it had no staging any more: it was
   * deleted as abandoned, and the import must not be reported as stored.
   */
  endStagingIn(tx: Transaction, importId: string): Promise<boolean>;
  /**
   * Deletes at most `limit` rows an unpublished import wrote, in one transaction, and its staging
   * once none is left; returns how many rows went (0 once the staging is gone).
   */
  discardChunk(importId: string, limit: number): Promise<number>;
  /** Imports whose staging was not touched since `before`, oldest first: left by a stopped process. */
  listStale(before: string): Promise<string[]>;
}

const MEASUREMENT_COLUMNS = [
  'id',
  'measured_at',
  'operator_id',
  'technology',
  ...MEASURED_VALUES,
  'lat',
  'lon',
  'accuracy_m',
  'h3_cell',
  'h3_cells',
  'place_source',
  'district_code',
  'device_hash',
  'client_hash',
  'source',
  'download_test_id',
  'upload_test_id',
  'is_valid',
  'invalid_reason',
  'created_at',
  'import_id',
] as const;

const KPI_VALUE_COLUMNS = ['report_id', 'region_code', 'technology', 'kpi_id', 'numerator', 'denominator'] as const;

/**
 * Whether a measurement is published: a speed test result, or the row of an import whose staging
 * has ended. Every reader of `quality_measurements` adds it, so that no one counts, aggregates or
 * publishes half a file.
 */
export function isPublishedMeasurement(eb: ExpressionBuilder<Database, 'quality_measurements'>) {
  return eb.or([
    eb('quality_measurements.import_id', 'is', null),
    eb('quality_measurements.import_id', 'not in', eb.selectFrom('quality_import_stagings').select('quality_import_stagings.import_id')),
  ]);
}

/** Builds the staging repository over a Kysely instance. */
export function createQualityImportRepository(executor: Executor): QualityImportRepository {
  const db = queriesOf(executor);
  const dialect = dialectOf(db);
  const measurements = createBulkInsert(dialect, 'quality_measurements', MEASUREMENT_COLUMNS, (r: StagedMeasurement): BulkValue[] =>
    MEASUREMENT_COLUMNS.map((c) => r[c] ?? null),
  );
  const kpiValues = createBulkInsert(dialect, 'quality_kpi_values', KPI_VALUE_COLUMNS, (r: StagedKpiValue): BulkValue[] => KPI_VALUE_COLUMNS.map((c) => r[c]));
  const touch = (trx: Kysely<Database>, importId: string, now: string) =>
    trx.updateTable('quality_import_stagings').set({ touched_at: now }).where('import_id', '=', importId).execute();
  return {
    async startImport(importId, kind, operatorId, now) {
      await db.insertInto('quality_import_stagings').values({ import_id: importId, kind, operator_id: operatorId, started_at: now, touched_at: now }).execute();
    },
    stageMeasurements(importId, rows, now) {
      return withTransaction(db, async (trx) => {
        await measurements.insert(trx, rows);
        await touch(trx, importId, now);
      });
    },
    stageKpiValues(importId, reports, values, now) {
      return withTransaction(db, async (trx) => {
        if (reports.length > 0)
          await trx
            .insertInto('quality_kpi_staged_reports')
            .values(reports.map((r) => ({ import_id: importId, month: r.month, report_id: r.reportId })))
            .execute();
        await kpiValues.insert(trx, values);
        await touch(trx, importId, now);
      });
    },
    async endStagingIn(tx, importId) {
      const trx = queriesOf(tx);
      await trx.deleteFrom('quality_kpi_staged_reports').where('import_id', '=', importId).execute();
      const ended = await trx.deleteFrom('quality_import_stagings').where('import_id', '=', importId).executeTakeFirst();
      return Number(ended.numDeletedRows) === 1;
    },
    discardChunk(importId, limit) {
      return withTransaction(db, async (trx) => {
        const staging = await trx.selectFrom('quality_import_stagings').select('kind').where('import_id', '=', importId).executeTakeFirst();
        // Without a staging the import is published, or already deleted: its rows are no longer this repository's to delete.
        if (staging === undefined) return 0;
        let deleted: bigint;
        if (staging.kind === 'measurements') {
          const batch = trx.selectFrom('quality_measurements').select('id').where('import_id', '=', importId).limit(limit);
          deleted = (await trx.deleteFrom('quality_measurements').where('id', 'in', batch).executeTakeFirst()).numDeletedRows;
        } else {
          // The counts of reports that exist only in the staging; the primary key walks each report's rows.
          const result = await sql`delete from quality_kpi_values where (report_id, region_code, technology, kpi_id) in (
              select v.report_id, v.region_code, v.technology, v.kpi_id from quality_kpi_values v
              where v.report_id in (select s.report_id from quality_kpi_staged_reports s where s.import_id = ${importId}) limit ${limit})`.execute(trx);
          deleted = result.numAffectedRows ?? 0n;
        }
        if (deleted === 0n) {
          await trx.deleteFrom('quality_kpi_staged_reports').where('import_id', '=', importId).execute();
          await trx.deleteFrom('quality_import_stagings').where('import_id', '=', importId).execute();
        }
        return Number(deleted);
      });
    },
    async listStale(before) {
      const rows = await db
        .selectFrom('quality_import_stagings')
        .select('import_id')
        .where('touched_at', '<', before)
        .orderBy('started_at')
        .orderBy('import_id')
        .execute();
      return rows.map((r) => r.import_id);
    },
  };
}
