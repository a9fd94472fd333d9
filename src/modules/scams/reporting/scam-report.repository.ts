import type { Insertable, Selectable } from 'kysely';
import { queriesOf, transactionOf, withTransaction, type Executor, type Transaction } from '../../../platform/db/index.ts';
import type { NewScamReportRow, ScamCampaignsTable, ScamNumberChecksTable, ScamReportTargetsTable, ScamScreenshotsTable } from '../scams.tables.ts';
import '../scams.tables.ts';

/** A stored one-time-code check of a number. */
export type ScamNumberCheckRow = Selectable<ScamNumberChecksTable>;

/** All SQL of filing reports: campaigns, reports, their targets and screenshots, reporters, and the checks that prove a reporter's number. */
export interface ScamReportRepository {
  /** The executor of this repository, for the audit entry and the texts of the same transaction. */
  readonly executor: Executor;
  /** Runs `work` in one transaction with a repository bound to it. */
  inTransaction<T>(work: (repository: ScamReportRepository, tx: Transaction) => Promise<T>): Promise<T>;
  /** The campaign of a text's keyed hash, created with `fresh` the first time; one more instance counted either way. */
  countCampaignInstance(fresh: Omit<Insertable<ScamCampaignsTable>, 'reports'>): Promise<string>;
  insertReport(row: NewScamReportRow): Promise<void>;
  insertTargets(rows: readonly Insertable<ScamReportTargetsTable>[]): Promise<void>;
  insertScreenshot(row: Insertable<ScamScreenshotsTable>): Promise<void>;
  /** Keeps the first time a reporter's number was verified: a later verification never moves it. */
  recordReporterVerified(reporterHash: string, verifiedAt: string): Promise<void>;
  insertNumberCheck(row: Insertable<ScamNumberChecksTable>): Promise<void>;
  findNumberCheck(id: string): Promise<ScamNumberCheckRow | undefined>;
  findNumberCheckByToken(tokenHash: string): Promise<ScamNumberCheckRow | undefined>;
  recordCodeAttempt(id: string, attempts: number, verifiedAt: string | null): Promise<void>;
  /** Spends a verified check once a report was filed with it, so a code proves one report. */
  deleteNumberCheck(id: string): Promise<void>;
  /** Deletes checks that expired before `before`; returns how many. */
  deleteNumberChecksBefore(before: string): Promise<number>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createScamReportRepository(executor: Executor): ScamReportRepository {
  const db = queriesOf(executor);
  return {
    executor: db,
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createScamReportRepository(tx), transactionOf(tx)));
    },
    async countCampaignInstance(fresh) {
      // Two first instances at once both insert: the second counts itself on the first's row.
      await db
        .insertInto('scam_campaigns')
        .values({ ...fresh, reports: 1 })
        .onConflict((oc) => oc.column('text_hash').doUpdateSet((eb) => ({ reports: eb('scam_campaigns.reports', '+', 1), last_seen_at: fresh.last_seen_at })))
        .execute();
      const row = await db.selectFrom('scam_campaigns').select('id').where('text_hash', '=', fresh.text_hash).executeTakeFirstOrThrow();
      return row.id;
    },
    async insertReport(row) {
      await db.insertInto('scam_reports').values(row).execute();
    },
    async insertTargets(rows) {
      if (rows.length > 0)
        await db
          .insertInto('scam_report_targets')
          .values([...rows])
          .execute();
    },
    async insertScreenshot(row) {
      await db.insertInto('scam_screenshots').values(row).execute();
    },
    async recordReporterVerified(reporterHash, verifiedAt) {
      await db
        .insertInto('scam_reporters')
        .values({ reporter_hash: reporterHash, first_verified_at: verifiedAt })
        .onConflict((oc) => oc.column('reporter_hash').doNothing())
        .execute();
    },
    async insertNumberCheck(row) {
      await db.insertInto('scam_number_checks').values(row).execute();
    },
    findNumberCheck(id) {
      return db.selectFrom('scam_number_checks').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findNumberCheckByToken(tokenHash) {
      return db.selectFrom('scam_number_checks').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    },
    async recordCodeAttempt(id, attempts, verifiedAt) {
      await db.updateTable('scam_number_checks').set({ attempts, verified_at: verifiedAt }).where('id', '=', id).execute();
    },
    async deleteNumberCheck(id) {
      await db.deleteFrom('scam_number_checks').where('id', '=', id).execute();
    },
    async deleteNumberChecksBefore(before) {
      const result = await db.deleteFrom('scam_number_checks').where('expires_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
