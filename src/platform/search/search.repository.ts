import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dialectOf, queriesOf, withTransaction, type Database, type Executor } from '../db/index.ts';
import {
  fts5Match,
  highlightHtml,
  indexableTerms,
  parseQuery,
  snippetHtml,
  textTerms,
  tsqueryLiteral,
  tsvectorLiteral,
  type QueryGroup,
} from './search-text.ts';
import './search.tables.ts';

/** A document as a module gives it to the index: one language of it, its body as plain text. */
export interface SearchDocument {
  /** What it is, named by its module (`learn.guide`). */
  kind: string;
  id: string;
  language: string;
  title: string;
  body: string;
  /** Where a reader opens it. */
  url: string;
}

/** What a person searches for: the words they typed, a page of results, and optionally only some languages or kinds. */
export interface SearchRequest {
  text: string;
  /** From 1; anything else reads as 1. */
  page?: number;
  pageSize?: number;
  languages?: readonly string[];
  kinds?: readonly string[];
}

/** One document found: its title and a passage of its body as HTML, escaped, each match in `<mark>`. */
export interface SearchHit {
  kind: string;
  id: string;
  language: string;
  url: string;
  title: string;
  titleHtml: string;
  snippetHtml: string;
}

/**
 * The answer to a search: a page of results, best first (`total` counts them all); or nothing to
 * search for in what was typed; or a query longer than Kinga reads.
 */
export type SearchAnswer =
  | { outcome: 'results'; hits: SearchHit[]; total: number; page: number; pageSize: number }
  | { outcome: 'empty' }
  | { outcome: 'too-long'; maxLength: number; maxGroups: number };

/** Every SQL statement of the full-text search, on both databases. */
export interface SearchRepository {
  /** Adds a document to the index or replaces it (same kind, id and language), through `executor` so it commits with what published it. */
  index(executor: Executor, document: SearchDocument, indexedAt: string): Promise<void>;
  /** Takes a document out of the index, in one language or in all; returns how many rows went. */
  remove(executor: Executor, key: { kind: string; id: string; language?: string }): Promise<number>;
  /** Finds the documents that hold every word asked, best first: title matches rank above body matches. */
  search(request: SearchRequest): Promise<SearchAnswer>;
}

/** The default and the largest number of results on a page. */
export const SEARCH_PAGE_SIZE = 20;
export const MAX_SEARCH_PAGE_SIZE = 50;
/** The furthest page read: deeper offsets cost a full ranking for results nobody reads. */
export const MAX_SEARCH_PAGE = 500;
// The title's weight against the body's when ranking on SQLite (bm25); PostgreSQL weighs the title `A`.
const TITLE_WEIGHT = 4;

interface FoundRow {
  kind: string;
  document_id: string;
  language: string;
  title: string;
  body: string;
  url: string;
  total: number | string;
}

