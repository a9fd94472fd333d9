import { Migrator, sql, type Migration, type MigrationResultSet } from 'kysely';
import type { Db } from './database.ts';

/** Migrations by name; names sort in the order they must run (`YYYY-MM-DD-NN-what`). */
export type Migrations = Record<string, Migration>;

/** A migration that failed; start-up stops with this one sentence. */
export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/** The migrations of one owner (the platform or a module), named for the messages of {@link mergeMigrations}. */
export interface MigrationSet {
  owner: string;
  migrations: Migrations;
}

// `YYYY-MM-DD-NN-what`: the date the migration is merged, a number for the order within the day
// (and within its owner), then lower-case words. Kysely runs migrations in the order of their names.
const MIGRATION_NAME = /^(\d{4})-(\d{2})-(\d{2})-(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$/;

const MIGRATION_TABLE = 'kinga_migration';

/** Why `name` is not a migration name, or undefined when it is one. */
export function migrationNameProblem(name: string): string | undefined {
  const parts = MIGRATION_NAME.exec(name);
  const date = parts ? new Date(`${parts[1]}-${parts[2]}-${parts[3]}T00:00:00Z`) : undefined;
  if (!parts || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== name.slice(0, 10)) {
    return `"${name}" is not a migration name: a migration is named YYYY-MM-DD-NN-what (a real date, two digits, then lower-case words joined by dashes)`;
  }
  return undefined;
}

/**
 * Every owner's migrations in one set. A name used twice, or not of the form
 * `YYYY-MM-DD-NN-what`, is a {@link MigrationError}: merged silently, one migration would replace
 * another, or run out of its order.
 */
export function mergeMigrations(sets: readonly MigrationSet[]): Migrations {
  const merged: Migrations = {};
  const ownerOf = new Map<string, string>();
  for (const { owner, migrations } of sets) {
    for (const [name, migration] of Object.entries(migrations)) {
      const problem = migrationNameProblem(name);
      if (problem) throw new MigrationError(`The migration of ${owner} ${problem}.`);
      const first = ownerOf.get(name);
      if (first !== undefined)
        throw new MigrationError(
          `Two migrations are named "${name}" (one of ${first}, one of ${owner}): rename the newer one, since one would silently replace the other.`,
        );
      ownerOf.set(name, owner);
      merged[name] = migration;
    }
  }
  return merged;
}

function migratorOf(db: Db, migrations: Migrations): Migrator {
  return new Migrator({
    db: db.kysely,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: 'kinga_migration_lock',
  });
}

/** The names of the migrations this database has applied, whether or not this version knows them. */
async function appliedMigrationNames(db: Db): Promise<string[]> {
  const tables = await db.kysely.introspection.getTables();
  if (!tables.some((t) => t.name === MIGRATION_TABLE)) return [];
  const applied = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db.kysely);
  return applied.rows.map((r) => r.name);
}

/**
 * Why the migrations cannot run on this database in their order: a new migration that sorts
 * before one already applied (merged from an older branch with an older date), or an applied
 * migration this version does not have (the database was upgraded by a newer version).
 */
async function orderProblem(db: Db, migrations: Migrations): Promise<string | undefined> {
  const applied = await appliedMigrationNames(db);
  const unknown = applied.filter((name) => !(name in migrations)).sort()[0];
  if (unknown !== undefined) {
    return `This database has applied migration ${unknown}, which this version of Kinga does not have: a newer version upgraded it. Run that version, or restore the backup taken before the upgrade. Nothing was changed.`;
  }
  const lastApplied = [...applied].sort().at(-1);
  if (lastApplied === undefined) return undefined;
  const isApplied = new Set(applied);
  // Kysely runs migrations in the order of their names (plain code-unit order), as `sort` does.
  const early = Object.keys(migrations)
    .sort()
    .find((name) => !isApplied.has(name) && name < lastApplied);
  if (early === undefined) return undefined;
  return `Migration ${early} is not applied yet but sorts before ${lastApplied}, which this database has applied, so it cannot run in its order: rename it to sort after ${lastApplied} (a migration is named for the day it is merged; see the developer guide). Nothing was changed.`;
}

/**
 * Runs every pending migration, each in its own transaction (both dialects have
 * transactional DDL), and returns the names applied. Throws {@link MigrationError} on failure,
 * and before changing anything when the pending migrations cannot run in their order.
 */
export async function migrateToLatest(db: Db, migrations: Migrations): Promise<string[]> {
  const problem = await orderProblem(db, migrations);
  if (problem) throw new MigrationError(problem);
  const migrator = migratorOf(db, migrations);
  const outcome: MigrationResultSet = await migrator.migrateToLatest();
  const failed = outcome.results?.find((r) => r.status === 'Error');
  if (outcome.error || failed) {
    const cause = outcome.error instanceof Error ? outcome.error.message : String(outcome.error ?? 'unknown error');
    // Pending migrations run in one transaction, so none of this run's migrations was applied.
    throw new MigrationError(
      `Migration ${failed?.migrationName ?? '(before the first migration)'} failed, and the database was left as it was before this run: ${cause}.`,
      {
        cause: outcome.error,
      },
    );
  }
  return (outcome.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The migrations not yet applied. */
export async function pendingMigrations(db: Db, migrations: Migrations): Promise<string[]> {
  const migrator = migratorOf(db, migrations);
  const all = await migrator.getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
