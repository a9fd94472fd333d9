import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { DatabaseUnavailableError } from './database.ts';

/** How far a backup has come, in database pages. */
export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

/** What a finished backup wrote. */
export interface BackupResult {
  target: string;
  bytes: number;
  pages: number;
}

/** What a restore replaced, and where the previous database was kept. */
export interface RestoreResult {
  file: string;
  migrations: number;
  /** The previous database, kept beside the new one, or undefined when there was none. */
  previous: string | undefined;
}

/** A backup or restore that cannot go ahead, phrased for the person running it. */
export class SqliteFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SqliteFileError';
  }
}

// Enough pages per step that a large file finishes quickly, few enough that writers are not held up.
const PAGES_PER_STEP = 256;
const BUSY_TIMEOUT_MS = 5000;

/**
 * Copies a live SQLite database into `target` with SQLite's online backup API, so the copy is
 * consistent even while Kinga serves and writes. The copy is written beside the target and
 * renamed when complete, so an interrupted backup never leaves a file that looks whole.
 */
export async function backupSqlite(file: string, target: string, onProgress?: (progress: BackupProgress) => void): Promise<BackupResult> {
  const destination = resolve(target);
  if (resolve(file) === destination) throw new SqliteFileError('The backup file must not be the database itself.');
  if (existsSync(destination)) throw new SqliteFileError(`${destination} already exists; choose a new file name.`);
  if (!existsSync(dirname(destination))) throw new SqliteFileError(`The folder ${dirname(destination)} does not exist.`);
  const source = openExisting(file);
  const partial = `${destination}.partial-${process.pid}`;
  try {
    // Created first, readable by its owner only, so the copy of the personal data never is readable by others, even while written.
    closeSync(openSync(partial, 'wx', 0o600));
    const metadata = await source.backup(partial, {
      progress: (info) => {
        onProgress?.(info);
        return PAGES_PER_STEP;
      },
    });
    checkDatabase(partial);
    removeSideFiles(partial);
    chmodSync(partial, 0o600);
    const descriptor = openSync(partial, 'r');
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(partial, destination);
    onProgress?.({ totalPages: metadata.totalPages, remainingPages: 0 });
    return { target: destination, bytes: statSync(destination).size, pages: metadata.totalPages };
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof SqliteFileError) throw error;
    throw new SqliteFileError(`The backup of ${file} to ${destination} failed: ${(error as Error).message}.`, { cause: error });
  } finally {
    source.close();
  }
}

/**
 * Replaces the SQLite database `file` with the backup `source`: checks that the backup is a whole
 * Kinga database that this version knows, refuses while any process has the database open, keeps
 * the previous file beside it, and swaps the new one in with a single rename.
 */
export function restoreSqlite(file: string, source: string, knownMigrations: readonly string[]): RestoreResult {
  const target = resolve(file);
  const backup = resolve(source);
  if (!existsSync(backup)) throw new SqliteFileError(`The backup ${backup} does not exist.`);
  if (backup === target) throw new SqliteFileError('The backup file must not be the database itself.');
  const folder = dirname(target);
  if (!existsSync(folder)) throw new SqliteFileError(`The folder ${folder} does not exist.`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const staged = resolve(folder, `.${basename(target)}.restore-${process.pid}`);
  let migrations: number;
  try {
    // The checks run on a private copy, so the backup itself is never opened for writing.
    copyFileSync(backup, staged);
    // The copy takes the backup's mode, which may be wider than the database's.
    chmodSync(staged, 0o600);
    migrations = checkKingaDatabase(staged, backup, knownMigrations);
    removeSideFiles(staged);
    const descriptor = openSync(staged, 'r');
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch (error) {
    removeDatabaseFiles(staged);
    throw error;
  }

  let previous: string | undefined;
  if (existsSync(target)) {
    let current: SQLite.Database | undefined;
    try {
      current = new SQLite(target, { fileMustExist: true, timeout: 200 });
      // In WAL mode every open connection holds a shared lock; taking an exclusive one proves that
      // no Kinga process is using the file, and the checkpoint empties the WAL into it first.
      current.pragma('locking_mode = EXCLUSIVE');
      current.exec('begin exclusive');
      current.exec('commit');
      current.pragma('wal_checkpoint(TRUNCATE)');
      current.close();
      current = undefined;
    } catch (error) {
      current?.close();
      const code = (error as { code?: string }).code;
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
        removeDatabaseFiles(staged);
        throw new SqliteFileError(`${target} is in use: stop every Kinga process that uses it, then restore again.`, { cause: error });
      }
      // A damaged database is what a restore is for: no process can be using it, so it is replaced.
    }
    previous = resolve(folder, `${basename(target)}.before-restore-${stamp}`);
    try {
      linkSync(target, previous);
    } catch {
      // Some file systems have no hard links; a copy keeps the previous database just as well.
      copyFileSync(target, previous);
    }
    // The database being replaced may date from a version that left it readable by others.
    chmodSync(previous, 0o600);
  }
  // A WAL left beside the old file would be replayed into the new one and corrupt it.
  rmSync(`${target}-wal`, { force: true });
  rmSync(`${target}-shm`, { force: true });
  renameSync(staged, target);
  return { file: target, migrations, previous };
}

/** Opens an existing SQLite database file for reading and backing up, with one clear error when it cannot. */
function openExisting(file: string): SQLite.Database {
  if (file === ':memory:') throw new SqliteFileError('An in-memory database cannot be backed up.');
  if (!existsSync(file)) throw new SqliteFileError(`There is no database at ${file}.`);
  try {
    const native = new SQLite(file, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    const check = native.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      native.close();
      throw new Error(String(check));
    }
    return native;
  } catch (error) {
    throw new DatabaseUnavailableError(`The SQLite database ${file} cannot be opened: ${(error as Error).message}.`, { cause: error });
  }
}

function checkDatabase(file: string): void {
  const native = new SQLite(file, { fileMustExist: true });
  try {
    const check = native.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new SqliteFileError(`The copy ${file} failed its integrity check: ${String(check)}.`);
  } finally {
    native.close();
  }
}

/** Checks a copied backup and returns how many migrations it holds; `shownAs` names it in messages. */
function checkKingaDatabase(file: string, shownAs: string, knownMigrations: readonly string[]): number {
  let native: SQLite.Database;
  try {
    native = new SQLite(file, { fileMustExist: true });
    const check = native.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
  } catch (error) {
    throw new SqliteFileError(`${shownAs} is not a readable SQLite database: ${(error as Error).message}.`, { cause: error });
  }
  try {
    const table = native.prepare("select name from sqlite_master where type = 'table' and name = 'kinga_migration'").get();
    if (!table) throw new SqliteFileError(`${shownAs} is a SQLite database but not a Kinga database (it has no kinga_migration table).`);
    const rows = native.prepare('select name from kinga_migration order by name').all() as { name: string }[];
    const unknown = rows.map((r) => r.name).filter((name) => !knownMigrations.includes(name));
    if (unknown.length > 0) {
      throw new SqliteFileError(`${shownAs} was made by a newer version of Kinga (it has migration ${unknown[0]}); upgrade Kinga before restoring it.`);
    }
    return rows.length;
  } finally {
    native.close();
  }
}

function removeDatabaseFiles(file: string): void {
  rmSync(file, { force: true });
  removeSideFiles(file);
}

function removeSideFiles(file: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}
