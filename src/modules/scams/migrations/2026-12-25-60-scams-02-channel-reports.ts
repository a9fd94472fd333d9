import { sql, type Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/**
 * Scam reports made by text or USSD before the scams module took them in were kept by the channels
 * module in `channel_scam_reports`, sealed under the channels' contexts. A migration holds no
 * keyring, so it cannot open and seal them again: it moves their sealed columns as they are into
 * `scam_channel_imports`, and drops the channels' table. The scams job `scams.channel-import`
 * (`channel-import/`) then files each through the intake, sealed under the scams' contexts, and
 * deletes it from `scam_channel_imports`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('scam_channel_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reporter_enc', 'text', (c) => c.notNull())
    .addColumn('sender_enc', 'text', (c) => c.notNull())
    .addColumn('text_enc', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  // An installation without the channels module never had the table.
  const tables = await db.introspection.getTables();
  if (!tables.some((table) => table.name === 'channel_scam_reports')) return;
  await sql`insert into scam_channel_imports (id, reporter_enc, sender_enc, text_enc, channel, language, created_at)
    select id, reporter_enc, sender_enc, text_enc, channel, language, created_at from channel_scam_reports`.execute(db);
  await db.schema.dropIndex('channel_scam_reports_created_idx').ifExists().execute();
  await db.schema.dropTable('channel_scam_reports').execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
