import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../database.ts';

/** Counters of one-time codes sent, by a keyed hash of the e-mail address or of the client address. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('send_counters')
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('sends', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('send_counters_window_idx').on('send_counters').column('window_started_at').execute();
}

/** Forward-only, like every migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
