import { sql, type Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../database.ts';

/**
 * The searchable documents (`src/platform/search/`): one row per document and language, and its
 * full-text index. The text is folded by Kinga before either database sees it (`search-text.ts`),
 * so the index needs no extension: on SQLite a contentless FTS5 table keyed by the document's
 * `seq`, on PostgreSQL a `tsvector` column under a GIN index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  let table = db.schema.createTable('search_documents');
  table =
    dialect === 'postgres'
      ? table.addColumn('seq', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : table.addColumn('seq', 'integer', (c) => c.primaryKey());
  table = table
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('indexed_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('search_documents_key', ['kind', 'document_id', 'language']);
  if (dialect === 'postgres') table = table.addColumn('search_vector', sql`tsvector`, (c) => c.notNull());
  await table.execute();
  if (dialect === 'postgres') {
    await sql`create index search_documents_vector on search_documents using gin (search_vector)`.execute(db);
  } else {
    // Contentless: the folded terms live only in the index; titles and bodies in search_documents.
    await sql`create virtual table search_fts using fts5(
      title, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
    )`.execute(db);
  }
}

/** Forward-only, like every migration. */
export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
