import { Command } from 'commander';
import type { CommandIo } from '../../src/platform/cli/command-io.ts';
import type { Platform } from '../../src/platform/platform.ts';

/** Runs `kinga` subcommands inside the test process and keeps what they print. */
export interface CommandRunner {
  /** Runs `kinga <args>`; resolves with what it printed on stdout, rejects with the error it ends with. */
  run(...args: string[]): Promise<string>;
  /** What the last run printed on stdout and stderr, also when it failed. */
  readonly printed: { readonly out: string; readonly err: string };
}

/**
 * A runner for the commands `register` adds, working on `platform`: one the test opened over a
 * test database, so every run sees the rows of the runs before and none of them closes it.
 */
export function createCommandRunner(platform: Platform, register: (program: Command, io: CommandIo) => void): CommandRunner {
  const printed = { out: '', err: '' };
  const io: CommandIo = {
    out: (text) => void (printed.out += text),
    err: (text) => void (printed.err += text),
    openPlatform: async () => platform,
    closePlatform: async () => undefined,
  };
  return {
    printed,
    async run(...args) {
      printed.out = '';
      printed.err = '';
      const program = new Command('kinga').exitOverride();
      register(program, io);
      await program.parseAsync(args, { from: 'user' });
      return printed.out;
    },
  };
}
