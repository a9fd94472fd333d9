import type { Config } from '../config.ts';
import type { CommandIo } from '../platform/cli/command-io.ts';

// The configuration, the platform and the modules are imported when a command runs, not here,
// so that `kinga --help` neither parses the jurisdiction profile nor loads the database drivers.

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
