import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/**
 * Classification state over time, its runs, the generated operator lists (kept for deltas), trace
 * alerts, report recoveries and the monthly check counter. Days are `YYYY-MM-DD` text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  // Every column the classification reads from observations, so its scans stay in this index
  // instead of the wide rows with their encrypted IMSI and MSISDN (measured about twice as fast on SQLite).
  await db.schema
    .createIndex('device_observations_classify_idx')
    .on('device_observations')
    .columns(['imei_key', 'first_seen', 'last_seen', 'imsi_hash', 'rat'])
    .execute();

  await db.schema
    .createTable('device_classification_state')
    .addColumn('imei_key', 'text', (c) => c.notNull())
    .addColumn('condition_name', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('block_date', 'text')
    .addPrimaryKeyConstraint('device_classification_state_pk', ['imei_key', 'condition_name', 'start_date'])
    .execute();
  await db.schema
    .createIndex('device_classification_state_open_idx')
    .on('device_classification_state')
    .columns(['condition_name', 'end_date', 'imei_key'])
    .execute();
  await db.schema.createIndex('device_classification_state_end_idx').on('device_classification_state').column('end_date').execute();

  await db.schema
    .createTable('device_classification_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_date', 'text', (c) => c.notNull())
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('finished_at', t.timestamp, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('summary', t.json, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('device_classification_runs_date_idx').on('device_classification_runs').columns(['run_date', 'started_at']).execute();

  await db.schema
    .createTable('device_classification_matches')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('condition_name', 'text', (c) => c.notNull())
    .addColumn('imei_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('device_classification_matches_pk', ['run_id', 'condition_name', 'imei_key'])
    .execute();

  await db.schema
    .createTable('device_list_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('list_date', 'text', (c) => c.notNull())
    .addColumn('generated_at', t.timestamp, (c) => c.notNull())
    .addColumn('summary', t.json, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('device_list_runs_generated_idx').on('device_list_runs').column('generated_at').execute();

  await db.schema
    .createTable('device_list_items')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('list_kind', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('imei_key', 'text', (c) => c.notNull())
    .addColumn('imsi_hash', 'text', (c) => c.notNull())
    .addColumn('imsi_cipher', 'text')
    .addColumn('msisdn_cipher', 'text')
    .addColumn('block_date', 'text')
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('device_list_items_pk', ['run_id', 'list_kind', 'operator_id', 'imei_key', 'imsi_hash'])
    .execute();

  await db.schema
    .createTable('device_trace_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('imei_key', 'text', (c) => c.notNull())
    .addColumn('imsi_hash', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text')
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('seen_on', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', t.timestamp)
    .addColumn('acknowledged_by', 'text')
    .addUniqueConstraint('device_trace_alerts_pair_uq', ['imei_key', 'imsi_hash'])
    .execute();
  await db.schema.createIndex('device_trace_alerts_created_idx').on('device_trace_alerts').column('created_on').execute();

  await db.schema
    .createTable('device_report_recoveries')
    .addColumn('report_id', 'text', (c) => c.primaryKey().references('device_theft_reports.id').onDelete('cascade'))
    .addColumn('recovered_at', t.timestamp, (c) => c.notNull())
    .addColumn('recovered_on', 'text', (c) => c.notNull())
    .addColumn('recovered_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('device_check_counts')
    .addColumn('month', 'text', (c) => c.primaryKey())
    .addColumn('checks', 'integer', (c) => c.notNull())
    .execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
