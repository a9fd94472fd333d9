import { readFileSync, statSync } from 'node:fs';
import { AppError, type FieldProblem } from '../http/errors.ts';
import type { Platform } from '../platform.ts';
import { CliFailure } from './run.ts';

/**
 * Where a command writes and how it reaches the platform: `src/cli` gives each command the
 * process's io (`defaultCommandIo`), tests give theirs.
 */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  openPlatform(): Promise<Platform>;
  closePlatform(platform: Platform): Promise<void>;
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
