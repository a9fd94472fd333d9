import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/**
 * Network KPIs operators report: one report per operator and month and upload, every version
 * kept (a re-upload replaces the month's current report, which stays as it was), and its counts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  await db.schema
    .createTable('quality_kpi_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('is_current', t.boolean, (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', t.timestamp, (c) => c.notNull())
    .addColumn('replaced_at', t.timestamp)
    .addUniqueConstraint('quality_kpi_reports_version_key', ['operator_id', 'month', 'version'])
    .execute();
  await db.schema.createIndex('quality_kpi_reports_current_idx').on('quality_kpi_reports').columns(['is_current', 'month']).execute();

  // Counts pass 2^31 for a large operator's national month: bigint on PostgreSQL.
  await db.schema
    .createTable('quality_kpi_values')
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('technology', 'text', (c) => c.notNull())
    .addColumn('kpi_id', 'text', (c) => c.notNull())
    .addColumn('numerator', 'bigint', (c) => c.notNull())
    .addColumn('denominator', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('quality_kpi_values_pkey', ['report_id', 'region_code', 'technology', 'kpi_id'])
    .execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
