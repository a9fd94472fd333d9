import type { Command } from 'commander';
import type { CommandIo } from '../../platform/cli/command-io.ts';
import { registerKpiCommands } from './kpis/quality-kpi.cli.ts';
import { registerQualityCommands } from './measurements/measurement.cli.ts';
import { registerQualityStatisticsCommands } from './statistics/quality-statistics.cli.ts';

/** Registers every `kinga quality` command: measurement, KPI and region imports, and the aggregation. */
export function registerQualityModuleCommands(program: Command, io: CommandIo): void {
  registerQualityCommands(program, io);
  registerKpiCommands(program, io);
  registerQualityStatisticsCommands(program, io);
}
