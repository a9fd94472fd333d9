import type { Command } from 'commander';
import { readImportFile, withPlatform, type CommandIo } from '../../../platform/cli/command-io.ts';

const SYSTEM = { type: 'system', id: null } as const;

/** Registers `kinga offers import-roaming` on the `offers` command. */
export function registerRoamingCommands(offers: Command, io: CommandIo): void {
  offers
    .command('import-roaming')
    .description(
      'Import a roaming rate file (CSV or JSON, docs/formats/roaming.md): all or nothing; exits 1 and lists every problem when anything is rejected.',
    )
    .argument('<file>', 'the file; .json is read as JSON, anything else as CSV')
    .option('--operator <id>', 'the licence id the file is for: fills empty operator_id cells and rejects rows of other operators')
    .action((file: string, options: { operator?: string }) => {
      const { text, format } = readImportFile(file);
      return withPlatform(io, async (platform) => {
        const { createRoamingServiceFor } = await import('./roaming.wiring.ts');
        const report = await createRoamingServiceFor(platform).importRates({
          text,
          format,
          source: 'cli',
          actor: SYSTEM,
          ...(options.operator ? { operatorId: options.operator } : {}),
        });
        io.out(
          `Imported ${report.rows} roaming rate(s) from ${file}: ${report.newRates} new rate(s), ${report.newVersions} new version(s), ${report.confirmed} confirmed unchanged (import ${report.importId}).\n`,
        );
      });
    });
}
