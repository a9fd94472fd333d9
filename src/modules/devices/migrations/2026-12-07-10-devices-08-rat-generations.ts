import { sql, type Kysely } from 'kysely';

/**
 * An observation keeps the radio generations it was seen on as a mask (2G 1, 3G 2, 4G 4, 5G 8),
 * the union over every row and every dump, as DIRBS ORs the RAT codes it sees into
 * `seen_rat_bitmask`; the text of the last RAT given goes. Existing texts are read once here, by
 * the reading of this version (DIRBS codes such as `001|006`, or words such as `4G`). Models are
 * looked up by manufacturer and model name, as the inconsistent-RAT dimension judges a model by all
 * of its TACs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('device_observations_classify_idx').ifExists().execute();
  await db.schema.alterTable('device_observations').addColumn('rat_mask', 'integer').execute();
  const texts = await sql<{ rat: string }>`select distinct rat from device_observations where rat is not null`.execute(db);
  for (const { rat } of texts.rows) {
    const mask = maskOf(rat);
    if (mask !== null) await sql`update device_observations set rat_mask = ${mask} where rat = ${rat}`.execute(db);
  }
  await db.schema.alterTable('device_observations').dropColumn('rat').execute();
  // Every column the classification reads from observations, so its scans stay in this index.
  await db.schema
    .createIndex('device_observations_classify_idx')
    .on('device_observations')
    .columns(['imei_key', 'first_seen', 'last_seen', 'imsi_hash', 'rat_mask'])
    .execute();
  await db.schema.createIndex('device_tacs_model_idx').on('device_tacs').columns(['manufacturer', 'model']).execute();

  // An accepted import a stopped process left half merged is merged by this version: its staging gets the mask too.
  const stagings = await sql<{ import_id: string }>`select import_id from device_dump_stagings`.execute(db);
  for (const { import_id: importId } of stagings.rows) {
    const table = sql.table(`device_dump_staging_${importId.replaceAll('-', '_').toLowerCase()}`);
    await sql`alter table ${table} add column rat_mask integer`.execute(db);
    const staged = await sql<{ rat: string }>`select distinct rat from ${table} where rat is not null`.execute(db);
    for (const { rat } of staged.rows) {
      const mask = maskOf(rat);
      if (mask !== null) await sql`update ${table} set rat_mask = ${mask} where rat = ${rat}`.execute(db);
    }
  }
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}

// The reading of this version, kept here as it was: a migration never changes with later code.
const CODES: Readonly<Record<string, number>> = {
  '001': 2,
  '002': 1,
  '003': 0,
  '004': 0,
  '005': 2,
  '006': 4,
  '007': 0,
  '101': 4,
  '102': 2,
  '103': 2,
  '104': 1,
  '105': 4,
};
const WORDS: Readonly<Record<string, number>> = {
  '2G': 1,
  GSM: 1,
  GERAN: 1,
  '3G': 2,
  UMTS: 2,
  WCDMA: 2,
  UTRAN: 2,
  '4G': 4,
  LTE: 4,
  'E-UTRAN': 4,
  '5G': 8,
  NR: 8,
};

function maskOf(text: string): number | null {
  const rat = text.trim();
  if (rat === '') return null;
  let mask = 0;
  // Texts were cut at 16 characters: a code cut short reads as nothing.
  for (const item of rat.split('|')) mask |= CODES[item.trim()] ?? WORDS[item.trim().toUpperCase()] ?? 0;
  return mask;
}
