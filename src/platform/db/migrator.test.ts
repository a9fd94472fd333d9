import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { MigrationError, type Db, mergeMigrations, migrateToLatest, migrationNameProblem, platformMigrations } from './index.ts';

const databases = openTestDatabases();

const good = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('migration_probe_a')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .execute();
  },
};
const bad = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('migration_probe_b')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .execute();
    await sql`select * from a_table_that_does_not_exist`.execute(db);
  },
};

for (const database of databases.all) {
  test(`a failing migration leaves the database as it was before the run [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const migrations = { ...platformMigrations, '2099-01-01-01-probe-a': good, '2099-01-01-02-probe-b': bad };
    await assert.rejects(migrateToLatest(db, migrations), (error: unknown) => {
      assert.ok(error instanceof MigrationError);
      assert.match(error.message, /2099-01-01-02-probe-b failed, and the database was left as it was/);
      return true;
    });
    const tables = await db.kysely.introspection.getTables();
    const names = tables.map((t) => t.name);
    assert.ok(!names.includes('migration_probe_a'), 'the good migration of the same run is undone too');
    assert.ok(!names.includes('migration_probe_b'), 'the half-done migration left nothing');
    assert.deepEqual(await migrateToLatest(db, platformMigrations), [], 'the database still works and is up to date');
  });
}

/** Removes what the probes applied: PostgreSQL's test database is shared by the file's tests, and only its tables are emptied between them. */
async function forgetProbes(db: Db): Promise<void> {
  for (const table of ['migration_probe_late', 'migration_probe_newer']) await db.kysely.schema.dropTable(table).ifExists().execute();
  await sql`delete from kinga_migration where name like '2099-%'`.execute(db.kysely);
}

const probe = (table: string) => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .execute();
  },
});

test('a migration name used by two owners stops the start, naming both', () => {
  assert.throws(
    () =>
      mergeMigrations([
        { owner: 'the platform', migrations: { '2026-12-01-01-probe': probe('p1') } },
        { owner: 'the devices module', migrations: { '2026-12-01-01-probe': probe('p2') } },
      ]),
    (error: unknown) => error instanceof MigrationError && /"2026-12-01-01-probe" \(one of the platform, one of the devices module\)/.test(error.message),
  );
});

test('a migration is named YYYY-MM-DD-NN-what with a real date', () => {
  for (const name of ['2026-12-07-01-quality-05-precise-cells', '2026-11-28-01-platform', '2028-02-29-10-x'])
    assert.equal(migrationNameProblem(name), undefined, name);
  for (const name of [
    '2026-13-01-01-month',
    '2027-02-29-01-not-a-leap-day',
    '2026-12-07-1-one-digit',
    '2026-12-07-01-Upper',
    '2026-12-07-01',
    '20261207-01-compact',
    '2026-12-07-01-trailing-',
  ]) {
    assert.match(migrationNameProblem(name) ?? '', /is not a migration name/, name);
    assert.throws(() => mergeMigrations([{ owner: 'the quality module', migrations: { [name]: probe('p') } }]), /The migration of the quality module/);
  }
});

for (const database of databases.all) {
  test(`a new migration that sorts before an applied one stops the upgrade before it changes anything [${database.dialect}]`, async () => {
    const db = await database.fresh();
    await migrateToLatest(db, { ...platformMigrations, '2099-01-02-01-probe-late': probe('migration_probe_late') });
    // Merged from an older branch: its date is before the migration the database already ran.
    const withEarly = {
      ...platformMigrations,
      '2099-01-01-01-probe-early': probe('migration_probe_early'),
      '2099-01-02-01-probe-late': probe('migration_probe_late'),
      '2099-01-03-01-probe-next': probe('migration_probe_next'),
    };
    await assert.rejects(migrateToLatest(db, withEarly), (error: unknown) => {
      assert.ok(error instanceof MigrationError);
      assert.match(
        error.message,
        /Migration 2099-01-01-01-probe-early is not applied yet but sorts before 2099-01-02-01-probe-late, which this database has applied/,
      );
      assert.match(error.message, /rename it to sort after 2099-01-02-01-probe-late/);
      return true;
    });
    const names = (await db.kysely.introspection.getTables()).map((t) => t.name);
    assert.ok(!names.includes('migration_probe_early') && !names.includes('migration_probe_next'), 'nothing of the refused run was applied');
    await forgetProbes(db);
  });

  test(`a database upgraded by a newer version says so instead of migrating [${database.dialect}]`, async () => {
    const db = await database.fresh();
    await migrateToLatest(db, { ...platformMigrations, '2099-01-02-01-probe-newer': probe('migration_probe_newer') });
    await assert.rejects(migrateToLatest(db, platformMigrations), (error: unknown) => {
      assert.ok(error instanceof MigrationError);
      assert.match(error.message, /has applied migration 2099-01-02-01-probe-newer, which this version of Kinga does not have/);
      return true;
    });
    await forgetProbes(db);
  });
}
