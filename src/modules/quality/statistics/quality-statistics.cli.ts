import { basename } from 'node:path';
import type { Command } from 'commander';
import { readImportFile, withPlatform, type CommandIo } from '../../../platform/cli/command-io.ts';

/** The `quality` command, whichever part of the module registered it first. */
function qualityCommandOf(program: Command): Command {
  return program.commands.find((c) => c.name() === 'quality') ?? program.command('quality').description('Quality of service measurements.');
}

/** Registers `kinga quality import-regions` and `kinga quality aggregate`. */
export function registerQualityStatisticsCommands(program: Command, io: CommandIo): void {
  const quality = qualityCommandOf(program);
  quality
    .command('import-regions')
    .description(
      'Load the region boundaries statistics are published by (a GeoJSON FeatureCollection of Polygon or MultiPolygon features with properties "code" and "name"): all or nothing; replaces the set in force, which is kept with its dates.',
    )
    .argument('<file>', 'the GeoJSON file')
    .action((file: string) => {
      const { text } = readImportFile(file);
      return withPlatform(io, async (platform) => {
        const { createQualityStatisticsServiceFor } = await import('./quality-statistics.wiring.ts');
        const report = await createQualityStatisticsServiceFor(platform).importRegions({ text, source: basename(file), actor: { type: 'system', id: null } });
        io.out(
          `Loaded ${report.regions} region(s) from ${file} (set ${report.setId}): ${report.codes.join(', ')}. Run "kinga quality aggregate" to publish statistics by them.\n`,
        );
      });
    });
  quality
    .command('aggregate')
    .description('Recompute every published quality statistic from the valid measurements (the daily job does the same).')
    .action(() =>
      withPlatform(io, async (platform) => {
        const { createQualityStatisticsServiceFor } = await import('./quality-statistics.wiring.ts');
        const report = await createQualityStatisticsServiceFor(platform).aggregate();
        io.out(
          `Aggregated ${report.measurements} valid measurement(s) into ${report.groups} group(s); ${report.published} published (the others are below the minimum tests or devices).\n`,
        );
      }),
    );
}
