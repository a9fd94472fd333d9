import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/**
 * Offer subscriptions by text message: the mobile number sealed with the SMS outbox's keyed hash
 * (so that a STOP sent from it finds its subscriptions), the one-time code that confirms it kept
 * only as a hash with its expiry and the tries spent, and the version last texted, so that a
 * notice job run again never texts the same change twice. Rows stored before are by e-mail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  const table = () => db.schema.alterTable('offer_subscriptions');
  await table()
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('email'))
    .execute();
  await table().addColumn('phone_hash', 'text').execute();
  await table().addColumn('phone_enc', 'text').execute();
  await table().addColumn('code_hash', 'text').execute();
  await table().addColumn('code_expires_at', t.timestamp).execute();
  await table()
    .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await table().addColumn('texted_version', 'integer').execute();
  await db.schema.createIndex('offer_subscriptions_phone_idx').on('offer_subscriptions').column('phone_hash').execute();
}

/** Forward-only. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
