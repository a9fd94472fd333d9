import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import type { AuditCheckpoint, AuditLog } from '../platform/audit/index.ts';
import type { Db } from '../platform/db/index.ts';
import { createClock } from '../platform/clock.ts';
import { uuidv7 } from '../platform/ids.ts';
import { loadCommandConfig } from './default-io.ts';
import { openMigratedDatabase } from './open-database.ts';
import { CliFailure } from '../platform/cli/run.ts';

/** `kinga audit verify` and `kinga audit checkpoint`. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('Check the keyed, hash-chained audit log and export checkpoints of it.');

  audit
    .command('verify')
    .description(
      'Recompute every keyed hash of the audit log and the mark of its head; exit 1 and name the first broken entry if any entry was changed, inserted or removed, or if the log no longer holds what a checkpoint recorded.',
    )
    .option(
      '--checkpoint <file...>',
      'checkpoint files exported earlier by `kinga audit checkpoint` (or log lines of the daily checkpoint) to compare the log with',
    )
    .action(async (options: { checkpoint?: string[] }) => {
      const checkpoints = (await Promise.all((options.checkpoint ?? []).map(readCheckpointFile))).flat();
      await withAuditLog(async (log, db) => {
        const result = await log.verify(db.kysely, { checkpoints });
        if (result.isIntact) {
          const against =
            checkpoints.length === 0
              ? ''
              : `, and it holds what ${checkpoints.length === 1 ? 'the checkpoint' : `the ${checkpoints.length} checkpoints`} recorded`;
          process.stdout.write(`The audit log is intact: ${result.entries} entries checked${against}.\n`);
          return;
        }
        process.stderr.write(
          `kinga: The audit log is broken at entry ${result.brokenAt ?? '?'} (${result.entries} entries read): ${result.reason ?? 'the hashes do not match'}\n`,
        );
        process.exitCode = 1;
      });
    });

  audit
    .command('checkpoint')
    .description(
      'Verify the audit log, then print a checkpoint of its head as one line of JSON, to keep outside the database and give to `audit verify --checkpoint` later.',
    )
    .action(async () => {
      await withAuditLog(async (log, db) => {
        const result = await log.verify(db.kysely);
        if (!result.isIntact) {
          throw new CliFailure(
            `The audit log is broken at entry ${result.brokenAt ?? '?'}: ${result.reason ?? 'the hashes do not match'} No checkpoint was made.`,
          );
        }
        process.stdout.write(`${JSON.stringify(await log.checkpoint(db.kysely))}\n`);
        process.stderr.write(`Checkpoint of ${result.entries} entries: keep this line where the database's administrators cannot change it.\n`);
      });
    });
}

/** Opens the migrated database and the audit log under the installation's key, and closes them after `work`. */
async function withAuditLog(work: (log: AuditLog, db: Db) => Promise<void>): Promise<void> {
  const config = await loadCommandConfig();
  const db = await openMigratedDatabase(config);
  try {
    await work(await openAuditLog(config), db);
  } finally {
    await db.destroy();
  }
}

async function openAuditLog(config: Config): Promise<AuditLog> {
  const { createAuditLog } = await import('../platform/audit/index.ts');
  const { createKeyring, loadKeyMaterial } = await import('../platform/crypto/index.ts');
  // The chain is keyed: without the installation's keys it can be neither verified nor checkpointed.
  const keyring = createKeyring(loadKeyMaterial(config.keys.inline, config.keys.file, false));
  return createAuditLog({ clock: createClock(config.clock), ids: () => uuidv7(), keyring });
}

async function readCheckpointFile(file: string): Promise<AuditCheckpoint[]> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliFailure(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { parseAuditCheckpoints } = await import('../platform/audit/index.ts');
  const { checkpoints, problems } = parseAuditCheckpoints(text);
  if (problems.length > 0) throw new CliFailure(`${file}, ${problems.join(' ')}`);
  if (checkpoints.length === 0) throw new CliFailure(`${file} holds no audit checkpoint (a line with "kind": "kinga-audit-checkpoint").`);
  return checkpoints;
}
