import { offersRecordKinds } from './offers.privacy.ts';
import { fileURLToPath } from 'node:url';
import type { KingaModule } from '../../platform/module.ts';
import * as offersMigration from './migrations/2026-11-29-20-offers.ts';
import { offersSettings } from './offers.settings.ts';
import { registerOffersCommands } from './catalogue/offer.cli.ts';
import { createOfferExportServiceFor, createOfferServiceFor, createOfferUploadServiceFor } from './offers.wiring.ts';
import { registerOfferRoutes } from './catalogue/offer.routes.tsx';
import { registerComparisonRoutes } from './comparison/comparison.routes.tsx';
import { registerSocialTariffRoutes } from './social-tariffs/social-tariffs.routes.tsx';
import { seedOfferDemo } from './demo/offers.demo.ts';
import * as roamingMigration from './migrations/2026-11-30-20-offers-03-roaming.ts';
import { seedRoamingDemo } from './demo/roaming.demo.ts';
import { registerRoamingRoutes } from './roaming/roaming.routes.tsx';
import { createRoamingServiceFor } from './roaming/roaming.wiring.ts';
import { createAffordabilityServiceFor } from './affordability/affordability.wiring.ts';
import { createComplianceServiceFor } from './compliance/compliance.wiring.ts';
import { registerAffordabilityRoutes } from './affordability/affordability.routes.tsx';
import { registerComplianceRoutes } from './compliance/compliance.routes.tsx';
import { registerOfferExportRoutes } from './catalogue/offer-export.routes.tsx';
import { COMPLIANCE_ROLES } from './compliance/compliance.policy.ts';
import * as subscriptionsMigration from './migrations/2026-11-30-20-offers-04-subscriptions.ts';
import * as versionPeriodsMigration from './migrations/2026-12-10-20-offers-05-version-periods.ts';
import * as subscriptionTextsMigration from './migrations/2026-12-22-20-offers-06-subscription-texts.ts';
import { createOfferSubscriptionServiceFor } from './subscriptions/offer-subscription.wiring.ts';
import { registerOfferSubscriptionRoutes } from './subscriptions/offer-subscription.routes.tsx';
import { registerOfferSummaryRoutes } from './summary/offer-summary.routes.tsx';
import { registerOfferUploadRoutes } from './catalogue/offer-upload.routes.tsx';
import { UPLOAD_ROLES } from './catalogue/offer-upload.policy.ts';
import { UPLOAD_PATH } from './catalogue/catalogue.paths.ts';
import { offersDatasets } from './catalogue/offers.datasets.ts';

export { createOfferServiceFor } from './offers.wiring.ts';
// The channels capability's STOP handler ends a number's subscriptions by text through it (`stopTexts`).
export { createOfferSubscriptionServiceFor } from './subscriptions/offer-subscription.wiring.ts';
export type { OfferService, ImportReport, Comparison } from './catalogue/offer.service.ts';
export type { OfferRecord } from './catalogue/offer-file.ts';
export type { UsageProfile } from './comparison/tariff-cost.ts';

/** Operators, the national offer file with every version kept, and the true-cost comparison. */
export const offersModule: KingaModule = {
  name: 'offers',
  assetsDir: fileURLToPath(new URL('./assets/', import.meta.url)),
  migrations: {
    '2026-11-29-20-offers': offersMigration,
    '2026-11-30-20-offers-03-roaming': roamingMigration,
    '2026-11-30-20-offers-04-subscriptions': subscriptionsMigration,
    '2026-12-10-20-offers-05-version-periods': versionPeriodsMigration,
    '2026-12-22-20-offers-06-subscription-texts': subscriptionTextsMigration,
  },
  settings: offersSettings,
  datasets: offersDatasets,
  nav: [
    { href: '/offers/compare', labelKey: 'offers.nav' },
    { href: '/offers/roaming', labelKey: 'offers.roaming.nav' },
    { href: '/offers/social-tariffs', labelKey: 'offers.social.nav' },
    { href: '/affordability', labelKey: 'offers.affordability.nav' },
  ],
  staffLinks: [
    { href: '/staff/offers/compliance', labelKey: 'offers.compliance.title', descriptionKey: 'offers.compliance.link', roles: COMPLIANCE_ROLES },
    // The operator portal's upload page.
    { href: UPLOAD_PATH, labelKey: 'offers.upload.title', descriptionKey: 'offers.upload.link', roles: UPLOAD_ROLES },
  ],
  routes: async (app, platform) => {
    const offers = createOfferServiceFor(platform);
    registerOfferRoutes(app, offers, platform);
    registerComparisonRoutes(app, offers);
    registerSocialTariffRoutes(app, offers);
    const roaming = createRoamingServiceFor(platform);
    registerRoamingRoutes(app, roaming, platform);
    const exports = createOfferExportServiceFor(platform, { offers });
    registerAffordabilityRoutes(app, createAffordabilityServiceFor(platform, offers));
    registerComplianceRoutes(app, createComplianceServiceFor(platform, offers), exports.licence);
    registerOfferExportRoutes(app, exports, roaming);
    registerOfferSummaryRoutes(app, offers, platform);
    registerOfferSubscriptionRoutes(app, {
      offers,
      subscriptions: createOfferSubscriptionServiceFor(platform),
      isCookieSecure: platform.config.session.isCookieSecure,
    });
    await registerOfferUploadRoutes(app, { offers, uploads: createOfferUploadServiceFor(platform, offers) });
  },
  commands: registerOffersCommands,
  recordKinds: offersRecordKinds,
  // Subscriptions' jobs: change notices and the clean-up of lapsed requests.
  jobs: (platform) => createOfferSubscriptionServiceFor(platform).registerJobs(),
  seedDemo: async (platform) => {
    await seedOfferDemo(platform);
    await seedRoamingDemo(platform);
  },
};
