import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { modules } from '../src/modules/index.ts';
import { allMigrations } from '../src/platform/create.ts';
import { migrationNameProblem, platformMigrations, type Migrations } from '../src/platform/db/index.ts';

const SRC = resolve(import.meta.dirname, '..', 'src');

/** The migration files of a folder: one per migration, named as the migration. */
function migrationFiles(dir: string): string[] {
  // A module without tables (open data) has no migrations folder.
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.ts$/.test(name) && name !== 'index.ts' && !/\.test\.ts$/.test(name))
    .map((name) => name.replace(/\.ts$/, ''))
    .sort();
}

const owners: Array<{ owner: string; dir: string; migrations: Migrations }> = [
  { owner: 'platform', dir: join(SRC, 'platform', 'db', 'migrations'), migrations: platformMigrations },
  ...modules.map((m) => ({ owner: m.name, dir: join(SRC, 'modules', m.name, 'migrations'), migrations: m.migrations ?? {} })),
];

for (const { owner, dir, migrations } of owners) {
  test(`every migration of ${owner} is one file named as the migration, YYYY-MM-DD-NN-what`, () => {
    assert.deepEqual(Object.keys(migrations).sort(), migrationFiles(dir), 'the names listed in migrations/index.ts are the file names of the folder');
    for (const name of Object.keys(migrations)) assert.equal(migrationNameProblem(name), undefined);
  });
}

test("a module's migrations carry its name and their number, so two modules' migrations of one day never share a name", () => {
  // YYYY-MM-DD-<the module's two digits>-<module>-<its migration's two digits>-what; the offers
  // module's first migration (2026-11-29-20-offers) predates the numbering and keeps its name.
  for (const m of modules)
    for (const name of Object.keys(m.migrations ?? {})) assert.match(name, new RegExp(`^\\d{4}-\\d{2}-\\d{2}-\\d{2}-${m.name}(-\\d{2}-[a-z0-9-]+)?$`), name);
});

test('the installation has no migration name twice', () => {
  const all = allMigrations(modules);
  assert.equal(
    Object.keys(all).length,
    owners.reduce((n, o) => n + Object.keys(o.migrations).length, 0),
  );
});
