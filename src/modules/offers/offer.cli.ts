import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { OfferService } from './offer.service.ts';
import { CliFailure } from '../../cli/run.ts';
import { registerRoamingCommands } from './roaming.cli.ts';

/** Where the offers commands write and how they reach the platform; tests replace it. */
export interface OfferCommandIo {
  write(text: string): void;
  openPlatform(): Promise<Platform>;
  closePlatform(platform: Platform): Promise<void>;
}

const SYSTEM = { type: 'system', id: null } as const;

/** Registers `kinga operators add` and `kinga offers import`. */
export function registerOffersCommands(program: Command, io: OfferCommandIo = defaultIo()): void {
  const operators = program.command('operators').description('Manage the licensed operators whose offers Kinga publishes.');
  operators
    .command('add')
    .description('Add a licensed operator; its licence id is what offer files and API tokens name.')
    .argument('<licence-id>', 'the operator\'s licence id, such as OP-0001')
    .requiredOption('--name <name>', 'the name consumers know the operator by')
    .action((licenceId: string, options: { name: string }) =>
      withService(io, async (service) => {
        const row = await service.addOperator(SYSTEM, licenceId, options.name);
        io.write(`Added operator ${row.licence_id} (${row.name}).\n`);
      }),
    );

  const offers = program.command('offers').description('Import national offer files.');
  offers
    .command('import')
    .description('Import a national offer file (CSV or JSON, docs/formats/offers.md): all or nothing; exits 1 and lists every problem when anything is rejected.')
    .argument('<file>', 'the file; .json is read as JSON, anything else as CSV')
    .option('--operator <id>', 'the licence id the file is for: fills empty operator_id cells and rejects rows of other operators')
    .option('--lenient', 'accept plan ids with a suffix shorter than 15 characters, with a warning')
    .action((file: string, options: { operator?: string; lenient?: boolean }) =>
      withService(io, async (service) => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (error) {
          throw new CliFailure(`Cannot read ${file}: ${(error as Error).message}`);
        }
        try {
          const report = await service.importOffers({
            text,
            format: file.toLowerCase().endsWith('.json') ? 'json' : 'csv',
            isLenient: options.lenient === true,
            source: 'cli',
            actor: SYSTEM,
            ...(options.operator ? { operatorId: options.operator } : {}),
          });
          for (const w of report.warnings) io.write(`warning: line ${w.line ?? '-'}, ${w.field}: ${w.message}\n`);
          io.write(`Imported ${report.rows} offer(s) from ${file}: ${report.newPlans} new plan(s), ${report.newVersions} new version(s), ${report.confirmed} confirmed unchanged (import ${report.importId}).\n`);
        } catch (error) {
          if (error instanceof AppError && error.problems.length > 0) {
            for (const p of error.problems) io.write(`line ${p.line ?? '-'}, ${p.field}: ${p.message}\n`);
            throw new CliFailure(`${file} was rejected with ${error.problems.length} problem(s); nothing was imported.`);
          }
          throw error;
        }
      }),
    );
  registerRoamingCommands(offers, io);
}

async function withService(io: OfferCommandIo, work: (service: OfferService) => Promise<void>): Promise<void> {
  const platform = await io.openPlatform();
  try {
    const { createOfferServiceFor } = await import('./offer-service-factory.ts');
    await work(createOfferServiceFor(platform));
  } catch (error) {
    if (error instanceof AppError) throw new CliFailure(`${error.message} (${error.code})${error.problems.map((p) => ` ${p.field}: ${p.message}`).join(';')}`);
    throw error;
  } finally {
    await io.closePlatform(platform);
  }
}

function defaultIo(): OfferCommandIo {
  return {
    write: (text) => process.stdout.write(text),
    async openPlatform() {
      // Loaded here, not at the top, so `kinga --help` does not open the database drivers.
      const { loadConfig } = await import('../../config.ts');
      const { createPlatform } = await import('../../platform/create.ts');
      const { modules } = await import('../index.ts');
      return createPlatform(loadConfig(), modules);
    },
    async closePlatform(platform) {
      const { closePlatform } = await import('../../platform/create.ts');
      await closePlatform(platform);
    },
  };
}
