import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/** Conversations by text that wait for a number's next text (the sender of a forwarded scam, a police reference). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('channel_sms_conversations')
    .addColumn('number_hash', 'text', (c) => c.primaryKey())
    .addColumn('state_enc', 'text', (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('channel_sms_conversations_expiry_idx').on('channel_sms_conversations').column('expires_at').execute();
}

/** Forward-only, like every migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
