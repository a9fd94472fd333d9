import { sql, type Kysely } from 'kysely';

/**
 * A pairing carries its SIM's IMSI and MSISDN, sealed as the observations seal them, the MSISDN's
 * keyed hash (a pairing is an IMEI, an IMSI and an MSISDN, as DIRBS keys it) and the IMSI's home
 * network, so that the exception lists carry `imei,imsi,msisdn` as DIRBS's do and route a pairing
 * without reading the observations. Pairings stored before keep only their IMSI's hash: the lists
 * find their IMSI in the observations, as before, until the list is uploaded again.
 *
 * The staging of list uploads is made again with the MSISDN's hash in its key: it holds only the
 * lines of uploads under way, and none is under way while the schema changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('device_list_entries').addColumn('imsi_cipher', 'text').execute();
  await db.schema.alterTable('device_list_entries').addColumn('msisdn_cipher', 'text').execute();
  await db.schema.alterTable('device_list_entries').addColumn('msisdn_hash', 'text').execute();
  await db.schema.alterTable('device_list_entries').addColumn('home_network', 'text').execute();

  await db.schema.dropTable('device_list_staging').execute();
  await sql`delete from device_list_stagings`.execute(db);
  // `imsi_hash` and `msisdn_hash` are '' when the list has none, so that they can be part of the key.
  await db.schema
    .createTable('device_list_staging')
    .addColumn('upload_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('imsi_hash', 'text', (c) => c.notNull())
    .addColumn('msisdn_hash', 'text', (c) => c.notNull())
    .addColumn('imsi_cipher', 'text')
    .addColumn('msisdn_cipher', 'text')
    .addColumn('home_network', 'text')
    .addColumn('change_type', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('source', 'text')
    .addColumn('line', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('device_list_staging_pk', ['upload_id', 'key', 'imsi_hash', 'msisdn_hash'])
    .execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
