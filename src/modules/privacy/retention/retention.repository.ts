import { queriesOf, transactionOf, withTransaction, type Executor, type Transaction } from '../../../platform/db/index.ts';
import type { PrivacyLegalHoldsTable, PrivacyRetentionRunKindsTable, PrivacyRetentionRunsTable } from './retention.tables.ts';

/** A run as stored. */
export type RetentionRunRow = PrivacyRetentionRunsTable;
/** One kind of a run as stored. */
export type RetentionRunKindRow = PrivacyRetentionRunKindsTable;
/** A hold as stored. */
export type LegalHoldRow = PrivacyLegalHoldsTable;

/** All SQL of the retention schedule's runs and legal holds. */
export interface RetentionRepository {
  /** Runs `work` in one transaction, with this repository and the transaction for the audit log and the job queue. */
  inTransaction<T>(work: (repository: RetentionRepository, tx: Transaction) => Promise<T>): Promise<T>;
  insertRun(row: RetentionRunRow): Promise<void>;
  markStarted(id: string, at: string): Promise<void>;
  markFinished(id: string, at: string): Promise<void>;
  insertRunKind(row: RetentionRunKindRow): Promise<void>;
  findRun(id: string): Promise<RetentionRunRow | undefined>;
  /** The newest runs first. */
  listRuns(limit: number): Promise<RetentionRunRow[]>;
  /** The kinds of the given runs, by run then kind name. */
  listRunKinds(runIds: readonly string[]): Promise<RetentionRunKindRow[]>;
  /** The kinds whose newest finished real run failed. */
  failedKindsOfLastRun(): Promise<RetentionRunKindRow[]>;
  insertHold(row: LegalHoldRow): Promise<void>;
  findHold(id: string): Promise<LegalHoldRow | undefined>;
  /** Holds in force, oldest first. */
  listHoldsInForce(): Promise<LegalHoldRow[]>;
  countHoldsInForce(): Promise<number>;
  /** The record ids of one kind under a hold in force. */
  heldIds(kind: string): Promise<string[]>;
  /** Releases a hold in force; answers false when it was not in force. */
  releaseHold(id: string, by: string | null, at: string): Promise<boolean>;
  /** The ids of holds released before `cutoff`, oldest first. */
  releasedBefore(cutoff: string): Promise<string[]>;
  /** Deletes the given holds, if released; answers how many. */
  deleteReleased(ids: readonly string[]): Promise<number>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createRetentionRepository(executor: Executor): RetentionRepository {
  const db = queriesOf(executor);
  return {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createRetentionRepository(tx), transactionOf(tx)));
    },
    async insertRun(row) {
      await db.insertInto('privacy_retention_runs').values(row).execute();
    },
    async markStarted(id, at) {
      await db.updateTable('privacy_retention_runs').set({ started_at: at }).where('id', '=', id).execute();
    },
    async markFinished(id, at) {
      await db.updateTable('privacy_retention_runs').set({ finished_at: at }).where('id', '=', id).execute();
    },
    async insertRunKind(row) {
      await db.insertInto('privacy_retention_run_kinds').values(row).execute();
    },
    async findRun(id) {
      return db.selectFrom('privacy_retention_runs').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async listRuns(limit) {
      return db.selectFrom('privacy_retention_runs').selectAll().orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    },
    async listRunKinds(runIds) {
      if (runIds.length === 0) return [];
      return db.selectFrom('privacy_retention_run_kinds').selectAll().where('run_id', 'in', runIds).orderBy('run_id').orderBy('kind').execute();
    },
    async failedKindsOfLastRun() {
      const last = await db
        .selectFrom('privacy_retention_runs')
        .select('id')
        .where('is_dry_run', '=', false)
        .where('finished_at', 'is not', null)
        .orderBy('finished_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!last) return [];
      return db.selectFrom('privacy_retention_run_kinds').selectAll().where('run_id', '=', last.id).where('error', 'is not', null).orderBy('kind').execute();
    },
    async insertHold(row) {
      await db.insertInto('privacy_legal_holds').values(row).execute();
    },
    async findHold(id) {
      return db.selectFrom('privacy_legal_holds').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async listHoldsInForce() {
      return db.selectFrom('privacy_legal_holds').selectAll().where('released_at', 'is', null).orderBy('placed_at').orderBy('id').execute();
    },
    async countHoldsInForce() {
      const row = await db
        .selectFrom('privacy_legal_holds')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('released_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async heldIds(kind) {
      const rows = await db
        .selectFrom('privacy_legal_holds')
        .select('record_id')
        .where('kind', '=', kind)
        .where('released_at', 'is', null)
        .orderBy('record_id')
        .execute();
      return rows.map((r) => r.record_id);
    },
    async releaseHold(id, by, at) {
      const result = await db
        .updateTable('privacy_legal_holds')
        .set({ released_by: by, released_at: at })
        .where('id', '=', id)
        .where('released_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async releasedBefore(cutoff) {
      const rows = await db.selectFrom('privacy_legal_holds').select('id').where('released_at', '<', cutoff).orderBy('released_at').orderBy('id').execute();
      return rows.map((r) => r.id);
    },
    async deleteReleased(ids) {
      if (ids.length === 0) return 0;
      const result = await db.deleteFrom('privacy_legal_holds').where('id', 'in', ids).where('released_at', 'is not', null).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
