// A Kinga process serving only the speed test (`kinga serve --only speedtest`), for the quality
// bench: it prints its port as one JSON line and stops on SIGTERM. Its memory is measured from
// outside, so that the load clients do not count in it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { closePlatform, createPlatform } from '../src/platform/create.ts';
import { modules } from '../src/modules/index.ts';
import { buildServiceApp } from '../src/service-app.ts';
import { REPO_ROOT } from './harness.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: ndt7-server-process.ts <data-dir>');
// One address runs every test here: the limits are raised in a copy of the demo profile.
const profile = JSON.parse(readFileSync(join(REPO_ROOT, 'jurisdictions/demo.json'), 'utf8')) as { modules: Record<string, Record<string, unknown>> };
profile.modules['quality'] = { ...profile.modules['quality'], maxConcurrentTests: 200, testsPerAddressPerMinute: 10_000 };
const profileFile = join(dir, 'profile.json');
writeFileSync(profileFile, JSON.stringify(profile));
const config = loadConfig({ KINGA_DATA_DIR: dir, LOG_LEVEL: 'silent', KINGA_JURISDICTION: profileFile, KINGA_WORKER: 'false' }, REPO_ROOT);
const platform = await createPlatform(config, modules, { logger: pino({ level: 'silent' }) });
const app = await buildServiceApp(platform, modules, 'speedtest');
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => closePlatform(platform))
    .then(() => process.exit(0));
});
