import type { Generated } from 'kysely';

/**
 * A searchable document in one language, as a module gave it to the index; `seq` keys its row of
 * the full-text index. On PostgreSQL the row also holds `search_vector`, which only the search
 * repository writes and reads, in SQL of its own.
 */
export interface SearchDocumentsTable {
  seq: Generated<number>;
  /** What the document is, named by the module that indexed it (`learn.guide`, `learn.course`). */
  kind: string;
  /** The document's id within its kind. */
  document_id: string;
  language: string;
  title: string;
  /** Plain text, without markup. */
  body: string;
  /** Where a reader opens the document (a path of Kinga). */
  url: string;
  indexed_at: string;
}

declare module '../db/database.ts' {
  interface Database {
    search_documents: SearchDocumentsTable;
  }
}
