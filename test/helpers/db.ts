import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import pg from 'pg';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, platformMigrations } from '../../src/platform/db/index.ts';
import type { Db, Dialect, Migrations } from '../../src/platform/db/index.ts';

/** One database engine the tests of a file run against. */
export interface TestDatabase {
  readonly dialect: Dialect;
  /**
   * A migrated database whose tables are empty. On SQLite each call opens a new in-memory
   * database; on PostgreSQL each call empties the file's own database (tests of one file run one
   * after another), so rows seeded by migrations are gone there. Do not destroy it: `close()` does.
   */
  fresh(): Promise<Db>;
}

/** The engines available to one test file: SQLite always, PostgreSQL when `KINGA_TEST_PG_URL` is set. */
export interface TestDatabases {
  readonly all: readonly TestDatabase[];
  /** Closes every connection and drops the PostgreSQL database; registered with `after` already. */
  close(): Promise<void>;
}

/**
 * Opens the test databases of one test file; call it at the top level of the file and loop over
 * `all` to run each repository test once per dialect.
 */
export function openTestDatabases(migrations: Migrations = platformMigrations): TestDatabases {
  const all: TestDatabase[] = [];
  const closers: Array<() => Promise<void>> = [];

  const sqliteDbs: Db[] = [];
  all.push({
    dialect: 'sqlite',
    async fresh() {
      const db = await openDatabase({ dialect: 'sqlite', file: ':memory:' });
      sqliteDbs.push(db);
      await migrateToLatest(db, migrations);
      return db;
    },
  });
  closers.push(async () => {
    await Promise.all(sqliteDbs.splice(0).map((db) => db.destroy().catch(() => undefined)));
  });

  const pgUrl = process.env['KINGA_TEST_PG_URL'];
  if (pgUrl) {
    const postgres = openPostgresTestDatabase(pgUrl, migrations);
    all.push({ dialect: 'postgres', fresh: postgres.fresh });
    closers.push(postgres.close);
  }

  let closing: Promise<void> | undefined;
  const databases: TestDatabases = {
    all,
    close() {
      closing ??= Promise.all(closers.map((c) => c())).then(() => undefined);
      return closing;
    },
  };
  after(() => databases.close());
  return databases;
}

function openPostgresTestDatabase(baseUrl: string, migrations: Migrations): { fresh(): Promise<Db>; close(): Promise<void> } {
  // Unique per process and call, so test files running in parallel never share a database.
  const name = `kinga_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  let opening: Promise<Db> | undefined;
  let isCreated = false;

  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  const open = async (): Promise<Db> => {
    await admin((c) => c.query(`create database "${name}"`));
    isCreated = true;
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    const db = await openDatabase({ dialect: 'postgres', url: url.toString() });
    await migrateToLatest(db, migrations);
    return db;
  };

  return {
    async fresh() {
      opening ??= open();
      const db = await opening;
      const { rows } = await sql<{ tablename: string }>`
        select tablename from pg_tables
        where schemaname = current_schema() and tablename not like 'kinga_migration%'`.execute(db.kysely);
      if (rows.length > 0) {
        await sql`truncate table ${sql.join(rows.map((r) => sql.table(r.tablename)))} restart identity cascade`.execute(db.kysely);
      }
      return db;
    },
    async close() {
      if (!opening) return;
      const db = await opening.catch(() => undefined);
      // Never throws: a failed `after` hook would skip the file's other clean-ups and leave it hanging.
      await db?.destroy().catch(() => undefined);
      if (!isCreated) return;
      try {
        await admin((c) => c.query(`drop database if exists "${name}" with (force)`));
      } catch (error) {
        process.stderr.write(`The test database ${name} could not be dropped: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    },
  };
}
