import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../../../platform/db/index.ts';

/** The good-practice library: documents, their translated abstracts, their PDFs and the invitations to contribute. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable('learn_library_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('issued', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('abstract', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('full_text', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('invitation_id', 'text')
    .addColumn('submitted_at', t.timestamp, (c) => c.notNull())
    .addColumn('state_changed_at', t.timestamp, (c) => c.notNull())
    .addColumn('published_at', t.timestamp)
    .addColumn('decision_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('learn_library_documents_state_idx').on('learn_library_documents').columns(['state', 'issued']).execute();

  await db.schema
    .createTable('learn_library_translations')
    .addColumn('document_id', 'text', (c) => c.notNull().references('learn_library_documents.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('abstract', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('learn_library_translations_pk', ['document_id', 'language'])
    .execute();

  await db.schema
    .createTable('learn_library_files')
    .addColumn('document_id', 'text', (c) => c.primaryKey().references('learn_library_documents.id'))
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('learn_library_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('email_enc', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('used_at', t.timestamp)
    .addColumn('document_id', 'text')
    .execute();
  await db.schema.createIndex('learn_library_invitations_expiry_idx').on('learn_library_invitations').columns(['expires_at']).execute();
}
