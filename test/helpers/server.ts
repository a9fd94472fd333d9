import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/app.ts';
import { closePlatform, createPlatform } from '../../src/platform/create.ts';
import { seedDemo } from '../../src/platform/demo.ts';
import { modules as installedModules } from '../../src/modules/index.ts';
import type { KingaModule } from '../../src/platform/module.ts';
import type { Platform } from '../../src/platform/platform.ts';

/** The repository root, so the demo profile and the locales resolve whatever the working directory. */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /** Extra environment variables, as `.env.example` documents them; they win over the defaults here. */
  env?: Record<string, string>;
  /** The modules to mount; every installed module by default. */
  modules?: readonly KingaModule[];
  /** Loads the demo accounts and data before listening (default true), as `kinga serve --demo` does. */
  isDemo?: boolean;
}

/** A running Kinga server for one test file. */
export interface TestServer {
  /** The base URL, such as `http://127.0.0.1:41234`, without a trailing slash. */
  url: string;
  /** The platform behind the server, for tests that inspect the database or the clock. */
  platform: Platform;
  /** The folder the demo mailer writes `.eml` files to when no SMTP_URL is set. */
  outboxDir: string;
  /** Stops listening, closes the database and deletes the temporary folder. */
  close(): Promise<void>;
}

/**
 * Starts a real Kinga server on 127.0.0.1 on a free port, over a fresh SQLite file in a temporary
 * folder, with the demo profile, generated keys, quiet logs and no job worker. Secure cookies stay
 * on (as in production): browsers treat http://127.0.0.1 as a secure context and keep them.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kinga-e2e-'));
  const modules = options.modules ?? installedModules;
  let platform: Platform | undefined;
  try {
    const config = loadConfig(
      {
        HOST: '127.0.0.1',
        PORT: '0',
        KINGA_DATA_DIR: dataDir,
        DATABASE_URL: `sqlite:${join(dataDir, 'kinga.db')}`,
        LOG_LEVEL: 'silent',
        KINGA_WORKER: 'false',
        COOKIE_SECURE: 'true',
        ...options.env,
      },
      REPO_ROOT,
    );
    platform = await createPlatform(config, modules);
    if (options.isDemo ?? true) await seedDemo(platform, modules);
    const app = await buildApp(platform, modules);
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('The test server has no TCP address.');
    const started = platform;
    let closing: Promise<void> | undefined;
    return {
      url: `http://127.0.0.1:${address.port}`,
      platform: started,
      outboxDir: join(dataDir, 'outbox'),
      close() {
        closing ??= app
          .close()
          .then(() => closePlatform(started))
          .finally(() => rmSync(dataDir, { recursive: true, force: true }));
        return closing;
      },
    };
  } catch (error) {
    if (platform) await closePlatform(platform).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
