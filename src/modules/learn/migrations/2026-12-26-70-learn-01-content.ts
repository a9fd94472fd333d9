import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/**
 * The content that staff write once and people read in their language: items (guides, courses,
 * lessons), one text per item, language and variant holding the working copy beside the last
 * published copy, and every change kept as a version of the working copy.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('learn_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('topic', 'text')
    .addColumn('parent_id', 'text', (c) => c.references('learn_items.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('source_language', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('learn_items_kind_slug_key', ['kind', 'slug'])
    .execute();
  await db.schema.createIndex('learn_items_parent_idx').on('learn_items').columns(['parent_id', 'position']).execute();
  await db.schema.createIndex('learn_items_topic_idx').on('learn_items').columns(['kind', 'topic', 'position']).execute();

  await db.schema
    .createTable('learn_texts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('learn_items.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('last_reviewed', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('review_note', 'text')
    .addColumn('saved_at', t.timestamp, (c) => c.notNull())
    .addColumn('saved_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('published_title', 'text')
    .addColumn('published_summary', 'text')
    .addColumn('published_html', 'text')
    .addColumn('published_legal_basis', 'text')
    .addColumn('published_last_reviewed', 'text')
    .addColumn('published_at', t.timestamp)
    .addColumn('published_by', 'text')
    .addUniqueConstraint('learn_texts_item_language_variant_key', ['item_id', 'language', 'variant'])
    .execute();
  await db.schema.createIndex('learn_texts_state_idx').on('learn_texts').columns(['state', 'updated_at']).execute();

  await db.schema
    .createTable('learn_text_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('text_id', 'text', (c) => c.notNull().references('learn_texts.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('last_reviewed', 'text')
    .addUniqueConstraint('learn_text_versions_text_version_key', ['text_id', 'version'])
    .execute();
}

/** Forward-only, as every Kinga migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
