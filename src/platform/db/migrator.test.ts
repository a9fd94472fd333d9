import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { MigrationError, migrateToLatest, platformMigrations } from './index.ts';

const databases = openTestDatabases();

const good = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('migration_probe_a').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
  },
};
const bad = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('migration_probe_b').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
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
