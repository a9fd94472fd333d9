import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
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

/**
 * Runs every pending migration, each in its own transaction (both dialects have
 * transactional DDL), and returns the names applied. Throws {@link MigrationError} on failure.
 */
export async function migrateToLatest(db: Db, migrations: Migrations): Promise<string[]> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: 'kinga_migration',
    migrationLockTableName: 'kinga_migration_lock',
  });
  const outcome: MigrationResultSet = await migrator.migrateToLatest();
  const failed = outcome.results?.find((r) => r.status === 'Error');
  if (outcome.error || failed) {
    const cause = outcome.error instanceof Error ? outcome.error.message : String(outcome.error ?? 'unknown error');
    // Pending migrations run in one transaction, so none of this run's migrations was applied.
    throw new MigrationError(`Migration ${failed?.migrationName ?? '(before the first migration)'} failed, and the database was left as it was before this run: ${cause}.`, {
      cause: outcome.error,
    });
  }
  return (outcome.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The migrations not yet applied. */
export async function pendingMigrations(db: Db, migrations: Migrations): Promise<string[]> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: 'kinga_migration',
    migrationLockTableName: 'kinga_migration_lock',
  });
  const all = await migrator.getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
