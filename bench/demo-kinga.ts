import pino from 'pino';
import { buildApp } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import { modules } from '../src/modules/index.ts';
import { closePlatform, createPlatform } from '../src/platform/create.ts';
import { seedDemo } from '../src/platform/demo.ts';
import type { App } from '../src/platform/module.ts';
import type { Platform } from '../src/platform/platform.ts';
import { listenOnLoopback } from './harness.ts';

/** What a benchmark adds to the demo: data after the demo's (`beforeApp`), routes of its own (`onApp`). */
export interface DemoKingaOptions {
  beforeApp?: (platform: Platform) => Promise<void>;
  onApp?: (app: App) => void;
}

/**
 * Kinga with every module over the demo data, as `npm start` runs it with `config`, listening on
 * loopback; `close()` stops the app and the platform.
 */
export async function startDemoKinga(config: Config, options: DemoKingaOptions = {}): Promise<{ url: string; close(): Promise<void> }> {
  // Request logs are written and thrown away: their cost is part of serving, their text is not wanted here.
  const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
  const platform = await createPlatform(config, modules, { logger });
  await seedDemo(platform, modules);
  await options.beforeApp?.(platform);
  const app = await buildApp(platform, modules);
  options.onApp?.(app);
  const url = await listenOnLoopback(app);
  return {
    url,
    async close() {
      await app.close();
      await closePlatform(platform);
    },
  };
}
