import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../database.ts';

/** The porting table: numbers moved to another operator, under their keyed hash, with the route that now serves them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('sms_ported_numbers')
    .addColumn('number_hash', 'text', (c) => c.primaryKey())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
}

/** Forward-only, like every migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
