import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/** E-mail subscriptions to the changes of an offer (double opt-in). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('offer_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('offer_plans.plan_id'))
    .addColumn('email_enc', 'text', (c) => c.notNull())
    .addColumn('email_hash', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('confirm_token_hash', 'text')
    .addColumn('unsubscribe_token_hash', 'text', (c) => c.notNull())
    .addColumn('unsubscribe_token_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp)
    .addColumn('confirmed_at', t.timestamp)
    .addUniqueConstraint('offer_subscriptions_plan_email_uq', ['plan_id', 'email_hash'])
    .addUniqueConstraint('offer_subscriptions_unsubscribe_uq', ['unsubscribe_token_hash'])
    .execute();
  await db.schema.createIndex('offer_subscriptions_confirm_idx').on('offer_subscriptions').column('confirm_token_hash').execute();
  await db.schema.createIndex('offer_subscriptions_plan_status_idx').on('offer_subscriptions').columns(['plan_id', 'status']).execute();
  await db.schema.createIndex('offer_subscriptions_expires_idx').on('offer_subscriptions').column('expires_at').execute();
}

/** Forward-only. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
