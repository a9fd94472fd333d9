import type { App } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import { createOfferRepository } from './catalogue/offer.repository.ts';
import type { OfferService } from './catalogue/offer.service.ts';
import { createOfferSubscriptionRepository } from './subscriptions/offer-subscription.repository.ts';
import { createOfferSubscriptionService, type OfferSubscriptionService } from './subscriptions/offer-subscription.service.ts';
import { resolveSubscriptionSettings } from './subscriptions/offer-subscription.settings.ts';
import { registerOfferSubscriptionRoutes } from './subscriptions/offer-subscription.routes.tsx';
import { registerOfferSummaryRoutes } from './summary/offer-summary.routes.tsx';
import { createOfferUploadService } from './catalogue/offer-upload.service.ts';
import { registerOfferUploadRoutes } from './catalogue/offer-upload.routes.tsx';
import { UPLOAD_ROLES } from './catalogue/offer-upload.policy.ts';
import { UPLOAD_PATH } from './catalogue/offer-upload.views.tsx';
import type { ModuleStaffLink } from '../../platform/module.ts';

export { enqueueOfferChangeNotices } from './subscriptions/offer-subscription.service.ts';

/** The operator portal's links on the staff dashboard. */
export const OFFER_PORTAL_STAFF_LINKS: ModuleStaffLink[] = [
  { href: UPLOAD_PATH, labelKey: 'offers.upload.title', descriptionKey: 'offers.upload.link', roles: UPLOAD_ROLES },
];

/** The offer subscription service over the platform's database, keys, queue and catalogues. */
export function createOfferSubscriptionServiceFor(platform: Platform): OfferSubscriptionService {
  const { config, catalogs } = platform;
  return createOfferSubscriptionService({
    repository: createOfferSubscriptionRepository(platform.db.kysely),
    keyring: platform.keyring,
    clock: platform.clock,
    ids: platform.ids,
    jobs: platform.jobs,
    logger: platform.logger,
    sendLimits: platform.sendLimits,
    translator: (language) => catalogs.translator(language),
    languages: config.jurisdiction.languages.filter((l) => catalogs.languages.includes(l)),
    timeZone: config.jurisdiction.timeZone,
    publicUrl: config.publicUrl,
    settings: resolveSubscriptionSettings(config.jurisdiction.modules['offers']),
  });
}

/** Registers the upload form, the contract summaries and the subscription pages. */
export async function registerOfferPortalRoutes(app: App, platform: Platform, offers: OfferService): Promise<void> {
  registerOfferSummaryRoutes(app, offers, platform);
  registerOfferSubscriptionRoutes(app, { offers, subscriptions: createOfferSubscriptionServiceFor(platform) });
  await registerOfferUploadRoutes(app, { offers, uploads: createOfferUploadService({ offers, repository: createOfferRepository(platform.db.kysely), audit: platform.audit }) });
}

/** Registers the jobs of offer subscriptions: change notices and the clean-up of lapsed requests. */
export function registerOfferPortalJobs(platform: Platform): void {
  createOfferSubscriptionServiceFor(platform).registerJobs();
}
