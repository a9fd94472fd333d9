import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/**
 * Data-subject requests: the requests with their legal dates, the keyed hashes of each person's
 * identity, the log of what happened to each (pauses, extensions, notices), the archive answering
 * an access request, and the sessions of people proving an address or a number on the public pages.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  await db.schema
    .createTable('privacy_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('identity_enc', 'text', (c) => c.notNull())
    .addColumn('details_enc', 'text', (c) => c.notNull())
    .addColumn('contact_enc', 'text', (c) => c.notNull())
    .addColumn('notify_by', 'text', (c) => c.notNull())
    .addColumn('policy_json', t.json, (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('extended_due_on', 'text')
    .addColumn('acknowledge_by', 'text')
    .addColumn('current_due_on', 'text', (c) => c.notNull())
    .addColumn('is_extended', t.boolean, (c) => c.notNull())
    .addColumn('paused_days', 'integer', (c) => c.notNull())
    .addColumn('paused_since', 'text')
    .addColumn('refusal_code', 'text')
    .addColumn('answer_enc', 'text')
    .addColumn('erasure_report_json', t.json)
    .addColumn('is_erasure_pending', t.boolean, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('closed_at', t.timestamp)
    .execute();
  await db.schema.createIndex('privacy_requests_due_idx').on('privacy_requests').columns(['state', 'current_due_on']).execute();
  await db.schema.createIndex('privacy_requests_closed_idx').on('privacy_requests').column('closed_at').execute();

  await db.schema
    .createTable('privacy_request_identities')
    .addColumn('request_id', 'text', (c) => c.notNull().references('privacy_requests.id').onDelete('cascade'))
    .addColumn('value_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('privacy_request_identities_pk', ['request_id', 'value_hash'])
    .execute();
  await db.schema.createIndex('privacy_request_identities_hash_idx').on('privacy_request_identities').column('value_hash').execute();

  await db.schema
    .createTable('privacy_request_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('privacy_requests.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('note_enc', 'text')
    .addColumn('details_json', t.json)
    .execute();
  await db.schema.createIndex('privacy_request_events_request_idx').on('privacy_request_events').columns(['request_id', 'seq']).execute();

  await db.schema
    .createTable('privacy_request_archives')
    .addColumn('request_id', 'text', (c) => c.primaryKey().references('privacy_requests.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('bytes_enc', 'text', (c) => c.notNull())
    .addColumn('places_json', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('privacy_request_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('contact_enc', 'text', (c) => c.notNull())
    .addColumn('contact_hash', 'text', (c) => c.notNull())
    .addColumn('notify_by', 'text', (c) => c.notNull())
    .addColumn('type', 'text')
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('code_expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('is_verified', t.boolean, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('privacy_request_sessions_expires_idx').on('privacy_request_sessions').column('expires_at').execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
