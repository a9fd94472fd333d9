import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { withPlatform, type CommandIo } from '../../platform/cli/command-io.ts';
import { CliFailure } from '../../platform/cli/run.ts';
import { registerOperatorDataCommands } from './operator-dumps/operator-dumps.cli.ts';
import { registerClassificationCommands } from './classification/classification.cli.ts';

/** Registers `kinga devices ...`. */
export function registerDevicesCommands(program: Command, io: CommandIo): void {
  const devices = program.command('devices').description('Device identity: the GSMA TAC database and IMEI checks.');

  devices
    .command('import-tac')
    .description('Replace the TAC database with a GSMA TAC file (pipe-separated, as DIRBS reads it). All or nothing: any bad line and nothing changes.')
    .argument('<file>', 'the GSMA TAC database export, such as gsma_tac_2026-11.txt')
    .addHelpText('after', '\nThe format is described in docs/devices/tac-database-format.md. Every bad line is listed with its line number and field.')
    .action((file: string) => {
      if (!existsSync(file) || !statSync(file).isFile()) throw new CliFailure(`There is no file at ${file}.`);
      return withPlatform(io, async (platform) => {
        const { importTacFile } = await import('./tac-database/tac-import.service.ts');
        const { createTacRepository } = await import('./tac-database/tac.repository.ts');
        const started = performance.now();
        const result = await importTacFile(
          { repository: createTacRepository(platform.db.kysely), audit: platform.audit, clock: platform.clock, ids: platform.ids },
          {
            stream: createReadStream(file),
            fileName: basename(file),
            actor: { type: 'system', id: null },
            onProgress: (lines) => io.err(`import-tac: ${lines} lines read\n`),
          },
        );
        const seconds = (performance.now() - started) / 1000;
        io.out(`Imported ${result.rows} TACs from ${result.fileName} in ${seconds.toFixed(1)} s (import ${result.importId}, sha256 ${result.sha256}).\n`);
      });
    });

  registerOperatorDataCommands(devices, io);
  registerClassificationCommands(devices, io);
}
