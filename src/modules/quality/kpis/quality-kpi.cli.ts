import type { Command } from 'commander';
import { readImportFile, withPlatform, type CommandIo } from '../../../platform/cli/command-io.ts';

/** The `quality` command, whichever part of the module registered it first. */
function qualityCommandOf(program: Command): Command {
  return program.commands.find((c) => c.name() === 'quality') ?? program.command('quality').description('Quality of service measurements.');
}

/** Registers `kinga quality import-kpis`. */
export function registerKpiCommands(program: Command, io: CommandIo): void {
  qualityCommandOf(program)
    .command('import-kpis')
    .description(
      "Import an operator's network KPI counts (CSV or JSON, docs/formats/network-kpis.md): all or nothing; each month replaces that operator's current report of the month, kept as an older version.",
    )
    .argument('<file>', 'the file; .json is read as JSON, anything else as CSV')
    .requiredOption('--operator <id>', 'the licence id of the operator the file reports for')
    .action((file: string, options: { operator: string }) =>
      withPlatform(io, async (platform) => {
        const { createKpiServiceFor } = await import('./quality-kpi.wiring.ts');
        const { text, format } = readImportFile(file, {
          megabytes: platform.settings.quality.uploads.maxKpiFileMegabytes,
          setting: 'modules.quality.uploads.maxKpiFileMegabytes',
        });
        const report = await createKpiServiceFor(platform).importKpis({
          text,
          format,
          operatorId: options.operator,
          isSentByOperator: false,
          actor: { type: 'system', id: null },
          channel: 'cli',
        });
        const months = report.months.map(
          (m) => `${m.month} version ${m.version}${m.replacedVersion === null ? '' : ` replacing version ${m.replacedVersion}`}`,
        );
        io.out(`Imported ${report.rows} KPI row(s) of ${report.operatorId} from ${file}: ${months.join('; ')}.\n`);
      }),
    );
}
