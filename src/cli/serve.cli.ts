import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { startServer } from '../server.ts';
import { openDatabase, migrateToLatest } from '../platform/db/index.ts';
import { allMigrations, closePlatform, createPlatform } from '../platform/create.ts';
import { seedDemo } from '../platform/demo.ts';
import { modules } from '../modules/index.ts';

/** `kinga serve`, `kinga migrate` and `kinga seed-demo`. */
export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('Migrate the database and serve the web pages, the API and the job worker.')
    .option('--demo', 'load the demo jurisdiction data and accounts on first start')
    .action(async (options: { demo?: boolean }) => {
      await startServer(loadConfig(), { isDemo: options.demo === true });
    });

  program
    .command('migrate')
    .description('Apply every pending database migration, then exit.')
    .action(async () => {
      const config = loadConfig();
      const db = await openDatabase(config.database);
      try {
        const applied = await migrateToLatest(db, allMigrations(modules));
        process.stdout.write(applied.length === 0 ? 'The database is up to date.\n' : `Applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}\n`).join('')}`);
      } finally {
        await db.destroy();
      }
    });

  program
    .command('seed-demo')
    .description('Load the demo accounts and data once (does nothing if already loaded).')
    .action(async () => {
      const platform = await createPlatform(loadConfig(), modules);
      try {
        for (const line of await seedDemo(platform, modules)) process.stdout.write(`${line}\n`);
      } finally {
        await closePlatform(platform);
      }
    });
}
