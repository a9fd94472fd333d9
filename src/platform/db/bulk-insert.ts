import { CompiledQuery, type Kysely } from 'kysely';
import type { Database, Dialect } from './database.ts';

/** A value one column of a bulk insert takes: booleans become 0 and 1 on SQLite. */
export type BulkValue = string | number | boolean | null;

/**
 * Splits `total` rows into statements of `max` rows and, for the rest, of powers of two: a few
 * shapes of statement whatever the counts, so the connection's cache of prepared statements holds
 * a dozen large statements rather than one per batch.
 */
export function chunkSizes(total: number, max: number): number[] {
  const sizes: number[] = [];
  let left = total;
  while (left >= max) {
    sizes.push(max);
    left -= max;
  }
  for (let size = 2 ** Math.floor(Math.log2(max)); left > 0; size /= 2) {
    if (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

/**
 * Splits `items` into consecutive slices of at most `size` items, in order, for statements that
 * bind one parameter or more per item (`where x in (...)`, multi-row inserts). The chunking keeps
 * each statement under the databases' limits on bound parameters: 32,766 on SQLite (its default
 * `SQLITE_MAX_VARIABLE_NUMBER`) and 65,535 on PostgreSQL (the wire protocol counts them in 16
 * bits); `size` times the parameters per item must stay below both. The slices have the shapes of
 * {@link chunkSizes}, so that a few statement texts serve any number of items.
 */
export function inChunks<T>(items: readonly T[], size: number): T[][] {
  const slices: T[][] = [];
  let at = 0;
  for (const n of chunkSizes(items.length, size)) slices.push(items.slice(at, (at += n)));
  return slices;
}

/** Inserts many rows of one table with a few prepared statements (see {@link createBulkInsert}). */
export interface BulkInsert<R> {
  /** Inserts `rows` on `executor`, usually the transaction of one batch. */
  insert(executor: Kysely<Database>, rows: readonly R[]): Promise<void>;
}

// SQLite allows 32,766 bound parameters in one statement and PostgreSQL 65,535.
const MAX_PARAMETERS = 30_000;
const MAX_ROWS = 1000;

/**
 * A multi-row insert for imports of hundreds of thousands of rows. Building each statement through
 * the query builder costs more than running it; here the SQL text is written once per row count
 * and dialect, with `?` or `$n` placeholders, and run with {@link CompiledQuery.raw}, so that the
 * SQLite connection reuses its prepared statement. `table` and `columns` are the caller's own
 * constants, never input; `valuesOf` gives a row's values in the order of `columns`.
 *
 * @example
 * const insert = createBulkInsert(dialectOf(db), 'quality_kpi_values', ['report_id', 'kpi_id'], (r: Row) => [r.reportId, r.kpiId]);
 * await withTransaction(db, (tx) => insert.insert(tx, rows));
 */
export function createBulkInsert<R>(dialect: Dialect, table: string, columns: readonly string[], valuesOf: (row: R) => readonly BulkValue[]): BulkInsert<R> {
  const maxRows = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns.length)));
  const texts = new Map<number, string>();
  const textFor = (rows: number): string => {
    let text = texts.get(rows);
    if (text !== undefined) return text;
    const tuples: string[] = [];
    let n = 0;
    for (let r = 0; r < rows; r += 1) {
      const marks: string[] = [];
      for (let c = 0; c < columns.length; c += 1) marks.push(dialect === 'postgres' ? `$${(n += 1)}` : '?');
      tuples.push(`(${marks.join(',')})`);
    }
    text = `insert into ${table} (${columns.join(', ')}) values ${tuples.join(',')}`;
    texts.set(rows, text);
    return text;
  };
  return {
    async insert(executor, rows) {
      let at = 0;
      for (const size of chunkSizes(rows.length, maxRows)) {
        const parameters: BulkValue[] = [];
        for (let i = at; i < at + size; i += 1) {
          const row = rows[i];
          if (row !== undefined) parameters.push(...valuesOf(row));
        }
        at += size;
        await executor.executeQuery(CompiledQuery.raw(textFor(size), parameters));
      }
    },
  };
}
