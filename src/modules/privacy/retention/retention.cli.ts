import type { Command } from 'commander';
import { withPlatform, type CommandIo } from '../../../platform/cli/command-io.ts';
import { CliFailure } from '../../../platform/cli/run.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The `privacy` command, made once whichever capability adds to it first. */
function privacyCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'privacy') ??
    program.command('privacy').description('Personal data: the retention schedule, legal holds and requests.')
  );
}

/** Registers `kinga privacy retention`. */
export function registerPrivacyCommands(program: Command, io: CommandIo): void {
  privacyCommand(program)
    .command('retention')
    .description(
      'Run the retention schedule now, each kind of record by its rule, and print how many records of each kind it acted on (with --dry-run, how many are due, changing nothing). The run is kept with the nightly ones.',
    )
    .option('--dry-run', 'count what is due and change nothing')
    .option('--date <YYYY-MM-DD>', 'run as of the start of this day in the jurisdiction (a past day, or any day with --dry-run)')
    .action((options: { dryRun?: boolean; date?: string }) =>
      withPlatform(io, async (platform) => {
        const { createRetentionServiceFor } = await import('./retention.wiring.ts');
        const { dayOf } = await import('./retention.service.ts');
        const date = options.date;
        if (date !== undefined && (!DAY.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))))
          throw new CliFailure(`--date must be a day such as 2024-07-01, not "${date}".`);
        if (date !== undefined && !options.dryRun && date > dayOf(platform.clock.now(), platform.config.jurisdiction.timeZone))
          throw new CliFailure('A real run cannot be dated after today: it would erase records before their time. Add --dry-run to see what will be due.');
        const report = await createRetentionServiceFor(platform).runNow({ dryRun: options.dryRun === true, requestedBy: 'command', date });
        io.out(`${report.isDryRun ? 'Dry run' : 'Run'} of ${report.runDate} (${report.id}):\n`);
        for (const kind of report.kinds) {
          const verb = report.isDryRun ? 'due' : kind.rule.action === 'delete' ? 'deleted' : kind.rule.action === 'anonymise' ? 'anonymised' : 'archived';
          io.out(
            kind.error === null
              ? `  ${kind.kind}: ${kind.count ?? 0} ${verb} (${kind.rule.period} after ${kind.rule.trigger}, records before ${kind.cutoff})\n`
              : `  ${kind.kind}: FAILED: ${kind.error}\n`,
          );
        }
        if (report.kinds.some((k) => k.error !== null)) throw new CliFailure('Some kinds of record failed; the others ran.');
      }),
    );
}
