import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { moduleCommands } from '../modules/commands.ts';
import { registerServeCommands } from './serve.cli.ts';
import { registerAuditCommands } from './audit.cli.ts';
import { registerDbCommands } from './db.cli.ts';
import { registerKeysCommands } from './keys.cli.ts';
import { registerUserCommands } from './users.cli.ts';
import { registerOperatorCommands } from '../platform/operators/operators.cli.ts';
import { defaultCommandIo } from './default-io.ts';

/**
 * Builds the `kinga` command with the platform's subcommands and each module's; `index.ts` runs
 * it, tests inspect it.
 */
export function buildCli(): Command {
  const program = new Command('kinga')
    .description('Kinga: protection and support for the users of telecom and ICT services.')
    .version(packageVersion(), '-V, --version', 'print the version of Kinga')
    .showHelpAfterError('(run with --help to see the usage)')
    .configureHelp({ sortSubcommands: true });
  registerServeCommands(program);
  registerAuditCommands(program);
  registerDbCommands(program);
  registerKeysCommands(program);
  registerUserCommands(program);
  const io = defaultCommandIo();
  registerOperatorCommands(program, io);
  for (const register of moduleCommands) register(program, io);
  return program;
}

/** The version in package.json, which releases set; read at run time, so it never goes stale. */
function packageVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const version = manifest !== null && typeof manifest === 'object' && 'version' in manifest ? manifest.version : undefined;
  return typeof version === 'string' ? version : 'unknown';
}
