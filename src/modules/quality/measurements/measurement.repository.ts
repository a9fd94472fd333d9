import type { Insertable, Selectable } from 'kysely';
import { withTransaction, queriesOf, type Executor, transactionOf, type Transaction } from '../../../platform/db/index.ts';
import { yieldToEventLoop } from '../../../platform/event-loop.ts';
import { isPublishedMeasurement } from '../imports/quality-import.repository.ts';
import type { QualityMeasurementsTable, QualityNdt7TestsTable } from '../quality.tables.ts';
import '../quality.tables.ts';

/** A stored ndt7 test with its counters as numbers on both databases. */
export interface Ndt7TestRow extends Omit<Selectable<QualityNdt7TestsTable>, 'elapsed_us' | 'num_bytes'> {
  elapsed_us: number;
  num_bytes: number;
}

/** A stored measurement. */
export type MeasurementRow = Selectable<QualityMeasurementsTable>;

/** All SQL of ndt7 tests and measurements. */
export interface MeasurementRepository {
  /** Runs `work` in one transaction with a repository bound to it. */
  inTransaction<T>(work: (repository: MeasurementRepository, tx: Transaction) => Promise<T>): Promise<T>;
  insertNdt7Test(row: Insertable<QualityNdt7TestsTable>): Promise<void>;
  findNdt7Test(id: string): Promise<Ndt7TestRow | undefined>;
  /** Binds a test to the measurement it was saved into; false when it was saved already. */
  claimNdt7Test(id: string, measurementId: string): Promise<boolean>;
  insertMeasurements(rows: readonly Insertable<QualityMeasurementsTable>[]): Promise<void>;
  /** A published measurement (see {@link isPublishedMeasurement}). */
  findMeasurement(id: string): Promise<MeasurementRow | undefined>;
  /** Published measurements, newest first. */
  listMeasurements(filter: { source?: string; limit: number }): Promise<MeasurementRow[]>;
  /** How many measurements are published, of one source or all. */
  countMeasurements(source?: string): Promise<number>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createMeasurementRepository(executor: Executor): MeasurementRepository {
  const db = queriesOf(executor);
  return {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createMeasurementRepository(tx), transactionOf(tx)));
    },
    async insertNdt7Test(row) {
      await db.insertInto('quality_ndt7_tests').values(row).execute();
    },
    async findNdt7Test(id) {
      const row = await db.selectFrom('quality_ndt7_tests').selectAll().where('id', '=', id).executeTakeFirst();
      // PostgreSQL returns bigint as a string; the counters stay far below 2^53.
      return row ? { ...row, elapsed_us: Number(row.elapsed_us), num_bytes: Number(row.num_bytes) } : undefined;
    },
    async claimNdt7Test(id, measurementId) {
      const result = await db
        .updateTable('quality_ndt7_tests')
        .set({ measurement_id: measurementId })
        .where('id', '=', id)
        .where('measurement_id', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async insertMeasurements(rows) {
      // Bounded batches: SQLite allows at most 32,766 parameters in one statement. Its driver
      // runs each one synchronously, so the event loop is handed back between batches.
      for (let at = 0; at < rows.length; at += 500) {
        if (at > 0) await yieldToEventLoop();
        await db
          .insertInto('quality_measurements')
          .values(rows.slice(at, at + 500))
          .execute();
      }
    },
    findMeasurement(id) {
      return db.selectFrom('quality_measurements').selectAll().where('id', '=', id).where(isPublishedMeasurement).executeTakeFirst();
    },
    listMeasurements({ source, limit }) {
      let query = db.selectFrom('quality_measurements').selectAll().where(isPublishedMeasurement);
      if (source !== undefined) query = query.where('source', '=', source);
      return query.orderBy('measured_at', 'desc').orderBy('id').limit(limit).execute();
    },
    async countMeasurements(source) {
      let query = db
        .selectFrom('quality_measurements')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where(isPublishedMeasurement);
      if (source !== undefined) query = query.where('source', '=', source);
      const row = await query.executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
