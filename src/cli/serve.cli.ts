import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { withPlatform } from '../platform/cli/command-io.ts';
import { defaultCommandIo, loadCommandConfig } from './default-io.ts';
import { CliFailure } from '../platform/cli/run.ts';

// The server, the platform and the modules are imported when a command runs, so that
// `kinga --help` and the small commands do not load the whole application first.

/** `kinga serve`, `kinga migrate` and `kinga seed-demo`. */
export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('Migrate the database and serve the web pages, the API and the job worker.')
    .option('--demo', 'load the demo jurisdiction data and accounts on first start')
    .option('--only <service>', 'serve one service alone with the health checks, such as "speedtest" (the ndt7 endpoints) near users')
    .action(async (options: { demo?: boolean; only?: string }) => {
      const config = await loadCommandConfig();
      if (options.only !== undefined) {
        const { standaloneServices } = await import('../service-app.ts');
        const { modules } = await import('../modules/index.ts');
        const known = standaloneServices(modules);
        if (!known.includes(options.only)) throw new CliFailure(`--only ${options.only}: no such service; the services are: ${known.join(', ') || 'none'}.`);
      }
      const { startServer } = await import('../server.ts');
      await startServer(config, { isDemo: options.demo === true, ...(options.only === undefined ? {} : { only: options.only }) });
    });

  program
    .command('migrate')
    .description('Apply every pending database migration, then exit.')
    .action(async () => {
      const config = await loadCommandConfig();
      const { openDatabase, migrateToLatest } = await import('../platform/db/index.ts');
      const { allMigrations } = await import('../platform/create.ts');
      const { modules } = await import('../modules/index.ts');
      const auditKey = await installationAuditKey(config);
      const db = await openDatabase(config.database);
      try {
        const applied = await migrateToLatest(db, allMigrations(modules, { auditKey }));
        process.stdout.write(
          applied.length === 0 ? 'The database is up to date.\n' : `Applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}\n`).join('')}`,
        );
      } finally {
        await db.destroy();
      }
    });

  program
    .command('seed-demo')
    .description('Load the demo accounts and data once (does nothing if already loaded).')
    .action(() => {
      const io = defaultCommandIo();
      return withPlatform(io, async (platform) => {
        const { seedDemo } = await import('../platform/demo.ts');
        const { modules } = await import('../modules/index.ts');
        for (const line of (await seedDemo(platform, modules)).lines(platform.config.publicUrl)) io.out(`${line}\n`);
      });
    });
}

/**
 * The audit chain's key, which a migration needs to mark the head of an existing log. Keys are
 * created as `kinga serve` creates them (a key file on SQLite); on PostgreSQL a new database
 * migrates without keys, since it holds no audit entry to mark.
 */
async function installationAuditKey(config: Config): Promise<Buffer | undefined> {
  const isSqlite = config.database.dialect === 'sqlite';
  if (config.keys.inline === undefined && !existsSync(config.keys.file) && !isSqlite) return undefined;
  const { createKeyring, loadKeyMaterial } = await import('../platform/crypto/index.ts');
  const { auditChainKey } = await import('../platform/audit/index.ts');
  return auditChainKey(createKeyring(loadKeyMaterial(config.keys.inline, config.keys.file, isSqlite)));
}
