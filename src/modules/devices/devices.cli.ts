import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { CliFailure } from '../../cli/run.ts';
import { Invalid } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { registerOperatorDataCommands } from './operator-data.cli.ts';
import { registerClassificationCommands } from './classification.cli.ts';

/** Where the devices commands write and how they open the platform; tests replace it. */
export interface DevicesCommandIo {
  out(text: string): void;
  err(text: string): void;
  openPlatform(): Promise<Platform>;
}

/** Registers `kinga devices ...`. */
export function registerDevicesCommands(program: Command, io: DevicesCommandIo = defaultIo()): void {
  const devices = program.command('devices').description('Device identity: the GSMA TAC database and IMEI checks.');

  devices
    .command('import-tac')
    .description('Replace the TAC database with a GSMA TAC file (pipe-separated, as DIRBS reads it). All or nothing: any bad line and nothing changes.')
    .argument('<file>', 'the GSMA TAC database export, such as gsma_tac_2026-11.txt')
    .addHelpText('after', '\nThe format is described in docs/devices/tac-database-format.md. Every bad line is listed with its line number and field.')
    .action(async (file: string) => {
      if (!existsSync(file) || !statSync(file).isFile()) throw new CliFailure(`There is no file at ${file}.`);
      const platform = await io.openPlatform();
      try {
        const { importTacFile } = await import('./tac-import.service.ts');
        const { createTacRepository } = await import('./tac.repository.ts');
        const started = performance.now();
        const result = await importTacFile(
          { repository: createTacRepository(platform.db.kysely), audit: platform.audit, clock: platform.clock, ids: platform.ids },
          { stream: createReadStream(file), fileName: basename(file), actor: { type: 'system', id: null }, onProgress: (lines) => io.err(`import-tac: ${lines} lines read\n`) },
        );
        const seconds = (performance.now() - started) / 1000;
        io.out(`Imported ${result.rows} TACs from ${result.fileName} in ${seconds.toFixed(1)} s (import ${result.importId}, sha256 ${result.sha256}).\n`);
      } catch (error) {
        if (error instanceof Invalid) {
          for (const p of error.problems) io.err(`line ${p.line ?? '?'}, ${p.field}: ${p.message}\n`);
          throw new CliFailure(error.message);
        }
        throw error;
      } finally {
        const { closePlatform } = await import('../../platform/create.ts');
        await closePlatform(platform);
      }
    });

  registerOperatorDataCommands(devices, io);
  registerClassificationCommands(devices, io);
}

function defaultIo(): DevicesCommandIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    async openPlatform() {
      const { createPlatform } = await import('../../platform/create.ts');
      const { modules } = await import('../index.ts');
      return createPlatform(loadConfig(), modules);
    },
  };
}
