import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestDatabase } from '../../../../test/helpers/db.ts';
import { createTestPlatform, type TestClock } from '../../../../test/helpers/platform.ts';
import { buildApp } from '../../../app.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createOfferServiceFor, offersModule } from '../../offers/index.ts';
import { devicesModule } from '../../devices/index.ts';
import { complaintsModule } from '../../complaints/index.ts';
import { scamsModule } from '../../scams/index.ts';
import { channelsModule } from '../index.ts';

/** The modules a channels test runs: the services the menus reach (scam reports go to the scams module), and the offers module for the operator register. */
export const CHANNELS_TEST_MODULES = [offersModule, devicesModule, complaintsModule, scamsModule, channelsModule];

const DEMO_PROFILE = new URL('../../../../jurisdictions/demo.json', import.meta.url);

/** A copy of the demo profile whose `modules.channels` is `channels`, as a file to name in KINGA_JURISDICTION. */
export function profileWithChannels(channels: Record<string, unknown>): string {
  const profile = JSON.parse(readFileSync(DEMO_PROFILE, 'utf8')) as { modules: Record<string, unknown> };
  profile.modules = { ...profile.modules, channels };
  const file = join(mkdtempSync(join(tmpdir(), 'kinga-channels-profile-')), 'profile.json');
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

/** A platform over a fresh database with the demo's TAC database and reports and an operator, and its app. */
export async function createChannelsTestApp(
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<{ platform: Platform & { clock: TestClock }; app: App }> {
  const platform = await createTestPlatform(await database.fresh(), { modules: CHANNELS_TEST_MODULES, env });
  await devicesModule.seedDemo?.(platform);
  await createOfferServiceFor(platform).addOperator({ type: 'system', id: null }, 'OP-T-1', 'Test Savanna');
  return { platform, app: await buildApp(platform, CHANNELS_TEST_MODULES) };
}