/** The search repository over `db`. */
export function createSearchRepository(db: Kysely<Database>): SearchRepository {
  const dialect = dialectOf(db);

  const filters = (request: SearchRequest): RawBuilder<unknown> => {
    const parts: RawBuilder<unknown>[] = [];
    if (request.languages) parts.push(request.languages.length === 0 ? sql`and 1 = 0` : sql`and d.language in (${sql.join([...request.languages])})`);
    if (request.kinds) parts.push(request.kinds.length === 0 ? sql`and 1 = 0` : sql`and d.kind in (${sql.join([...request.kinds])})`);
    return sql.join(parts, sql` `);
  };

  // Both statements rank and count on keys alone, then read titles and bodies for the one page:
  // a common word matches thousands of documents, and carrying each body through the sort costs
  // more than the ranking.
  const found = (groups: readonly QueryGroup[], request: SearchRequest, limit: number, offset: number): RawBuilder<FoundRow> => {
    if (dialect === 'postgres') {
      const query = tsqueryLiteral(groups);
      return sql<FoundRow>`
        with page as (
          select d.seq, ts_rank(d.search_vector, cast(${query} as tsquery)) as score, count(*) over () as total
          from search_documents d
          where d.search_vector @@ cast(${query} as tsquery) ${filters(request)}
          order by score desc, d.seq
          limit ${limit} offset ${offset})
        select d.kind, d.document_id, d.language, d.title, d.body, d.url, page.total
        from page join search_documents d on d.seq = page.seq
        order by page.score desc, page.seq`;
    }
    // FTS5 ranks only in the statement that scans its table, so the ranking is a step of its own
    // and the count over the results (a window) comes after it. `cross join` keeps SQLite reading
    // the matches first: with a filter on kinds it would otherwise scan every document of those
    // kinds by the unique index and look each one up among the matches (three times slower over
    // 10,000 documents).
    return sql<FoundRow>`
      with f as materialized (select rowid as seq, bm25(search_fts, ${TITLE_WEIGHT}, 1) as score from search_fts where search_fts match ${fts5Match(groups)}),
      page as (
        select f.seq, f.score, count(*) over () as total
        from f cross join search_documents d on d.seq = f.seq
        where 1 = 1 ${filters(request)}
        order by f.score, f.seq
        limit ${limit} offset ${offset})
      select d.kind, d.document_id, d.language, d.title, d.body, d.url, page.total
      from page join search_documents d on d.seq = page.seq
      order by page.score, page.seq`;
  };

  const counted = (groups: readonly QueryGroup[], request: SearchRequest): RawBuilder<{ total: number | string }> =>
    dialect === 'postgres'
      ? sql`select count(*) as total from search_documents d where d.search_vector @@ cast(${tsqueryLiteral(groups)} as tsquery) ${filters(request)}`
      : sql`select count(*) as total from search_fts cross join search_documents d on d.seq = search_fts.rowid
            where search_fts match ${fts5Match(groups)} ${filters(request)}`;

  return {
    async index(executor, given, indexedAt) {
      // PostgreSQL's text holds no NUL character; both databases store the text without it.
      const document = { ...given, title: given.title.replaceAll('\u0000', ''), body: given.body.replaceAll('\u0000', '') };
      const { title: titleTerms, body: bodyTerms } = indexableTerms(
        textTerms(document.title).map((t) => t.term),
        textTerms(document.body).map((t) => t.term),
      );
      await withTransaction(queriesOf(executor), async (tx) => {
        const values = sql.join([document.kind, document.id, document.language, document.title, document.body, document.url, indexedAt]);
        if (dialect === 'postgres') {
          await sql`
            insert into search_documents (kind, document_id, language, title, body, url, indexed_at, search_vector)
            values (${values}, cast(${tsvectorLiteral(titleTerms, bodyTerms)} as tsvector))
            on conflict (kind, document_id, language) do update set title = excluded.title, body = excluded.body, url = excluded.url,
              indexed_at = excluded.indexed_at, search_vector = excluded.search_vector`.execute(tx);
          return;
        }
        const { rows } = await sql<{ seq: number }>`
          insert into search_documents (kind, document_id, language, title, body, url, indexed_at) values (${values})
          on conflict (kind, document_id, language) do update set title = excluded.title, body = excluded.body, url = excluded.url,
            indexed_at = excluded.indexed_at
          returning seq`.execute(tx);
        const seq = rows[0]!.seq;
        await sql`delete from search_fts where rowid = ${seq}`.execute(tx);
        await sql`insert into search_fts (rowid, title, body) values (${seq}, ${titleTerms.join(' ')}, ${bodyTerms.join(' ')})`.execute(tx);
      });
    },

    async remove(executor, key) {
      return withTransaction(queriesOf(executor), async (tx) => {
        let query = tx.selectFrom('search_documents').select('seq').where('kind', '=', key.kind).where('document_id', '=', key.id);
        if (key.language !== undefined) query = query.where('language', '=', key.language);
        const seqs = (await query.execute()).map((r) => Number(r.seq));
        if (seqs.length === 0) return 0;
        if (dialect === 'sqlite') await sql`delete from search_fts where rowid in (${sql.join(seqs)})`.execute(tx);
        await tx.deleteFrom('search_documents').where('seq', 'in', seqs).execute();
        return seqs.length;
      });
    },

    async search(request) {
      const parsed = parseQuery(request.text);
      if (parsed.kind !== 'terms')
        return parsed.kind === 'empty' ? { outcome: 'empty' } : { outcome: 'too-long', maxLength: parsed.maxLength, maxGroups: parsed.maxGroups };
      const pageSize = wholeIn(request.pageSize, 1, MAX_SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE);
      const page = wholeIn(request.page, 1, MAX_SEARCH_PAGE, 1);
      const { rows } = await found(parsed.groups, request, pageSize, (page - 1) * pageSize).execute(db);
      // Past the last page there is no row to carry the count; ask for it alone.
      const total = rows[0] ? Number(rows[0].total) : page > 1 ? Number((await counted(parsed.groups, request).execute(db)).rows[0]?.total ?? 0) : 0;
      const hits = rows.map((row): SearchHit => ({
        kind: row.kind,
        id: row.document_id,
        language: row.language,
        url: row.url,
        title: row.title,
        titleHtml: highlightHtml(row.title, parsed.groups),
        snippetHtml: snippetHtml(row.body, parsed.groups),
      }));
      return { outcome: 'results', hits, total, page, pageSize };
    },
  };
}

/** A whole number within bounds, or the fallback when the value is missing or not a whole number. */
function wholeIn(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || !Number.isInteger(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}
