import { servicesOf, type Platform } from '../../../platform/platform.ts';
import { createOfferSubscriptionRepository } from './offer-subscription.repository.ts';
import { createOfferSubscriptionService, type OfferSubscriptionService } from './offer-subscription.service.ts';

/** The offer subscription service over the platform's database, keys, queue and catalogues. */
export function createOfferSubscriptionServiceFor(platform: Platform): OfferSubscriptionService {
  const { config, catalogs } = platform;
  return createOfferSubscriptionService({
    repository: createOfferSubscriptionRepository(platform.db.kysely),
    ...servicesOf(platform, 'keyring', 'clock', 'ids', 'jobs', 'logger', 'sendLimits'),
    translator: (language) => catalogs.translator(language),
    languages: config.jurisdiction.languages.filter((l) => catalogs.languages.includes(l)),
    timeZone: config.jurisdiction.timeZone,
    publicUrl: config.publicUrl,
    sms: platform.sms,
    country: config.jurisdiction.country,
    settings: platform.settings.offers.subscriptions,
  });
}
