import { readFileSync } from 'node:fs';
import type { Config } from '../config.ts';
import { AppError, type FieldProblem } from '../platform/http/errors.ts';
import type { Platform } from '../platform/platform.ts';
import { CliFailure } from './run.ts';

// The configuration, the platform and the modules are imported when a command runs, not here,
// so that `kinga --help` neither parses the jurisdiction profile nor loads the database drivers.

/** Where a command writes and how it reaches the platform; tests replace it. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  openPlatform(): Promise<Platform>;
  closePlatform(platform: Platform): Promise<void>;
}

/** Loads the configuration for a command that is running. */
export async function loadCommandConfig(): Promise<Config> {
  const { loadConfig } = await import('../config.ts');
  return loadConfig();
}

/** The io of a real run: the process's stdout and stderr, and the platform of the configuration with every module. */
export function defaultCommandIo(): CommandIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    async openPlatform() {
      const { createPlatform } = await import('../platform/create.ts');
      const { modules } = await import('../modules/index.ts');
      return createPlatform(await loadCommandConfig(), modules);
    },
    async closePlatform(platform) {
      const { closePlatform } = await import('../platform/create.ts');
      await closePlatform(platform);
    },
  };
}

/**
 * Opens the platform, runs `work` on it and closes it again, also when the work fails; an
 * {@link AppError} the work throws comes out as a {@link CliFailure} (see {@link cliFailureOf}).
 */
export async function withPlatform<T>(io: CommandIo, work: (platform: Platform) => Promise<T>): Promise<T> {
  const platform = await io.openPlatform();
  try {
    return await work(platform);
  } catch (error) {
    throw cliFailureOf(io, error);
  } finally {
    await io.closePlatform(platform);
  }
}

/**
 * The error a command ends with for `error`: an {@link AppError} becomes a {@link CliFailure}
 * with its message and code, after each of its problems (every rejected line of a file) is
 * printed on stderr; anything else is returned as it is.
 */
export function cliFailureOf(io: Pick<CommandIo, 'err'>, error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  for (const problem of error.problems) io.err(`${describeProblem(problem)}\n`);
  return new CliFailure(`${error.message} (${error.code})`);
}

/** One problem as a line of output: `line 3, tac: ...`, or `field: ...` when it has no line. */
export function describeProblem(problem: FieldProblem): string {
  return `${problem.line === undefined ? '' : `line ${problem.line}, `}${problem.field}: ${problem.message}`;
}

/** Reads a CSV or JSON file a command imports: JSON when its name ends in `.json`, CSV otherwise. */
export function readImportFile(file: string): { text: string; format: 'csv' | 'json' } {
  try {
    return { text: readFileSync(file, 'utf8'), format: file.toLowerCase().endsWith('.json') ? 'json' : 'csv' };
  } catch (error) {
    throw new CliFailure(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
