import type { Command } from 'commander';
import { loadCommandConfig } from './default-io.ts';
import { knownMigrations } from './open-database.ts';
import { createProgress } from '../platform/cli/progress.ts';
import { CliFailure } from '../platform/cli/run.ts';

/** `kinga db backup` and `kinga db restore`. */
export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('Back up and restore the database.');

  db.command('backup')
    .description('Write a consistent copy of the SQLite database while Kinga runs; on PostgreSQL, print the pg_dump command to use.')
    .argument('<file>', 'the backup file to create; it must not exist yet')
    .action(async (file: string) => {
      const config = await loadCommandConfig();
      if (config.database.dialect === 'postgres') {
        process.stdout.write(postgresBackupGuidance(config.database.url, file));
        return;
      }
      const { backupSqlite } = await import('../platform/db/index.ts');
      const progress = createProgress('backup', { unit: 'pages' });
      try {
        const result = await backupSqlite(config.database.file, file, ({ totalPages, remainingPages }) =>
          progress.update(totalPages - remainingPages, totalPages),
        );
        progress.stop();
        process.stdout.write(`Backed up ${config.database.file} to ${result.target} (${formatBytes(result.bytes)}, ${result.pages} pages).\n`);
      } catch (error) {
        progress.stop();
        throw error;
      }
    });

  db.command('restore')
    .description('Replace the SQLite database with a backup made by `kinga db backup`; on PostgreSQL, print the pg_restore command to use.')
    .argument('<file>', 'the backup file to restore')
    .option('--yes', 'confirm that the current database is to be replaced (it is kept beside the new one)')
    .action(async (file: string, options: { yes?: boolean }) => {
      const config = await loadCommandConfig();
      if (config.database.dialect === 'postgres') {
        process.stdout.write(postgresRestoreGuidance(config.database.url, file));
        return;
      }
      if (options.yes !== true) {
        throw new CliFailure(`Restoring replaces ${config.database.file} with ${file}: stop Kinga, then run the command again with --yes.`);
      }
      const { restoreSqlite } = await import('../platform/db/index.ts');
      const result = restoreSqlite(config.database.file, file, Object.keys(await knownMigrations()));
      const kept = result.previous ? ` The previous database was kept as ${result.previous}.` : '';
      process.stdout.write(
        `Restored ${file} into ${result.file} (${result.migrations} migrations applied in the backup).${kept} Start Kinga to apply any newer migrations.\n`,
      );
    });
}

/** The connection URL without its password, safe to print and to paste into a shell. */
export function urlWithoutPassword(url: string): string {
  const u = new URL(url);
  u.password = '';
  u.searchParams.delete('password');
  return u.toString();
}

/** The exact pg_dump command for the configured database; the password never appears. */
export function postgresBackupGuidance(url: string, file: string): string {
  return [
    'This installation uses PostgreSQL: back it up with pg_dump, which takes a consistent snapshot while Kinga runs:',
    '',
    `  (umask 077 && pg_dump --format=custom --no-owner --file=${shellQuote(file)} --dbname=${shellQuote(urlWithoutPassword(url))})`,
    '',
    'umask 077 makes the dump, which holds every table, readable by its owner only, like a SQLite backup.',
    'pg_dump reads the password from the PGPASSWORD variable or from ~/.pgpass; it is not printed here.',
    'See docs/admin-guide.md, "Backups".',
    '',
  ].join('\n');
}

/** The exact pg_restore command for the configured database; the password never appears. */
export function postgresRestoreGuidance(url: string, file: string): string {
  return [
    'This installation uses PostgreSQL: stop every Kinga process, restore with pg_restore, then start Kinga again:',
    '',
    `  pg_restore --clean --if-exists --no-owner --single-transaction --dbname=${shellQuote(urlWithoutPassword(url))} ${shellQuote(file)}`,
    '',
    'pg_restore reads the password from the PGPASSWORD variable or from ~/.pgpass; it is not printed here.',
    'See docs/admin-guide.md, "Backups".',
    '',
  ].join('\n');
}

function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
