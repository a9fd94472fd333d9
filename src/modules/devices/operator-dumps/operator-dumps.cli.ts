import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { describeProblem, withPlatform, type CommandIo } from '../../../platform/cli/command-io.ts';
import { CliFailure } from '../../../platform/cli/run.ts';

const SYSTEM = { type: 'system', id: null } as const;

/** Registers `kinga devices import-dump` and `kinga devices import-list` under the devices command. */
export function registerOperatorDataCommands(devices: Command, io: CommandIo): void {
  devices
    .command('import-dump')
    .description(
      'Check and import an operator dump (CSV date,imei,imsi,msisdn[,rat], or a zip holding it), as DIRBS checks it. All or nothing; the same file twice changes nothing.',
    )
    .argument('<file>', 'the dump, named <operator>_<YYYYMMDD>_<YYYYMMDD>.csv or .zip')
    .requiredOption('--operator <id>', 'the licence id of the operator the dump comes from')
    .addHelpText(
      'after',
      '\nThe format and the checks are described in docs/formats/device-dumps.md; thresholds come from modules.devices.dumps in the jurisdiction profile.',
    )
    .action((file: string, options: { operator: string }) => {
      if (!existsSync(file) || !statSync(file).isFile()) throw new CliFailure(`There is no file at ${file}.`);
      return withPlatform(io, async (platform) => {
        const { importDump, DumpRejected } = await import('./dump-import.service.ts');
        const { describeCheck } = await import('./dump-checks.ts');
        const { dumpImportDepsFor } = await import('./operator-dumps.wiring.ts');
        const started = performance.now();
        try {
          const outcome = await importDump(dumpImportDepsFor(platform), {
            path: file,
            fileName: basename(file),
            operatorId: options.operator,
            actor: SYSTEM,
            onProgress: (rows) => io.err(`import-dump: ${rows} rows read\n`),
          });
          if (outcome.status === 'duplicate') {
            io.out(`${basename(file)} was already imported for ${options.operator} on ${outcome.acceptedAt} (import ${outcome.importId}); nothing changed.\n`);
            return;
          }
          const seconds = (performance.now() - started) / 1000;
          io.out(
            `Imported ${outcome.report.rows} rows (${outcome.report.keptRows} observations kept) from ${basename(file)} in ${seconds.toFixed(1)} s (import ${outcome.importId}, sha256 ${outcome.sha256}).\n`,
          );
        } catch (error) {
          if (!(error instanceof DumpRejected)) throw error;
          for (const check of error.report.checks) if (!check.isPassed) io.err(`failed ${describeCheck(check)}\n`);
          for (const p of error.report.problems) io.err(`${describeProblem(p)}\n`);
          throw new CliFailure(error.message);
        }
      });
    });

  devices
    .command('import-list')
    .description(
      'Upload a reference list: stolen, registration, pairing, golden, barred_imei or barred_tac. A full upload ends the entries absent from the file; a delta adds and removes. All or nothing.',
    )
    .argument('<file>', 'the list as CSV with a header line')
    .requiredOption('--list <name>', 'stolen, registration, pairing, golden, barred_imei or barred_tac')
    .option('--mode <mode>', 'full or delta', 'full')
    .addHelpText('after', '\nThe formats are described in docs/formats/device-lists.md.')
    .action(async (file: string, options: { list: string; mode: string }) => {
      if (!existsSync(file) || !statSync(file).isFile()) throw new CliFailure(`There is no file at ${file}.`);
      const { importList, isDeviceListName, DEVICE_LISTS } = await import('./list-import.service.ts');
      const list = options.list;
      if (!isDeviceListName(list)) throw new CliFailure(`--list must be one of ${DEVICE_LISTS.join(', ')}.`);
      const mode = options.mode;
      if (mode !== 'full' && mode !== 'delta') throw new CliFailure('--mode must be full or delta.');
      await withPlatform(io, async (platform) => {
        const { listImportDepsFor } = await import('./operator-dumps.wiring.ts');
        const result = await importList(listImportDepsFor(platform), { stream: createReadStream(file), fileName: basename(file), list, mode, actor: SYSTEM });
        io.out(`${list} (${mode}): ${result.rows} lines read, ${result.added} entries added, ${result.removed} ended (upload ${result.uploadId}).\n`);
      });
    });
}
