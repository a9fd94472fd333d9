import type { Insertable, Selectable } from 'kysely';
import { withTransaction, queriesOf, type Executor, transactionOf, type Transaction } from '../../../platform/db/index.ts';
import type { OfferSubscriptionsTable } from './offer-subscription.tables.ts';
import './offer-subscription.tables.ts';
import '../offers.tables.ts';

/** A subscription row. */
export type SubscriptionRow = Selectable<OfferSubscriptionsTable>;

/** One version of a plan as a change notice needs it. */
export interface NoticeVersion {
  plan_id: string;
  version: number;
  effective_from: string;
  record: string;
  operator_name: string;
}

/** All SQL of offer subscriptions, named for intent. */
export interface OfferSubscriptionRepository {
  /** Runs `work` in one transaction with a repository bound to it; `trx` is for the job queue and the audit log. */
  inTransaction<T>(work: (repository: OfferSubscriptionRepository, tx: Transaction) => Promise<T>): Promise<T>;
  /** The newest version of a plan, or undefined when no plan has this id. */
  findLatestVersion(planId: string): Promise<NoticeVersion | undefined>;
  findByPlanAndEmail(planId: string, emailHash: string): Promise<SubscriptionRow | undefined>;
  findByConfirmToken(tokenHash: string): Promise<SubscriptionRow | undefined>;
  findByUnsubscribeToken(tokenHash: string): Promise<SubscriptionRow | undefined>;
  insert(row: Insertable<OfferSubscriptionsTable>): Promise<void>;
  /** Gives a pending subscription a new confirmation token, unsubscribe token and expiry. */
  renewPending(
    id: string,
    changes: Pick<SubscriptionRow, 'confirm_token_hash' | 'unsubscribe_token_hash' | 'unsubscribe_token_enc' | 'language' | 'expires_at'>,
  ): Promise<void>;
  /** Gives a subscription by text a new code and the token of the browser waiting to type it; an active one stays active. */
  setCode(id: string, changes: Pick<SubscriptionRow, 'confirm_token_hash' | 'code_hash' | 'code_expires_at' | 'language'>): Promise<void>;
  recordCodeAttempt(id: string, attempts: number): Promise<void>;
  /** Notes the version of its plan last texted to a subscriber. */
  markTexted(id: string, version: number): Promise<void>;
  /** Ends every subscription by text of a number (by the SMS outbox's keyed hash); returns how many. */
  removeTextsTo(phoneHash: string): Promise<number>;
  activate(id: string, at: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** Deletes pending subscriptions that expired at or before `now`; returns how many. */
  deleteExpiredPending(now: string): Promise<number>;
  listActiveForPlan(planId: string): Promise<SubscriptionRow[]>;
  findVersion(planId: string, version: number): Promise<NoticeVersion | undefined>;
}

/** Creates the repository over a database or a transaction. */
export function createOfferSubscriptionRepository(executor: Executor): OfferSubscriptionRepository {
  const db = queriesOf(executor);
  const repository: OfferSubscriptionRepository = {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(tx === db ? repository : createOfferSubscriptionRepository(tx), transactionOf(tx)));
    },

    findLatestVersion(planId) {
      return db
        .selectFrom('offer_plans as p')
        .innerJoin('offer_versions as v', (join) => join.onRef('v.plan_id', '=', 'p.plan_id').onRef('v.version', '=', 'p.latest_version'))
        .innerJoin('operators as o', 'o.licence_id', 'v.operator_id')
        .select(['v.plan_id', 'v.version', 'v.effective_from', 'v.record', 'o.name as operator_name'])
        .where('p.plan_id', '=', planId)
        .executeTakeFirst();
    },

    findByPlanAndEmail(planId, emailHash) {
      return db.selectFrom('offer_subscriptions').selectAll().where('plan_id', '=', planId).where('email_hash', '=', emailHash).executeTakeFirst();
    },

    findByConfirmToken(tokenHash) {
      return db.selectFrom('offer_subscriptions').selectAll().where('confirm_token_hash', '=', tokenHash).executeTakeFirst();
    },

    findByUnsubscribeToken(tokenHash) {
      return db.selectFrom('offer_subscriptions').selectAll().where('unsubscribe_token_hash', '=', tokenHash).executeTakeFirst();
    },

    async insert(row) {
      await db.insertInto('offer_subscriptions').values(row).execute();
    },

    async renewPending(id, changes) {
      await db.updateTable('offer_subscriptions').set(changes).where('id', '=', id).where('status', '=', 'pending').execute();
    },

    async setCode(id, changes) {
      await db
        .updateTable('offer_subscriptions')
        .set({ ...changes, code_attempts: 0 })
        .where('id', '=', id)
        .execute();
    },

    async recordCodeAttempt(id, attempts) {
      await db.updateTable('offer_subscriptions').set({ code_attempts: attempts }).where('id', '=', id).execute();
    },

    async markTexted(id, version) {
      await db.updateTable('offer_subscriptions').set({ texted_version: version }).where('id', '=', id).execute();
    },

    async removeTextsTo(phoneHash) {
      const result = await db.deleteFrom('offer_subscriptions').where('channel', '=', 'sms').where('phone_hash', '=', phoneHash).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async activate(id, at) {
      await db
        .updateTable('offer_subscriptions')
        .set({ status: 'active', confirmed_at: at, confirm_token_hash: null, expires_at: null, code_hash: null, code_expires_at: null, code_attempts: 0 })
        .where('id', '=', id)
        .execute();
    },

    async remove(id) {
      await db.deleteFrom('offer_subscriptions').where('id', '=', id).execute();
    },

    async deleteExpiredPending(now) {
      const result = await db.deleteFrom('offer_subscriptions').where('status', '=', 'pending').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    listActiveForPlan(planId) {
      return db.selectFrom('offer_subscriptions').selectAll().where('plan_id', '=', planId).where('status', '=', 'active').orderBy('id').execute();
    },

    findVersion(planId, version) {
      return db
        .selectFrom('offer_versions as v')
        .innerJoin('operators as o', 'o.licence_id', 'v.operator_id')
        .select(['v.plan_id', 'v.version', 'v.effective_from', 'v.record', 'o.name as operator_name'])
        .where('v.plan_id', '=', planId)
        .where('v.version', '=', version)
        .executeTakeFirst();
    },
  };
  return repository;
}
