import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Dialect } from './database.ts';

/**
 * The UTC month (`YYYY-MM`) of an instant column, to group rows by month in one query on either
 * dialect: SQLite stores instants as ISO 8601 text in UTC, PostgreSQL as `timestamptz`, whose
 * text follows the session's time zone unless it is read in UTC.
 *
 * @example
 * const month = monthOfInstant(dialectOf(db), sql.ref('measured_at'));
 * db.selectFrom('quality_measurements').select([month.as('month'), (eb) => eb.fn.countAll().as('n')]).groupBy(month);
 */
export function monthOfInstant(dialect: Dialect, instant: Expression<string>): RawBuilder<string> {
  return utcPrefix(dialect, instant, 'YYYY-MM', 7);
}

/** The UTC day (`YYYY-MM-DD`) of an instant column, on either dialect (see {@link monthOfInstant}). */
export function dayOfInstant(dialect: Dialect, instant: Expression<string>): RawBuilder<string> {
  return utcPrefix(dialect, instant, 'YYYY-MM-DD', 10);
}

function utcPrefix(dialect: Dialect, instant: Expression<string>, pattern: 'YYYY-MM' | 'YYYY-MM-DD', length: 7 | 10): RawBuilder<string> {
  return dialect === 'postgres'
    ? sql<string>`to_char(${instant} at time zone 'UTC', ${sql.lit(pattern)})`
    : sql<string>`substr(${instant}, 1, ${sql.lit(length)})`;
}
