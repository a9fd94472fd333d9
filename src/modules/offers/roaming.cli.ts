import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliFailure } from '../../cli/run.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { OfferCommandIo } from './offer.cli.ts';

const SYSTEM = { type: 'system', id: null } as const;

/** Registers `kinga offers import-roaming` on the `offers` command. */
export function registerRoamingCommands(offers: Command, io: OfferCommandIo): void {
  offers
    .command('import-roaming')
    .description('Import a roaming rate file (CSV or JSON, docs/formats/roaming.md): all or nothing; exits 1 and lists every problem when anything is rejected.')
    .argument('<file>', 'the file; .json is read as JSON, anything else as CSV')
    .option('--operator <id>', 'the licence id the file is for: fills empty operator_id cells and rejects rows of other operators')
    .action(async (file: string, options: { operator?: string }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new CliFailure(`Cannot read ${file}: ${(error as Error).message}`);
      }
      const platform = await io.openPlatform();
      try {
        const { createRoamingServiceFor } = await import('./roaming-service-factory.ts');
        const report = await createRoamingServiceFor(platform).importRates({
          text,
          format: file.toLowerCase().endsWith('.json') ? 'json' : 'csv',
          source: 'cli',
          actor: SYSTEM,
          ...(options.operator ? { operatorId: options.operator } : {}),
        });
        io.write(`Imported ${report.rows} roaming rate(s) from ${file}: ${report.newRates} new rate(s), ${report.newVersions} new version(s), ${report.confirmed} confirmed unchanged (import ${report.importId}).\n`);
      } catch (error) {
        if (error instanceof AppError && error.problems.length > 0) {
          for (const p of error.problems) io.write(`line ${p.line ?? '-'}, ${p.field}: ${p.message}\n`);
          throw new CliFailure(`${file} was rejected with ${error.problems.length} problem(s); nothing was imported.`);
        }
        if (error instanceof AppError) throw new CliFailure(`${error.message} (${error.code})`);
        throw error;
      } finally {
        await io.closePlatform(platform);
      }
    });
}
