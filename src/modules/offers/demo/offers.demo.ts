import { readFileSync } from 'node:fs';
import type { Platform } from '../../../platform/platform.ts';
import { createOfferServiceFor } from '../offers.wiring.ts';

/** The fictional operators of the demo; OP-DEMO-1 is the one the demo operator agent acts for. */
export const DEMO_OPERATORS: readonly { id: string; name: string }[] = [
  { id: 'OP-DEMO-1', name: 'Savanna Mobile' },
  { id: 'OP-DEMO-2', name: 'Baobab Telecom' },
  { id: 'OP-DEMO-3', name: 'Kilima Networks' },
  { id: 'OP-DEMO-4', name: 'Pwani Mobile' },
];

/** The demo's offer file: fictional KES offers, imported through the same validator as any file. */
export const DEMO_OFFERS_CSV = new URL('./demo-offers.csv', import.meta.url);

const DAY_MS = 86_400_000;
/** How long before the demo starts its first offer file was published: past the default freshness limit. */
const FIRST_PUBLICATION_DAYS_AGO = 21;

/**
 * Loads the demo operators and offers once. The whole file is first published three weeks ago
 * (with an older price for one plan), then operators 1 to 3 publish again today: so the demo
 * shows a price change with two versions, confirmed offers, and one operator whose offers are stale.
 */
export async function seedOfferDemo(platform: Platform): Promise<void> {
  const system = { type: 'system', id: null } as const;
  const now = createOfferServiceFor(platform);
  const existing = new Set((await now.listOperators()).map((o) => o.licence_id));
  for (const operator of DEMO_OPERATORS) if (!existing.has(operator.id)) await now.addOperator(system, operator.id, operator.name);
  if ((await now.countOffers()) > 0) return;

  const text = readFileSync(DEMO_OFFERS_CSV, 'utf8');
  const past = createOfferServiceFor(platform, { now: () => new Date(platform.clock.now().getTime() - FIRST_PUBLICATION_DAYS_AGO * DAY_MS) });
  const olderPrices = text.replace(/^(M9900000001SVM10GB300[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,)1000,/m, '$11100,');
  await past.importOffers({ text: olderPrices, format: 'csv', isLenient: false, source: 'demo', actor: system });
  const [header = '', ...lines] = text.split(/\r?\n/);
  const republished = [header, ...lines.filter((line) => line !== '' && !line.includes(',OP-DEMO-4,'))].join('\r\n');
  await now.importOffers({ text: republished, format: 'csv', isLenient: false, source: 'demo', actor: system });
}
