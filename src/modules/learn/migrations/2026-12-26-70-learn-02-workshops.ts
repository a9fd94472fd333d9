import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/** Workshops and seminars: events, their texts per language, registrations and anonymous feedback. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('learn_workshop_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('held_language', 'text', (c) => c.notNull())
    .addColumn('source_language', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('place_kind', 'text', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('address', 'text')
    .addColumn('online_link', 'text')
    .addColumn('starts_at', t.timestamp, (c) => c.notNull())
    .addColumn('ends_at', t.timestamp, (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('arrangements', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('published_at', t.timestamp)
    .addColumn('cancelled_at', t.timestamp)
    .addColumn('feedback_sent_at', t.timestamp)
    .execute();
  await db.schema.createIndex('learn_workshop_events_start_idx').on('learn_workshop_events').columns(['state', 'starts_at']).execute();

  await db.schema
    .createTable('learn_workshop_texts')
    .addColumn('event_id', 'text', (c) => c.notNull().references('learn_workshop_events.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('learn_workshop_texts_pk', ['event_id', 'language'])
    .execute();

  await db.schema
    .createTable('learn_workshop_registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('learn_workshop_events.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('registered_at', t.timestamp, (c) => c.notNull())
    .addColumn('name_enc', 'text')
    .addColumn('contact_kind', 'text', (c) => c.notNull())
    .addColumn('contact_enc', 'text')
    .addColumn('contact_hash', 'text', (c) => c.notNull())
    .addColumn('needs_enc', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('attended', t.boolean, (c) => c.notNull())
    .addColumn('feedback_given', t.boolean, (c) => c.notNull())
    .addColumn('cancelled_at', t.timestamp)
    .addColumn('erased_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('learn_workshop_registrations_event_idx')
    .on('learn_workshop_registrations')
    .columns(['event_id', 'status', 'registered_at'])
    .execute();
  await db.schema.createIndex('learn_workshop_registrations_contact_idx').on('learn_workshop_registrations').columns(['event_id', 'contact_hash']).execute();

  await db.schema
    .createTable('learn_workshop_feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('learn_workshop_events.id'))
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('given_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('learn_workshop_feedback_event_idx').on('learn_workshop_feedback').columns(['event_id', 'id']).execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
