import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/**
 * `privacy_erasure_notices`: each notice to an operator to erase its copy of what an erasure
 * request erased, so that staff see which operators were told and when. It holds the request's
 * reference, the operator's licence id and the kinds of record named, never a person's data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('privacy_erasure_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_reference', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('kinds_json', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addColumn('sent_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('privacy_erasure_notices_reference_idx').on('privacy_erasure_notices').columns(['request_reference', 'sent_at']).execute();
  await db.schema.createIndex('privacy_erasure_notices_sent_idx').on('privacy_erasure_notices').column('sent_at').execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
