import type { Command } from 'commander';
import { defaultCommandIo, describeProblem, readImportFile, withPlatform, type CommandIo } from '../../cli/command-io.ts';
import { registerRoamingCommands } from './roaming.cli.ts';

const SYSTEM = { type: 'system', id: null } as const;

/** Registers `kinga operators add` and `kinga offers import`. */
export function registerOffersCommands(program: Command, io: CommandIo = defaultCommandIo()): void {
  const operators = program.command('operators').description('Manage the licensed operators whose offers Kinga publishes.');
  operators
    .command('add')
    .description('Add a licensed operator; its licence id is what offer files and API tokens name.')
    .argument('<licence-id>', 'the operator\'s licence id, such as OP-0001')
    .requiredOption('--name <name>', 'the name consumers know the operator by')
    .action((licenceId: string, options: { name: string }) =>
      withPlatform(io, async (platform) => {
        const { createOfferServiceFor } = await import('./offer-service-factory.ts');
        const row = await createOfferServiceFor(platform).addOperator(SYSTEM, licenceId, options.name);
        io.out(`Added operator ${row.licence_id} (${row.name}).\n`);
      }),
    );

  const offers = program.command('offers').description('Import national offer files.');
  offers
    .command('import')
    .description('Import a national offer file (CSV or JSON, docs/formats/offers.md): all or nothing; exits 1 and lists every problem when anything is rejected.')
    .argument('<file>', 'the file; .json is read as JSON, anything else as CSV')
    .option('--operator <id>', 'the licence id the file is for: fills empty operator_id cells and rejects rows of other operators')
    .option('--lenient', 'accept plan ids with a suffix shorter than 15 characters, with a warning')
    .action((file: string, options: { operator?: string; lenient?: boolean }) => {
      const { text, format } = readImportFile(file);
      return withPlatform(io, async (platform) => {
        const { createOfferServiceFor } = await import('./offer-service-factory.ts');
        const report = await createOfferServiceFor(platform).importOffers({
          text,
          format,
          isLenient: options.lenient === true,
          source: 'cli',
          actor: SYSTEM,
          ...(options.operator ? { operatorId: options.operator } : {}),
        });
        for (const w of report.warnings) io.out(`warning: ${describeProblem(w)}\n`);
        io.out(`Imported ${report.rows} offer(s) from ${file}: ${report.newPlans} new plan(s), ${report.newVersions} new version(s), ${report.confirmed} confirmed unchanged (import ${report.importId}).\n`);
      });
    });
  registerRoamingCommands(offers, io);
}
