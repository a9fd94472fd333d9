import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/** The optional copy of the police report a reporter uploads with a lost or stolen report: one per report, gone with it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('device_theft_report_files')
    .addColumn('report_id', 'text', (c) => c.primaryKey().references('device_theft_reports.id').onDelete('cascade'))
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('content_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
