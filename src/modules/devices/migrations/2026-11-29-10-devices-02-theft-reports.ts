import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/** Lost and stolen phone reports, their IMEIs, and the e-mail proof that comes before them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  await db.schema
    .createTable('device_report_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('email_hash', 'text', (c) => c.notNull())
    .addColumn('email_enc', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('code_expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('is_verified', t.boolean, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('device_report_sessions_expires_idx').on('device_report_sessions').column('expires_at').execute();

  await db.schema
    .createTable('device_theft_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().unique())
    .addColumn('email_hash', 'text', (c) => c.notNull())
    .addColumn('email_enc', 'text', (c) => c.notNull())
    .addColumn('msisdn_enc', 'text', (c) => c.notNull())
    .addColumn('police_reference_enc', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', t.timestamp, (c) => c.notNull())
    .addColumn('decided_at', t.timestamp)
    .addColumn('decided_by', 'text')
    .execute();
  await db.schema.createIndex('device_theft_reports_status_idx').on('device_theft_reports').columns(['status', 'submitted_at']).execute();

  await db.schema
    .createTable('device_theft_report_imeis')
    .addColumn('report_id', 'text', (c) => c.notNull().references('device_theft_reports.id').onDelete('cascade'))
    .addColumn('imei_key', 'text', (c) => c.notNull())
    .addColumn('imei_raw', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('device_theft_report_imeis_pk', ['report_id', 'imei_key'])
    .execute();
  await db.schema.createIndex('device_theft_report_imeis_key_idx').on('device_theft_report_imeis').column('imei_key').execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
