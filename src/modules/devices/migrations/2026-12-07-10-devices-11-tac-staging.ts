import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/**
 * The staging of TAC database imports. A file is read in short transactions that each add a batch
 * of TACs to `device_tac_staging`, so that no import holds the database for long; once every line
 * is good the import is accepted and replaces `device_tacs` TAC range by TAC range, again in short
 * transactions, `published_tac` recording how far, so that a replacement a stopped process left is
 * finished from where it stopped. `device_tac_stagings` names the import being staged or
 * published (one at a time: `slot` is unique), with the last time it moved.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('device_tac_stagings')
    .addColumn('import_id', 'text', (c) => c.primaryKey())
    // Always 'tac': two imports replacing the table at once would each delete the other's TACs.
    .addColumn('slot', 'text', (c) => c.notNull().unique())
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('touched_at', t.timestamp, (c) => c.notNull())
    .addColumn('accepted_at', t.timestamp)
    .addColumn('file_name', 'text')
    .addColumn('sha256', 'text')
    .addColumn('row_count', 'integer')
    // The last TAC already replaced; null before the first range.
    .addColumn('published_tac', 'text')
    .execute();

  await db.schema
    .createTable('device_tac_staging')
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('tac', 'text', (c) => c.notNull())
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
    .addPrimaryKeyConstraint('device_tac_staging_pkey', ['import_id', 'tac'])
    .execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
