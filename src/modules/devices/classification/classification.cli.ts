import { closeSync, createWriteStream, fchmodSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import type { Command } from 'commander';
import { withPlatform, type CommandIo } from '../../../platform/cli/command-io.ts';
import { CliFailure } from '../../../platform/cli/run.ts';
import { isIsoDate } from './classification-rules.ts';
import type { ClassificationSummary } from './classification.service.ts';

/** Registers `kinga devices classify` and `kinga devices lists` under the devices command. */
export function registerClassificationCommands(devices: Command, io: CommandIo): void {
  const dateOf = (value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    if (!isIsoDate(value)) throw new CliFailure(`--date must be a day written YYYY-MM-DD, such as 2026-12-01; "${value}" is not.`);
    return value;
  };

  devices
    .command('classify')
    .description(
      'Classify every IMEI seen or listed against the conditions of the jurisdiction profile, and raise trace alerts. Running a day again gives the same state.',
    )
    .option(
      '--date <YYYY-MM-DD>',
      'the day to classify, using only data as of that day, as DIRBS\'s --curr-date (default: today, with operator data as of the last day they cover, or as of today when the profile\'s analysisDate is "runDate")',
    )
    .addHelpText(
      'after',
      '\nThe conditions are modules.devices.conditions in the jurisdiction profile (docs/devices/staff-guide.md). A condition that would newly flag more than its maxNewShare of the IMEIs seen is refused and keeps its state, and the command fails naming each such condition; the others are applied (safetyLimitScope "run" refuses the whole run instead).',
    )
    .action((options: { date?: string }) => {
      const date = dateOf(options.date);
      return withPlatform(io, async (platform) => {
        const { createDevicesClassificationService } = await import('../devices.wiring.tsx');
        const started = performance.now();
        const { ClassificationRefused } = await import('./classification.service.ts');
        const report = (summary: ClassificationSummary) => {
          const seconds = (performance.now() - started) / 1000;
          io.out(
            `Classified ${summary.date} with operator data up to ${summary.dataDate}: ${summary.imeisSeen} IMEIs seen, ${summary.alerts} new trace alerts, in ${seconds.toFixed(1)} s (run ${summary.runId}).\n`,
          );
          for (const [name, counts] of Object.entries(summary.conditions))
            io.out(`  ${name}: ${counts.matched} matching, ${counts.newlyFlagged} new, ${counts.ended} ended\n`);
          if (summary.goldenExempted > 0) io.out(`  golden list: ${summary.goldenExempted} IMEIs kept out of blocking conditions\n`);
        };
        try {
          report(await createDevicesClassificationService(platform).classify(date === undefined ? {} : { date }));
        } catch (error) {
          // The conditions within their limits were applied: say what they did, then fail with the refusal, as DIRBS exits 1.
          if (error instanceof ClassificationRefused && error.applied !== null) report(error.applied);
          throw error;
        }
      });
    });

  devices
    .command('lists')
    .description(
      "Generate the national block list and each operator's notification and exception lists, full and as deltas against the previous generation, with a manifest.",
    )
    .requiredOption('--out <dir>', 'the folder to write the CSV files and manifest.json into (created if missing)')
    .option(
      '--date <YYYY-MM-DD>',
      'the day of the lists, also the end of the notification look-back (default: today, the look-back ending on the last day of operator data)',
    )
    .addHelpText('after', '\nThe formats are described in docs/formats/device-eir-lists.md. Run `kinga devices classify` first for the same day.')
    .action((options: { out: string; date?: string }) => {
      const date = dateOf(options.date);
      const dir = resolve(options.out);
      // Private like the files in it; a folder that exists is the administrator's and keeps its mode.
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      return withPlatform(io, async (platform) => {
        const { createDevicesListService } = await import('../devices.wiring.tsx');
        const { createLineTally } = await import('../lists/device-list.service.ts');
        const manifest = await createDevicesListService(platform).exportLists({
          ...(date === undefined ? {} : { date }),
          async write(name, lines) {
            const tally = createLineTally();
            // Notification lists hold IMSIs and MSISDNs: readable by the owner only, also when a
            // file of an earlier run is replaced (the mode given to open applies to new files only).
            const stream = createWriteStream(join(dir, name), { mode: PRIVATE_FILE });
            const [fd] = (await once(stream, 'open')) as [number];
            fchmodSync(fd, PRIVATE_FILE);
            for await (const line of lines) if (!stream.write(tally.add(line))) await once(stream, 'drain');
            stream.end();
            await once(stream, 'finish');
            return tally.result();
          },
        });
        writePrivateFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
        io.out(
          `Lists of ${manifest.listDate} written to ${dir} (run ${manifest.runId}${manifest.previousRunId ? `, deltas against ${manifest.previousRunId}` : ', first run: deltas hold every row'}):\n`,
        );
        for (const file of manifest.files) io.out(`  ${file.name}: ${file.rows} rows\n`);
      });
    });
}

const PRIVATE_FILE = 0o600;

/** Writes a whole file readable by its owner only, whatever the mode of a file it replaces. */
function writePrivateFile(path: string, text: string): void {
  const fd = openSync(path, 'w', PRIVATE_FILE);
  try {
    fchmodSync(fd, PRIVATE_FILE);
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
