import type { Command } from 'commander';
import { readImportFile, withPlatform, type CommandIo } from '../../../platform/cli/command-io.ts';

/** Registers `kinga quality import`. */
export function registerQualityCommands(program: Command, io: CommandIo): void {
  const quality = program.command('quality').description('Quality of service measurements.');
  quality
    .command('import')
    .description(
      'Import a measurement file (CSV or JSON, docs/formats/measurements.md): all or nothing; exits 1 and lists every problem with its line and field.',
    )
    .argument('<file>', 'the file; .json is read as JSON, anything else as CSV')
    .action((file: string) =>
      withPlatform(io, async (platform) => {
        const { createMeasurementServiceFor } = await import('../quality.wiring.ts');
        const { text, format } = readImportFile(file, {
          megabytes: platform.settings.quality.uploads.maxMeasurementFileMegabytes,
          setting: 'modules.quality.uploads.maxMeasurementFileMegabytes',
        });
        const report = await createMeasurementServiceFor(platform).importMeasurements({
          text,
          format,
          operatorId: null,
          actor: { type: 'system', id: null },
          channel: 'cli',
        });
        const reasons = Object.entries(report.reasons).map(([reason, count]) => `${reason} ${count}`);
        io.out(
          `Imported ${report.rows} measurement(s) from ${file} (import ${report.importId}); ${report.flagged} flagged${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}.\n`,
        );
      }),
    );
}
