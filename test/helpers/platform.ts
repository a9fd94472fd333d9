import pino from 'pino';
import { loadConfig, type Config } from '../../src/config.ts';
import { createPlatform, type PlatformOverrides } from '../../src/platform/create.ts';
import { createKeyring, generateKeyMaterial } from '../../src/platform/crypto/index.ts';
import type { Clock } from '../../src/platform/clock.ts';
import type { Db } from '../../src/platform/db/index.ts';
import type { KingaModule } from '../../src/platform/module.ts';
import type { Platform } from '../../src/platform/platform.ts';
import { createTempDir } from './temp-dir.ts';
import { moduleSettings } from '../../src/modules/settings.ts';

/** A clock tests can move. */
export interface TestClock extends Clock {
  set(at: Date | string): void;
  advance(milliseconds: number): void;
}

/** A clock frozen at `start` until the test moves it. */
export function createTestClock(start: Date | string = '2026-12-01T09:00:00Z'): TestClock {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    set: (value) => {
      at = new Date(value).getTime();
    },
    advance: (ms) => {
      at += ms;
    },
  };
}

/**
 * Configuration for tests: a temporary data folder (deleted when the test process exits), the
 * demo profile, quiet logs; `env` overrides.
 */
export function createTestConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ KINGA_DATA_DIR: createTempDir('test'), LOG_LEVEL: 'silent', DATABASE_URL: 'sqlite::memory:', KINGA_WORKER: 'false', ...env });
}

/**
 * A platform over an already opened test database (see `openTestDatabases`), with fresh keys,
 * a movable clock and silent logs. The mail outbox is a temporary folder unless SMTP_URL is given.
 */
export async function createTestPlatform(
  db: Db,
  options: { modules?: readonly KingaModule[]; env?: Record<string, string>; clock?: TestClock } & PlatformOverrides = {},
): Promise<Platform & { clock: TestClock }> {
  const clock = options.clock ?? createTestClock();
  const platform = await createPlatform(createTestConfig(options.env), options.modules ?? [], {
    keyring: createKeyring(generateKeyMaterial()),
    logger: pino({ level: 'silent' }),
    // Every module's settings, so that a test builds one module's services on a bare platform.
    settings: moduleSettings,
    ...options,
    db,
    clock,
  });
  return { ...platform, clock };
}
