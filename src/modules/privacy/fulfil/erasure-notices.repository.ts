import { queriesOf, transactionOf, withTransaction, type Executor, type Transaction } from '../../../platform/db/index.ts';
import type { PrivacyErasureNoticesTable } from './erasure-notices.tables.ts';

/** A notice as stored. */
export type ErasureNoticeRow = PrivacyErasureNoticesTable;

/** The SQL of operators' erasure notices, and the read of an operator's agents it needs. */
export interface ErasureNoticeRepository {
  /** Runs `work` in one transaction with a repository bound to it. */
  inTransaction<T>(work: (repository: ErasureNoticeRepository, tx: Transaction) => Promise<T>): Promise<T>;
  insert(row: ErasureNoticeRow): Promise<void>;
  /** The notices of one request, oldest first. */
  listFor(reference: string): Promise<ErasureNoticeRow[]>;
  /** The sealed e-mail addresses of an operator's active agents, in the order of their accounts' ids. */
  agentEmailsOf(operatorId: string): Promise<string[]>;
}

/** Builds the repository over the database or a transaction. */
export function createErasureNoticeRepository(executor: Executor): ErasureNoticeRepository {
  const db = queriesOf(executor);
  return {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createErasureNoticeRepository(tx), transactionOf(tx)));
    },
    async insert(row) {
      await db.insertInto('privacy_erasure_notices').values(row).execute();
    },
    listFor(reference) {
      return db
        .selectFrom('privacy_erasure_notices')
        .selectAll()
        .where('request_reference', '=', reference)
        .orderBy('sent_at')
        .orderBy('operator_id')
        .orderBy('id')
        .execute();
    },
    async agentEmailsOf(operatorId) {
      const rows = await db
        .selectFrom('users')
        .select('email_enc')
        .where('role', '=', 'operator_agent')
        .where('operator_id', '=', operatorId)
        .where('is_active', '=', true)
        .orderBy('id')
        .execute();
      return rows.map((row) => row.email_enc);
    },
  };
}
