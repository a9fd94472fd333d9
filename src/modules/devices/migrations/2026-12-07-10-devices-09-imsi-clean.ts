import { sql, type Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/**
 * Whether an observation's IMSI is unclean (not 14 or 15 digits, DIRBS's `is_unclean_imsi`), so that
 * the duplicate dimension counts only valid IMSIs, as DIRBS does, without decrypting them. IMSIs
 * stored before are encrypted and cannot be read here: they stay counted, as they were.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema.dropIndex('device_observations_classify_idx').ifExists().execute();
  await db.schema
    .alterTable('device_observations')
    .addColumn('is_imsi_unclean', t.boolean, (c) => c.notNull().defaultTo(false))
    .execute();
  // Every column the classification reads from observations, so its scans stay in this index.
  await db.schema
    .createIndex('device_observations_classify_idx')
    .on('device_observations')
    .columns(['imei_key', 'first_seen', 'last_seen', 'imsi_hash', 'is_imsi_unclean', 'rat_mask'])
    .execute();
  // An accepted import a stopped process left half merged is merged by this version: its staging gets the column too.
  const stagings = await sql<{ import_id: string }>`select import_id from device_dump_stagings`.execute(db);
  for (const { import_id: importId } of stagings.rows) {
    const table = sql.table(`device_dump_staging_${importId.replaceAll('-', '_').toLowerCase()}`);
    await sql`alter table ${table} add column is_imsi_unclean ${sql.raw(t.boolean)} not null default ${sql.lit(false)}`.execute(db);
  }
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
