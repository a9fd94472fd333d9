import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/**
 * Operator data: the record of accepted operator dumps, the IMEI/IMSI/MSISDN observations drawn
 * from them, and the reference lists (stolen, registration, pairing, golden, barred) kept over time.
 * Dates (`period_*`, `first_seen`, `last_seen`, `start_date`, `end_date`) are ISO 8601 `YYYY-MM-DD` text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  await db.schema
    .createTable('device_dump_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('accepted_at', t.timestamp, (c) => c.notNull())
    .addColumn('report', t.json, (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addUniqueConstraint('device_dump_imports_operator_sha_uq', ['operator_id', 'file_sha256'])
    .execute();
  await db.schema.createIndex('device_dump_imports_operator_idx').on('device_dump_imports').columns(['operator_id', 'accepted_at']).execute();

  // One row per distinct (IMEI, IMSI, MSISDN, operator). `observation_key` is the keyed hash of
  // that tuple, for upserts; retention clears it with the personal columns (nulls never collide).
  await db.schema
    .createTable('device_observations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('observation_key', 'text', (c) => c.unique())
    .addColumn('imei_key', 'text', (c) => c.notNull())
    .addColumn('imsi_cipher', 'text')
    .addColumn('msisdn_cipher', 'text')
    .addColumn('imsi_hash', 'text')
    .addColumn('home_network', 'text')
    .addColumn('rat', 'text')
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('device_observations_imei_idx').on('device_observations').column('imei_key').execute();
  await db.schema.createIndex('device_observations_imei_seen_idx').on('device_observations').columns(['imei_key', 'last_seen']).execute();
  await db.schema.createIndex('device_observations_imsi_idx').on('device_observations').column('imsi_hash').execute();
  await db.schema.createIndex('device_observations_last_seen_idx').on('device_observations').column('last_seen').execute();

  await db.schema
    .createTable('device_list_uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('added', 'integer', (c) => c.notNull())
    .addColumn('removed', 'integer', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('device_list_uploads_list_idx').on('device_list_uploads').columns(['list', 'created_at']).execute();

  await db.schema
    .createTable('device_list_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('imsi_hash', 'text')
    .addColumn('reason', 'text')
    .addColumn('source', 'text')
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('upload_id', 'text', (c) => c.notNull())
    .addColumn('ended_by_upload_id', 'text')
    .execute();
  await db.schema.createIndex('device_list_entries_list_key_idx').on('device_list_entries').columns(['list', 'key']).execute();
  await db.schema.createIndex('device_list_entries_list_end_idx').on('device_list_entries').columns(['list', 'end_date']).execute();

  // Rows of a list upload being read, so that a full upload is compared with the current list in
  // SQL rather than in memory; emptied in the same transaction. `imsi_hash` is '' outside pairing.
  await db.schema
    .createTable('device_list_staging')
    .addColumn('upload_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('imsi_hash', 'text', (c) => c.notNull())
    .addColumn('change_type', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('source', 'text')
    .addColumn('line', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('device_list_staging_pk', ['upload_id', 'key', 'imsi_hash'])
    .execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
