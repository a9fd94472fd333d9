import type { TestDatabase } from '../../../../test/helpers/db.ts';
import { createTestPlatform, type TestClock } from '../../../../test/helpers/platform.ts';
import { buildApp } from '../../../app.ts';
import type { App } from '../../../platform/module.ts';
import type { Mailer } from '../../../platform/notify/index.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createOfferServiceFor, offersModule } from '../../offers/index.ts';
import { complaintsModule } from '../index.ts';

/** The modules of a complaints test: the offers module keeps the register of the operators a complaint names. */
export const COMPLAINTS_TEST_MODULES = [offersModule, complaintsModule];

/** A mailer that sends nothing, for tests that do not read the e-mails (the service tests send through a real SMTP server). */
export const SILENT_MAILER: Mailer = { send: async () => undefined, close: async () => undefined };

/**
 * A platform over a fresh `database` with the complaints module, e-mail going nowhere and
 * `operators` (licence id to name) in the register, and its app.
 */
export async function createComplaintsTestApp(
  database: TestDatabase,
  operators: Record<string, string>,
): Promise<{ platform: Platform & { clock: TestClock }; app: App }> {
  const platform = await createTestPlatform(await database.fresh(), { modules: COMPLAINTS_TEST_MODULES, mailer: SILENT_MAILER });
  const offers = createOfferServiceFor(platform);
  for (const [licenceId, name] of Object.entries(operators)) await offers.addOperator({ type: 'system', id: null }, licenceId, name);
  return { platform, app: await buildApp(platform, COMPLAINTS_TEST_MODULES) };
}
