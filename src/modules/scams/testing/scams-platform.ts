import type { TestDatabase } from '../../../../test/helpers/db.ts';
import { createTestPlatform, type TestClock } from '../../../../test/helpers/platform.ts';
import { buildApp } from '../../../app.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createOfferServiceFor, offersModule } from '../../offers/index.ts';
import { scamsModule } from '../index.ts';

/** The modules a scams test runs: the offers module for the operator register, and scams. */
export const SCAMS_TEST_MODULES = [offersModule, scamsModule];

/** The demo's fictional operators a scams test registers. */
export const SCAMS_TEST_OPERATORS = [
  { id: 'OP-DEMO-1', name: 'Savanna Mobile' },
  { id: 'OP-DEMO-2', name: 'Baobab Telecom' },
  { id: 'OP-DEMO-3', name: 'Kilima Networks' },
] as const;

/** A platform over a fresh database with the demo profile and its operators, and its app. */
export async function createScamsTestApp(
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<{ platform: Platform & { clock: TestClock }; app: App }> {
  const platform = await createTestPlatform(await database.fresh(), { modules: SCAMS_TEST_MODULES, env });
  const offers = createOfferServiceFor(platform);
  for (const operator of SCAMS_TEST_OPERATORS) await offers.addOperator({ type: 'system', id: null }, operator.id, operator.name);
  return { platform, app: await buildApp(platform, SCAMS_TEST_MODULES) };
}
