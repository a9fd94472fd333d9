import type { Kysely } from 'kysely';
import type { Database } from './database.ts';

/**
 * Runs `work` in one transaction on `db` and returns what it returns: the transaction commits when
 * `work` resolves and rolls back everything `work` wrote when it throws (the error is rethrown).
 *
 * Nested use joins: when `db` is a transaction already, `work` runs in it, with no savepoint, so a
 * throw that reaches the outer `work` rolls back the outer transaction whole, and nothing commits
 * before the outer one does. This lets a repository's `inTransaction` be called both on its own
 * and from within a caller's transaction (an import's, with its audit entry and jobs). On SQLite,
 * never query `db` itself (rather than `tx`) inside `work`: the one connection is held by the
 * transaction and the query would wait for it forever.
 *
 * @example
 * await withTransaction(db, async (tx) => { await createOfferRepository(tx).insertEntries(rows); await audit(tx, entry); });
 */
export function withTransaction<T>(db: Kysely<Database>, work: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}

declare const unitOfWork: unique symbol;

/**
 * An open transaction as a service holds it: opaque, so a service cannot query through it. The
 * service only passes it on, to a repository's methods, the audit log and the job queue, so that
 * what they write commits or rolls back together. A repository's `inTransaction` hands one out.
 */
export interface Transaction {
  readonly [unitOfWork]: 'transaction';
}

/** Where the audit log and the job queue write: the database itself, or an open {@link Transaction}. */
export type Executor = Kysely<Database> | Transaction;

/** The opaque handle of an open transaction (a repository gives it to the service's work). */
export function transactionOf(trx: Kysely<Database>): Transaction {
  return trx as unknown as Transaction;
}

/**
 * The query builder behind an {@link Executor}: for repositories, the audit log and the job queue
 * only (the architecture test keeps services from importing Kysely at all).
 */
export function queriesOf(executor: Executor): Kysely<Database> {
  return executor as Kysely<Database>;
}
