import type { Selectable } from 'kysely';
import { queriesOf, transactionOf, withTransaction, type Executor, type Transaction } from '../../../platform/db/index.ts';
import type { OfferSubscriptionsTable } from '../subscriptions/offer-subscription.tables.ts';

/** The SQL of the offers' kinds of record: price-alert subscriptions as retention and a person's requests read and remove them. */
export interface OfferPrivacyRepository {
  /** Runs `work` in one transaction with a repository bound to it. */
  inTransaction<T>(work: (repo: OfferPrivacyRepository, tx: Transaction) => Promise<T>): Promise<T>;
  /** Ids of unconfirmed subscriptions whose confirmation window closed before `cutoff`, by id after `afterId`, at most `limit`. */
  listPendingLapsedBefore(cutoff: string, afterId: string, limit: number): Promise<string[]>;
  /** The subscriptions under any of these keyed hashes (of an address or of a number), oldest first. */
  listByHashes(hashes: readonly string[]): Promise<Selectable<OfferSubscriptionsTable>[]>;
  /** Deletes these subscriptions; answers how many went. */
  deleteByIds(ids: readonly string[]): Promise<number>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createOfferPrivacyRepository(executor: Executor): OfferPrivacyRepository {
  const db = queriesOf(executor);
  const repository: OfferPrivacyRepository = {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(tx === db ? repository : createOfferPrivacyRepository(tx), transactionOf(tx)));
    },

    async listPendingLapsedBefore(cutoff, afterId, limit) {
      const rows = await db
        .selectFrom('offer_subscriptions')
        .select('id')
        .where('status', '=', 'pending')
        .where('expires_at', '<', cutoff)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },

    async listByHashes(hashes) {
      if (hashes.length === 0) return [];
      return db.selectFrom('offer_subscriptions').selectAll().where('email_hash', 'in', hashes).orderBy('created_at').orderBy('id').execute();
    },

    async deleteByIds(ids) {
      if (ids.length === 0) return 0;
      const result = await db.deleteFrom('offer_subscriptions').where('id', 'in', ids).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
  return repository;
}
