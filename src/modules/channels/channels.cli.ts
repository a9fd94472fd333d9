import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { withPlatform, type CommandIo } from '../../platform/cli/command-io.ts';
import { CliFailure } from '../../platform/cli/run.ts';

/** Registers `kinga sms ...`, the commands of the channels module. */
export function registerChannelsCommands(program: Command, io: CommandIo): void {
  const sms = program.command('sms').description('Texts to and from feature phones over the operators’ SMS centres.');

  sms
    .command('porting')
    .description(
      'Replace the porting table with a CSV file of number,route (docs/formats/sms-porting.md): a text to a listed number leaves by its route, whatever its prefix. All or nothing: any bad line and nothing changes.',
    )
    .argument('<file>', 'the CSV file, such as porting-2026-12.csv')
    .option('--allow-empty', 'accept a file with a header and no numbers, which empties the porting table')
    .addHelpText('after', '\nEvery bad line is listed with its line number and field. Numbers are stored only as keyed hashes.')
    .action((file: string, options: { allowEmpty?: boolean }) => {
      if (!existsSync(file) || !statSync(file).isFile()) throw new CliFailure(`There is no file at ${file}.`);
      return withPlatform(io, async (platform) => {
        const { importPortingFile } = await import('./sms/porting-import.service.ts');
        const { createSmsOutboxRepository } = await import('../../platform/sms/index.ts');
        const repository = createSmsOutboxRepository(platform.db.kysely);
        const routes = platform.settings.channels.sms.routes.map((route) => route.name);
        if (routes.length === 0)
          throw new CliFailure('The profile declares no SMS route (modules.channels.sms.routes); a porting table would have nowhere to send.');
        const stream = createReadStream(file);
        try {
          const result = await importPortingFile(
            {
              replacePorting: (entries, now, also) => repository.replacePorting(entries, now, also),
              hashNumber: (e164) => platform.sms.hashNumber(e164),
              audit: platform.audit,
              clock: platform.clock,
            },
            {
              stream,
              fileName: basename(file),
              bytes: statSync(file).size,
              country: platform.config.jurisdiction.country,
              routes,
              actor: { type: 'system', id: null },
              allowEmpty: options.allowEmpty === true,
              onProgress: (lines) => io.err(`sms porting: ${lines} lines read\n`),
            },
          );
          const perRoute = result.byRoute.map((r) => `${r.route} ${r.numbers}`).join(', ');
          io.out(`The porting table now holds ${result.numbers} number(s) from ${result.fileName} (${perRoute}).\n`);
        } finally {
          stream.destroy();
        }
      });
    });
}
