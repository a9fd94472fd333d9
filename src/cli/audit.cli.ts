import type { Command } from 'commander';
import { createClock } from '../platform/clock.ts';
import { uuidv7 } from '../platform/ids.ts';
import { loadCommandConfig } from './command-io.ts';
import { openMigratedDatabase } from './open-database.ts';

/** `kinga audit verify`. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('Check the hash-chained audit log.');

  audit
    .command('verify')
    .description('Recompute every hash of the audit log; exit 1 and name the first broken entry if any entry was changed, inserted or removed.')
    .action(async () => {
      const config = await loadCommandConfig();
      const db = await openMigratedDatabase(config);
      try {
        const { createAuditLog } = await import('../platform/audit/index.ts');
        const log = createAuditLog({ clock: createClock(config.clock), ids: () => uuidv7() });
        const result = await log.verify(db.kysely);
        if (result.isIntact) {
          process.stdout.write(`The audit log is intact: ${result.entries} entries checked.\n`);
          return;
        }
        process.stderr.write(
          `kinga: The audit log is broken at entry ${result.brokenAt ?? '?'} (${result.entries} entries read): ${result.reason ?? 'the hashes do not match'}\n`,
        );
        process.exitCode = 1;
      } finally {
        await db.destroy();
      }
    });
}
