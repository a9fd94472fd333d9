import type { Command } from 'commander';
import { withPlatform, type CommandIo } from '../cli/command-io.ts';

const SYSTEM = { type: 'system', id: null } as const;

/** Registers `kinga operators add`, a platform command (`src/cli/program.ts`). */
export function registerOperatorCommands(program: Command, io: CommandIo): void {
  const operators = program.command('operators').description('Manage the licensed operators whose offers Kinga publishes.');
  operators
    .command('add')
    .description('Add a licensed operator; its licence id is what offer files and API tokens name.')
    .argument('<licence-id>', "the operator's licence id, such as OP-0001")
    .requiredOption('--name <name>', 'the name consumers know the operator by')
    .action((licenceId: string, options: { name: string }) =>
      withPlatform(io, async (platform) => {
        const { operatorRegisterOf } = await import('./operator-register.ts');
        const row = await operatorRegisterOf(platform).add(SYSTEM, licenceId, options.name);
        io.out(`Added operator ${row.licence_id} (${row.name}).\n`);
      }),
    );
}
