import { readFileSync } from 'node:fs';
import type { Platform } from '../../../platform/platform.ts';
import { createOfferServiceFor } from '../offers.wiring.ts';
import { createRoamingServiceFor } from '../roaming/roaming.wiring.ts';

/** The demo's roaming rates: fictional KES rates of the demo operators' mobile plans. */
export const DEMO_ROAMING_CSV = new URL('./demo-roaming.csv', import.meta.url);

/**
 * Loads the demo roaming rates once, after the demo offers (a rate names a published plan):
 * neighbouring countries, the East African Community zone, Europe and the rest of the world,
 * with pay-as-you-go rates, daily passes, bundles and a fair-use limit.
 */
export async function seedRoamingDemo(platform: Platform): Promise<void> {
  const roaming = createRoamingServiceFor(platform);
  if ((await roaming.countRates()) > 0) return;
  if ((await createOfferServiceFor(platform).countOffers()) === 0) return;
  const text = readFileSync(DEMO_ROAMING_CSV, 'utf8');
  await roaming.importRates({ text, format: 'csv', source: 'demo', actor: { type: 'system', id: null } });
}
