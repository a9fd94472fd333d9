import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../database.ts';

/** The SMS outbox (texts and their parts as the SMS centre numbered them) and the texts received from phones. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('sms_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('to_hash', 'text', (c) => c.notNull())
    .addColumn('to_enc', 'text', (c) => c.notNull())
    .addColumn('text_enc', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('part_count', 'integer', (c) => c.notNull())
    .addColumn('route', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', t.timestamp, (c) => c.notNull())
    .addColumn('locked_until', t.timestamp)
    .addColumn('last_error', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('submitted_at', t.timestamp)
    .addColumn('finished_at', t.timestamp)
    .execute();
  await db.schema.createIndex('sms_messages_due_idx').on('sms_messages').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('sms_messages_to_idx').on('sms_messages').columns(['to_hash', 'created_at']).execute();
  await db.schema.createIndex('sms_messages_created_idx').on('sms_messages').column('created_at').execute();
  await db.schema
    .createTable('sms_parts')
    .addColumn('message_id', 'text', (c) => c.notNull().references('sms_messages.id').onDelete('cascade'))
    .addColumn('part_number', 'integer', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('smsc_key', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('submitted_at', t.timestamp, (c) => c.notNull())
    .addColumn('receipt_at', t.timestamp)
    .addPrimaryKeyConstraint('sms_parts_pk', ['message_id', 'part_number'])
    .execute();
  await db.schema.createIndex('sms_parts_receipt_idx').on('sms_parts').columns(['route', 'smsc_key']).execute();
  await db.schema
    .createTable('sms_inbound')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('from_hash', 'text', (c) => c.notNull())
    .addColumn('from_enc', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('text_enc', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_at', t.timestamp, (c) => c.notNull())
    .addColumn('handled_at', t.timestamp)
    .execute();
  await db.schema.createIndex('sms_inbound_state_idx').on('sms_inbound').columns(['state', 'received_at']).execute();
  await db.schema.createIndex('sms_inbound_from_idx').on('sms_inbound').columns(['from_hash', 'received_at']).execute();
}

/** Forward-only, like every migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
