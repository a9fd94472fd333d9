import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/** The scams module's tables: identifiers and their reports, reviews, notices, the list and appeals. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('scam_identifiers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value_hash', 'text', (c) => c.notNull().unique())
    .addColumn('value_enc', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('is_protected', t.boolean, (c) => c.notNull())
    .addColumn('is_internationalised', t.boolean, (c) => c.notNull())
    .addColumn('operator_id', 'text')
    .addColumn('first_reported_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_reported_at', t.timestamp, (c) => c.notNull())
    .addColumn('threshold_reached_at', t.timestamp)
    .addColumn('confirmed_at', t.timestamp)
    .addColumn('cleared_at', t.timestamp)
    .addColumn('state_changed_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scam_identifiers_state_idx').on('scam_identifiers').columns(['state', 'state_changed_at']).execute();

  await db.schema
    .createTable('scam_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('text_hash', 'text', (c) => c.notNull().unique())
    .addColumn('sample_enc', 'text')
    .addColumn('first_seen_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
    .addColumn('reports', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('scam_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('identifier_id', 'text', (c) => c.notNull().references('scam_identifiers.id'))
    .addColumn('campaign_id', 'text', (c) => c.references('scam_campaigns.id'))
    .addColumn('reporter_hash', 'text', (c) => c.notNull())
    .addColumn('reporter_enc', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('medium', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
    .addColumn('filed_at', t.timestamp, (c) => c.notNull())
    .addColumn('is_late', t.boolean, (c) => c.notNull())
    .addColumn('has_harm', t.boolean, (c) => c.notNull())
    .addColumn('text_enc', 'text')
    .addColumn('contact_enc', 'text')
    .addColumn('contact_kind', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('outcome_sent_at', t.timestamp)
    .addColumn('raw_deleted_at', t.timestamp)
    .execute();
  await db.schema.createIndex('scam_reports_identifier_idx').on('scam_reports').columns(['identifier_id', 'filed_at']).execute();
  await db.schema.createIndex('scam_reports_reporter_idx').on('scam_reports').columns(['reporter_hash', 'filed_at']).execute();
  await db.schema.createIndex('scam_reports_campaign_idx').on('scam_reports').columns(['campaign_id', 'filed_at']).execute();
  await db.schema.createIndex('scam_reports_filed_idx').on('scam_reports').column('filed_at').execute();

  await db.schema
    .createTable('scam_report_targets')
    .addColumn('report_id', 'text', (c) => c.notNull().references('scam_reports.id'))
    .addColumn('identifier_id', 'text', (c) => c.notNull().references('scam_identifiers.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('url_enc', 'text')
    .addColumn('reporter_hash', 'text', (c) => c.notNull())
    .addColumn('filed_at', t.timestamp, (c) => c.notNull())
    .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
    .addColumn('is_late', t.boolean, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scam_report_targets_identifier_idx').on('scam_report_targets').columns(['identifier_id', 'filed_at']).execute();
  await db.schema.createIndex('scam_report_targets_report_idx').on('scam_report_targets').column('report_id').execute();

  await db.schema
    .createTable('scam_screenshots')
    .addColumn('report_id', 'text', (c) => c.primaryKey().references('scam_reports.id'))
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_enc', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('scam_reporters')
    .addColumn('reporter_hash', 'text', (c) => c.primaryKey())
    .addColumn('first_verified_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('scam_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('identifier_id', 'text', (c) => c.notNull().references('scam_identifiers.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('reviewer_id', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('is_senior', t.boolean, (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scam_reviews_round_idx').on('scam_reviews').columns(['identifier_id', 'round', 'reviewer_id']).unique().execute();

  await db.schema
    .createTable('scam_identifier_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('identifier_id', 'text', (c) => c.notNull().references('scam_identifiers.id'))
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scam_identifier_events_identifier_idx').on('scam_identifier_events').columns(['identifier_id', 'at']).execute();

  await db.schema
    .createTable('scam_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('identifier_id', 'text', (c) => c.notNull().references('scam_identifiers.id'))
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sent_at', t.timestamp, (c) => c.notNull())
    .addColumn('due_at', t.timestamp, (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answer_note', 'text')
    .addColumn('answered_at', t.timestamp)
    .addColumn('answered_by', 'text')
    .execute();
  await db.schema.createIndex('scam_notices_operator_idx').on('scam_notices').columns(['operator_id', 'sent_at']).execute();
  await db.schema.createIndex('scam_notices_identifier_idx').on('scam_notices').column('identifier_id').execute();

  await db.schema
    .createTable('scam_list_versions')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('published_at', t.timestamp, (c) => c.notNull())
    .addColumn('entries', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('scam_list_changes')
    .addColumn('version', 'integer', (c) => c.notNull().references('scam_list_versions.version'))
    .addColumn('identifier_id', 'text', (c) => c.notNull().references('scam_identifiers.id'))
    .addColumn('change', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scam_list_changes_pk', ['version', 'identifier_id'])
    .execute();

  await db.schema
    .createTable('scam_appeals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('identifier_id', 'text', (c) => c.notNull().references('scam_identifiers.id'))
    .addColumn('statement_enc', 'text', (c) => c.notNull())
    .addColumn('contact_enc', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('filed_at', t.timestamp, (c) => c.notNull())
    .addColumn('decided_at', t.timestamp)
    .addColumn('decided_by', 'text')
    .addColumn('decision_reason', 'text')
    .execute();
  await db.schema.createIndex('scam_appeals_identifier_idx').on('scam_appeals').columns(['identifier_id', 'filed_at']).execute();

  await db.schema
    .createTable('scam_number_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('number_hash', 'text', (c) => c.notNull())
    .addColumn('number_enc', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('sent_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('verified_at', t.timestamp)
    .execute();
  await db.schema.createIndex('scam_number_checks_number_idx').on('scam_number_checks').columns(['number_hash', 'sent_at']).execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
