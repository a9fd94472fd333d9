import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { DatabaseUnavailableError, MigrationError } from '../platform/db/index.ts';
import { KeyError } from '../platform/crypto/index.ts';
import { JurisdictionError } from '../platform/jurisdiction.ts';
import { registerServeCommands } from './serve.cli.ts';

/** Failures that are the operator's to fix: one clear message, no stack trace. */
const EXPECTED_FAILURES = [ConfigError, DatabaseUnavailableError, MigrationError, KeyError, JurisdictionError];

/** Builds the `kinga` command with every subcommand. */
export function buildCli(): Command {
  const program = new Command('kinga')
    .description('Kinga: protection and support for the users of telecom and ICT services.')
    .showHelpAfterError('(run with --help to see the usage)')
    .configureHelp({ sortSubcommands: true });
  registerServeCommands(program);
  return program;
}

/** Runs a subcommand's work, turning expected failures into one sentence and exit status 1. */
export async function run(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (EXPECTED_FAILURES.some((kind) => error instanceof kind)) {
      process.stderr.write(`kinga: ${(error as Error).message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Loads the configuration once for a subcommand. */
export const config = () => loadConfig();

try {
  await buildCli().parseAsync(process.argv);
} catch (error) {
  if (EXPECTED_FAILURES.some((kind) => error instanceof kind)) {
    process.stderr.write(`kinga: ${(error as Error).message}\n`);
    process.exit(1);
  }
  throw error;
}
