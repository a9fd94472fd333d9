import type { KingaModule } from '../../platform/module.ts';
import * as offersMigration from './migrations/2026-11-29-20-offers.ts';
import { checkOfferSettings } from './offer-settings.ts';
import { createOfferServiceFor } from './offer-service-factory.ts';
import { registerOfferRoutes } from './offer.routes.tsx';
import { seedOfferDemo } from './offer-demo.ts';

export { createOfferServiceFor } from './offer-service-factory.ts';
export type { OfferService, ImportReport, Comparison } from './offer.service.ts';
export type { OfferRecord } from './offer-file.ts';
export type { UsageProfile } from './tariff-cost.ts';

/** Operators, the national offer file with every version kept, and the true-cost comparison. */
export const offersModule: KingaModule = {
  name: 'offers',
  migrations: { '2026-11-29-20-offers': offersMigration },
  checkSettings: checkOfferSettings,
  nav: [{ href: '/offers/compare', labelKey: 'offers.nav' }],
  routes: (app, platform) => registerOfferRoutes(app, createOfferServiceFor(platform), platform),
  seedDemo: seedOfferDemo,
};
