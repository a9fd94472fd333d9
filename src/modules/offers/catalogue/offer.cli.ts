import type { Command } from 'commander';
import { describeProblem, readImportFile, withPlatform, type CommandIo } from '../../../platform/cli/command-io.ts';
import { registerRoamingCommands } from '../roaming/roaming.cli.ts';

const SYSTEM = { type: 'system', id: null } as const;

/** Registers `kinga offers import` and the roaming commands (`kinga operators` is the platform's). */
export function registerOffersCommands(program: Command, io: CommandIo): void {
  const offers = program.command('offers').description('Import national offer files.');
  offers
    .command('import')
    .description(
      'Import a national offer file (CSV or JSON, docs/formats/offers.md): all or nothing; exits 1 and lists every problem when anything is rejected.',
    )
    .argument('<file>', 'the file; .json is read as JSON, anything else as CSV')
    .option('--operator <id>', 'the licence id the file is for: fills empty operator_id cells and rejects rows of other operators')
    .option('--lenient', 'accept plan ids with a suffix shorter than 15 characters, with a warning')
    .action((file: string, options: { operator?: string; lenient?: boolean }) => {
      const { text, format } = readImportFile(file);
      return withPlatform(io, async (platform) => {
        const { createOfferServiceFor } = await import('../offers.wiring.ts');
        const report = await createOfferServiceFor(platform).importOffers({
          text,
          format,
          isLenient: options.lenient === true,
          source: 'cli',
          actor: SYSTEM,
          ...(options.operator ? { operatorId: options.operator } : {}),
        });
        for (const w of report.warnings) io.out(`warning: ${describeProblem(w)}\n`);
        io.out(
          `Imported ${report.rows} offer(s) from ${file}: ${report.newPlans} new plan(s), ${report.newVersions} new version(s), ${report.confirmed} confirmed unchanged (import ${report.importId}).\n`,
        );
      });
    });
  registerRoamingCommands(offers, io);
}
