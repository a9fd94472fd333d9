import { readFileSync, statSync } from 'node:fs';
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

/** The largest file a command may read, in megabytes, and the profile setting that says so (for the message). */
export interface ImportFileLimit {
  megabytes: number;
  setting: string;
}

/**
 * Reads a CSV or JSON file a command imports: JSON when its name ends in `.json`, CSV otherwise.
 * With a `limit`, a larger file is refused before it is read, as an upload of it would be.
 */
export function readImportFile(file: string, limit?: ImportFileLimit): { text: string; format: 'csv' | 'json' } {
  let text: string;
  try {
    const bytes = limit === undefined ? 0 : statSync(file).size;
    if (limit !== undefined && bytes > limit.megabytes * 1_048_576) {
      throw new CliFailure(
        `${file} is ${(Math.ceil((bytes / 1_048_576) * 10) / 10).toFixed(1)} MB; ${limit.setting} allows ${limit.megabytes} MB. Split the file, or raise the limit in the jurisdiction profile.`,
      );
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    throw new CliFailure(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { text, format: file.toLowerCase().endsWith('.json') ? 'json' : 'csv' };
}
