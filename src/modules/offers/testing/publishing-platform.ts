import type { TestDatabase } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { createOfferServiceFor, offersModule } from '../index.ts';
import { offerCsv, planId } from './offer-rows.ts';

const SYSTEM = { type: 'system', id: null } as const;

/** A day in milliseconds, to move the test clock. */
export const DAY = 86_400_000;
/** Two plan ids the tests publish: A of OP-T1, B usually of OP-T2. */
export const PLAN_A = planId('M', 1, 'A');
export const PLAN_B = planId('M', 2, 'B');

/**
 * A platform over a fresh database with three operators (OP-T1, OP-T2 and OP-T3), its offers
 * service, and `publish`, which imports offer rows as the command line does.
 */
export async function createPublishingPlatform(database: TestDatabase) {
  const platform = await createTestPlatform(await database.fresh(), { modules: [offersModule] });
  const offers = createOfferServiceFor(platform);
  for (const [id, name] of [
    ['OP-T1', 'Test Mobile'],
    ['OP-T2', 'Other Mobile'],
    ['OP-T3', 'Quiet Mobile'],
  ] as const) {
    await offers.addOperator(SYSTEM, id, name);
  }
  const publish = (rows: Record<string, string>[]) =>
    offers.importOffers({ text: offerCsv(rows), format: 'csv', isLenient: false, source: 'cli', actor: SYSTEM });
  return { platform, offers, publish };
}
