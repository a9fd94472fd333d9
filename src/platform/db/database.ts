import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  sql,
  type DialectAdapter,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import type { DatabaseConfig } from '../../config.ts';

/**
 * The tables of Kinga. Empty here: the platform and each module add their tables by
 * declaration merging in their own `*.tables.ts`, so the kernel never names a business module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}

/** Which SQL dialect a database speaks. */
export type Dialect = 'sqlite' | 'postgres';

/** The open database with its dialect. */
export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** Closes every connection. */
  destroy(): Promise<void>;
}

/** A start-up failure of the database, phrased for the person running Kinga. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

const PG_INT8 = 20;
const PG_TIMESTAMPTZ = 1184;
const PG_TIMESTAMP = 1114;

/**
 * Opens the database named by the configuration and checks that it answers; throws a
 * {@link DatabaseUnavailableError} with one clear sentence when it does not.
 */
export async function openDatabase(config: DatabaseConfig): Promise<Db> {
  return config.dialect === 'sqlite' ? openSqlite(config.file) : openPostgres(config.url);
}

async function openSqlite(file: string): Promise<Db> {
  let native: SQLite.Database;
  try {
    if (file !== ':memory:') restrictSqliteFiles(file);
    native = new SQLite(file);
    native.pragma('journal_mode = WAL');
    native.pragma('foreign_keys = ON');
    native.pragma('busy_timeout = 5000');
    native.pragma('synchronous = NORMAL');
    const check = native.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
  } catch (error) {
    throw new DatabaseUnavailableError(`The SQLite database ${file} cannot be opened: ${(error as Error).message}.`, { cause: error });
  }
  const kysely = new Kysely<Database>({ dialect: new TransactionalDdlSqliteDialect({ database: forKysely(native) }) });
  return {
    kysely,
    dialect: 'sqlite',
    async destroy() {
      await kysely.destroy();
      // Kysely closes the connection only if it ever ran a query; an unused one must close too, or the file stays locked.
      if (native.open) native.close();
    },
  };
}

/**
 * Creates the database file, and its folder when missing, readable by Kinga's user only: the
 * database holds encrypted personal data, keyed hashes and the audit log, and SQLite would create
 * it, and then its `-wal` and `-shm` files (which take the database's mode), readable by every
 * local account. A file left readable by an earlier version is closed up the same way. An
 * existing folder is left as it is, since it may be one the administrator shares on purpose.
 */
function restrictSqliteFiles(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (!existsSync(path)) continue;
    try {
      chmodSync(path, 0o600);
    } catch (error) {
      // A file owned by another account (a shared group set up by the administrator) keeps its mode.
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
    }
  }
}

/**
 * SQLite has transactional DDL, but Kysely's adapter says it has not, so its migrator would leave
 * a half-applied migration behind a failure. Saying so makes every migration run atomic.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** Statements kept ready per SQLite database; Kinga's repositories issue far fewer distinct ones. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The SQLite connection as Kysely's driver sees it, with three changes.
 * - Kysely prepares every statement on every query, and preparing costs more than running a
 *   short query, so prepared statements are kept by their SQL text in a bounded cache (least
 *   recently used first out). A streamed query gets a statement of its own, since a statement
 *   stays busy until its iterator is done.
 * - better-sqlite3 refuses JavaScript booleans as parameters; SQLite stores them as 0 and 1, so
 *   they are converted (and dates written as ISO strings), and repositories stay dialect-neutral.
 * - Rows are read as arrays and made objects here ({@link rowBuilder}).
 */
function forKysely(native: SQLite.Database): SqliteDatabase {
  const one = (a: unknown): unknown => (typeof a === 'boolean' ? (a ? 1 : 0) : a instanceof Date ? a.toISOString() : a);
  const convert = (parameters: readonly unknown[]): unknown[] => parameters.map(one);
  const cache = new Map<string, SqliteStatement>();
  const wrap = (sql: string, statement: SQLite.Statement): SqliteStatement => {
    const rowsOf = statement.reader ? rowBuilder(statement) : undefined;
    return {
      reader: statement.reader,
      all: rowsOf ? (parameters) => rowsOf(statement.all(convert(parameters)) as unknown[][]) : (parameters) => statement.all(convert(parameters)),
      run: (parameters) => statement.run(convert(parameters)),
      iterate: (parameters) => native.prepare(sql).iterate(convert(parameters)),
    };
  };
  return {
    close: () => native.close(),
    prepare(sql) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = wrap(sql, native.prepare(sql));
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

/**
 * Switches a reading statement to rows as arrays and returns what turns them into objects. The
 * native driver defines each column on a fresh object, which costs about a fifth of a short
 * primary-key read here; objects filled in column order share one shape and cost a fraction of
 * that. A name given twice keeps its last column, as the driver does; a column named
 * `__proto__` keeps the driver's own objects.
 */
function rowBuilder(statement: SQLite.Statement): ((rows: unknown[][]) => unknown[]) | undefined {
  const names = statement.columns().map((c) => c.name);
  if (names.includes('__proto__')) return undefined;
  statement.raw(true);
  return (rows) => {
    const objects = new Array<unknown>(rows.length);
    for (let r = 0; r < rows.length; r += 1) {
      const values = rows[r]!;
      const row: Record<string, unknown> = {};
      for (let c = 0; c < names.length; c += 1) row[names[c]!] = values[c];
      objects[r] = row;
    }
    return objects;
  };
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        // Counts and sums fit in a double for every table Kinga keeps.
        if (oid === PG_INT8) return (v: string) => Number(v);
        // Instants cross every boundary as ISO 8601 strings in UTC, as they do on SQLite.
        if (oid === PG_TIMESTAMPTZ || oid === PG_TIMESTAMP) return (v: string) => new Date(oid === PG_TIMESTAMP ? `${v}Z` : v).toISOString();
        return pg.types.getTypeParser(oid, format ?? 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', () => {
    // An idle client lost its server; the pool replaces it and the next query reports the failure.
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnavailableError(
      `PostgreSQL at ${describeUrl(url)} cannot be reached: ${(error as Error).message || (error as NodeJS.ErrnoException).code}.`,
      { cause: error },
    );
  }
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', destroy: () => kysely.destroy() };
}

/** The server and database of a connection URL, without its password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the configured DATABASE_URL';
  }
}

/** The dialect of a Kysely instance, for the few statements that differ (used by migrations). */
export function dialectOf<DB>(db: Kysely<DB>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Column types that differ between the dialects. */
export function columnTypes(dialect: Dialect) {
  return {
    /** An instant, read back as an ISO 8601 string in UTC. */
    timestamp: dialect === 'postgres' ? ('timestamptz' as const) : ('text' as const),
    /** True or false; read back as a boolean on PostgreSQL and 0/1 on SQLite. */
    boolean: dialect === 'postgres' ? ('boolean' as const) : ('integer' as const),
    /** A JSON document, stored as text on both. */
    json: 'text' as const,
  };
}

/** Answers whether the database responds, for `/readyz`. */
export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db.kysely);
    return true;
  } catch {
    return false;
  }
}
