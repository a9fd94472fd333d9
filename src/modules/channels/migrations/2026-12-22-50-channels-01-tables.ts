import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/** USSD sessions, scam reports from phones and the language each number chose. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('channel_ussd_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_hash', 'text', (c) => c.notNull().unique())
    .addColumn('number_hash', 'text', (c) => c.notNull())
    .addColumn('gateway', 'text', (c) => c.notNull())
    .addColumn('state_enc', 'text', (c) => c.notNull())
    .addColumn('consumed', 'integer', (c) => c.notNull())
    .addColumn('is_ended', t.boolean, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('channel_ussd_sessions_number_idx').on('channel_ussd_sessions').columns(['number_hash', 'updated_at']).execute();
  await db.schema.createIndex('channel_ussd_sessions_updated_idx').on('channel_ussd_sessions').column('updated_at').execute();

  await db.schema
    .createTable('channel_scam_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reporter_hash', 'text', (c) => c.notNull())
    .addColumn('reporter_enc', 'text', (c) => c.notNull())
    .addColumn('sender_enc', 'text', (c) => c.notNull())
    .addColumn('text_enc', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('channel_scam_reports_created_idx').on('channel_scam_reports').column('created_at').execute();

  await db.schema
    .createTable('channel_language_preferences')
    .addColumn('number_hash', 'text', (c) => c.primaryKey())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
