import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/** The GSMA TAC database and the record of its imports. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  await db.schema
    .createTable('device_tac_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('imported_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('device_tac_imports_at_idx').on('device_tac_imports').column('imported_at').execute();

  // TACs are text: leading zeros are part of the code (reporting body 01 is the United States).
  await db.schema
    .createTable('device_tacs')
    .addColumn('tac', 'text', (c) => c.primaryKey())
    .addColumn('manufacturer', 'text', (c) => c.notNull())
    .addColumn('brand', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('marketing_name', 'text')
    .addColumn('device_type', 'text', (c) => c.notNull())
    .addColumn('device_class', 'text', (c) => c.notNull())
    .addColumn('bands', 'text', (c) => c.notNull())
    .addColumn('has_2g', t.boolean, (c) => c.notNull())
    .addColumn('has_3g', t.boolean, (c) => c.notNull())
    .addColumn('has_4g', t.boolean, (c) => c.notNull())
    .addColumn('has_5g', t.boolean, (c) => c.notNull())
    .addColumn('allocation_date', 'text')
    .addColumn('reporting_body', 'text', (c) => c.notNull())
    .addColumn('operating_system', 'text')
    .addColumn('import_id', 'text', (c) => c.notNull())
    .execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
