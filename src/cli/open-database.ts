import { existsSync } from 'node:fs';
import type { Config } from '../config.ts';
import type { Db, Migrations } from '../platform/db/index.ts';
import { CliFailure } from '../platform/cli/run.ts';

/**
 * Opens the configured database for a command that reads it without changing its shape: it must
 * exist already and have every migration applied, so a check never creates or migrates anything.
 */
export async function openMigratedDatabase(config: Config): Promise<Db> {
  const { database } = config;
  if (database.dialect === 'sqlite' && database.file !== ':memory:' && !existsSync(database.file)) {
    throw new CliFailure(`There is no database at ${database.file}: start Kinga once, or run \`kinga migrate\`, to create it.`);
  }
  const { openDatabase, pendingMigrations } = await import('../platform/db/index.ts');
  const db = await openDatabase(database);
  try {
    const pending = await pendingMigrations(db, await knownMigrations());
    if (pending.length > 0) {
      throw new CliFailure(`The database is missing ${pending.length} migration(s), starting with ${pending[0]}: run \`kinga migrate\` first.`);
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** Every migration this version of Kinga knows: the platform's and each module's. */
export async function knownMigrations(): Promise<Migrations> {
  const { allMigrations } = await import('../platform/create.ts');
  const { modules } = await import('../modules/index.ts');
  return allMigrations(modules);
}
