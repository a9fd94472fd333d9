import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { CliFailure } from '../../cli/run.ts';

/** Where the quality commands write and how they reach the platform; tests replace it. */
export interface QualityCommandIo {
  write(text: string): void;
  openPlatform(): Promise<Platform>;
  closePlatform(platform: Platform): Promise<void>;
}

/** Registers `kinga quality import`. */
export function registerQualityCommands(program: Command, io: QualityCommandIo = defaultIo()): void {
  const quality = program.command('quality').description('Quality of service measurements.');
  quality
    .command('import')
    .description('Import a measurement file (CSV or JSON, docs/formats/measurements.md): all or nothing; exits 1 and lists every problem with its line and field.')
    .argument('<file>', 'the file; .json is read as JSON, anything else as CSV')
    .action(async (file: string) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new CliFailure(`Cannot read ${file}: ${(error as Error).message}`);
      }
      const platform = await io.openPlatform();
      try {
        const { createMeasurementServiceFor } = await import('./index.ts');
        const report = await createMeasurementServiceFor(platform).importMeasurements({
          text,
          format: file.toLowerCase().endsWith('.json') ? 'json' : 'csv',
          actor: { type: 'system', id: null },
          channel: 'cli',
        });
        const reasons = Object.entries(report.reasons).map(([reason, count]) => `${reason} ${count}`);
        io.write(`Imported ${report.rows} measurement(s) from ${file} (import ${report.importId}); ${report.flagged} flagged${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}.\n`);
      } catch (error) {
        if (error instanceof AppError && error.problems.length > 0) {
          for (const p of error.problems) io.write(`line ${p.line ?? '-'}, ${p.field}: ${p.message}\n`);
          throw new CliFailure(`${file} was rejected with ${error.problems.length} problem(s); nothing was imported.`);
        }
        throw error;
      } finally {
        await io.closePlatform(platform);
      }
    });
}

function defaultIo(): QualityCommandIo {
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
