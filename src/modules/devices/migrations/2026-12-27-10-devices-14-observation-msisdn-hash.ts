import { sql, type Kysely } from 'kysely';

/**
 * Observations keep the keyed hash of their MSISDN (purpose `device-msisdn`, as pairings do), so
 * that a person's mobile number finds the observations of their SIM when they ask for their data.
 * Rows stored before carry none: only their sealed MSISDN. Imports staged when the column came
 * get it too, so that they can still be merged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('device_observations').addColumn('msisdn_hash', 'text').execute();
  await db.schema.createIndex('device_observations_msisdn_hash').on('device_observations').column('msisdn_hash').execute();
  const stagings = await sql<{ import_id: string }>`select import_id from device_dump_stagings`.execute(db);
  // The staging table's name, as `stagingTableOf` of the repository writes it.
  for (const { import_id } of stagings.rows) {
    await sql`alter table ${sql.table(`device_dump_staging_${import_id.replaceAll('-', '_').toLowerCase()}`)} add column msisdn_hash text`.execute(db);
  }
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
