import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/**
 * Reference list uploads change the list in short transactions too. Once every line is good the
 * upload is accepted (`accepted_at`) and applied a chunk at a time: first the entries it ends, then
 * those it starts, `phase` and the position columns recording how far, so that an application a
 * stopped process left is finished from where it stopped. Staged lines are applied in the order of
 * the staging's key, so a position is a line's key, IMSI hash and MSISDN hash (a pairing is all
 * three, as DIRBS's). `applying_list` names the list while its upload is applied, unique, so that
 * two uploads of one list never interleave; the counts and who uploaded wait here until the upload
 * is recorded.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema.alterTable('device_list_stagings').addColumn('accepted_at', t.timestamp).execute();
  for (const column of [
    'list',
    'mode',
    'apply_date',
    'applying_list',
    'phase',
    'position_id',
    'position_key',
    'position_imsi',
    'position_msisdn',
    'file_name',
    'actor',
  ]) {
    await db.schema.alterTable('device_list_stagings').addColumn(column, 'text').execute();
  }
  for (const column of ['row_count', 'added', 'removed']) {
    await db.schema
      .alterTable('device_list_stagings')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
  await db.schema.createIndex('device_list_stagings_applying_idx').on('device_list_stagings').column('applying_list').unique().execute();
  // A full upload walks the current entries of its list in id order, a chunk at a time.
  await db.schema.createIndex('device_list_entries_current_idx').on('device_list_entries').columns(['list', 'end_date', 'id']).execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
