import { queriesOf, transactionOf, withTransaction, type Executor, type Transaction } from '../../../platform/db/index.ts';
import type { ScamAppealRow, ScamIdentifierRow, ScamNumberChecksTable } from '../scams.tables.ts';

/** A number check as stored. */
export type NumberCheckRow = ScamNumberChecksTable;

/** An appeal with the identifier it is about, as staff list it. */
export interface AppealWithIdentifier extends ScamAppealRow {
  identifier_value_enc: string;
  identifier_state: string;
}

/** All SQL of appeals and of the holders' number checks. */
export interface AppealRepository {
  /** Runs `work` in one transaction with a repository bound to it. */
  inTransaction<T>(work: (repository: AppealRepository, tx: Transaction) => Promise<T>): Promise<T>;
  findIdentifierByHash(valueHash: string): Promise<ScamIdentifierRow | undefined>;
  insertCheck(row: NumberCheckRow): Promise<void>;
  findCheckByTokenHash(tokenHash: string, purpose: string): Promise<NumberCheckRow | undefined>;
  recordAttempt(id: string, attempts: number, verifiedAt: string | null): Promise<void>;
  /** Deletes a check once it was used: it can prove nothing more. */
  spendCheck(id: string): Promise<void>;
  insertAppeal(row: ScamAppealRow): Promise<void>;
  /** Whether an appeal of the identifier is open. */
  hasOpenAppeal(identifierId: string): Promise<boolean>;
  /** Appeals in a state, oldest first, with their identifier. */
  listAppeals(state: string): Promise<AppealWithIdentifier[]>;
  findAppeal(id: string): Promise<AppealWithIdentifier | undefined>;
  /** Decides an open appeal; false when it was decided meanwhile. */
  decideAppeal(id: string, decision: { state: string; at: string; by: string; reason: string }): Promise<boolean>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createAppealRepository(executor: Executor): AppealRepository {
  const db = queriesOf(executor);
  const appeals = () =>
    db
      .selectFrom('scam_appeals as a')
      .innerJoin('scam_identifiers as i', 'i.id', 'a.identifier_id')
      .selectAll('a')
      .select(['i.value_enc as identifier_value_enc', 'i.state as identifier_state']);
  return {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createAppealRepository(tx), transactionOf(tx)));
    },
    findIdentifierByHash(valueHash) {
      return db.selectFrom('scam_identifiers').selectAll().where('value_hash', '=', valueHash).executeTakeFirst();
    },
    async insertCheck(row) {
      await db.insertInto('scam_number_checks').values(row).execute();
    },
    findCheckByTokenHash(tokenHash, purpose) {
      return db.selectFrom('scam_number_checks').selectAll().where('token_hash', '=', tokenHash).where('purpose', '=', purpose).executeTakeFirst();
    },
    async recordAttempt(id, attempts, verifiedAt) {
      await db.updateTable('scam_number_checks').set({ attempts, verified_at: verifiedAt }).where('id', '=', id).execute();
    },
    async spendCheck(id) {
      await db.deleteFrom('scam_number_checks').where('id', '=', id).execute();
    },
    async insertAppeal(row) {
      await db.insertInto('scam_appeals').values(row).execute();
    },
    async hasOpenAppeal(identifierId) {
      const row = await db.selectFrom('scam_appeals').select('id').where('identifier_id', '=', identifierId).where('state', '=', 'open').executeTakeFirst();
      return row !== undefined;
    },
    listAppeals(state) {
      return appeals().where('a.state', '=', state).orderBy('a.filed_at').orderBy('a.id').execute();
    },
    findAppeal(id) {
      return appeals().where('a.id', '=', id).executeTakeFirst();
    },
    async decideAppeal(id, decision) {
      const result = await db
        .updateTable('scam_appeals')
        .set({ state: decision.state, decided_at: decision.at, decided_by: decision.by, decision_reason: decision.reason })
        .where('id', '=', id)
        .where('state', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
