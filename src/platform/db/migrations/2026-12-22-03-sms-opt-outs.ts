import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../database.ts';

/** Numbers that texted STOP, under their keyed hash, and a lock on a received text while one process handles it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('sms_opt_outs')
    .addColumn('number_hash', 'text', (c) => c.primaryKey())
    .addColumn('opted_out_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.alterTable('sms_inbound').addColumn('locked_until', t.timestamp).execute();
}

/** Forward-only, like every migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
