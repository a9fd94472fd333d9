import { sql, type Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/**
 * The staging of operator dump imports and reference list uploads. A dump is read in short transactions that each add a
 * batch of observations to a table of the import's own (`device_dump_staging_<import id>`, made
 * when the import starts and dropped when it ends, so not part of the schema), so that no import
 * holds the database for long. Once every check has passed, the import is accepted (its
 * `device_dump_imports` row, with `published_at` still null) and the staged rows are merged into
 * `device_observations`, again in short transactions, `published_n` recording how far. Nothing
 * staged is read by anyone else: a crash while a file is read leaves nothing published, and a
 * merge a crash stopped is finished from where it stopped. `device_dump_stagings` names each
 * import being staged or merged, with the last time it moved, so that what a crash abandoned is found.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema.alterTable('device_dump_imports').addColumn('published_at', t.timestamp).execute();
  await sql`update device_dump_imports set published_at = accepted_at`.execute(db);

  await db.schema
    .createTable('device_dump_stagings')
    .addColumn('import_id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('touched_at', t.timestamp, (c) => c.notNull())
    .addColumn('published_n', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // Reference list uploads stage their rows in `device_list_staging` in short transactions too, and
  // apply them in one; this names each upload being staged, so that what a crash left is deleted.
  await db.schema
    .createTable('device_list_stagings')
    .addColumn('upload_id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('touched_at', t.timestamp, (c) => c.notNull())
    .execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
