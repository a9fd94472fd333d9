import type { Platform } from '../../../platform/platform.ts';
import type { OfferService } from '../catalogue/offer.service.ts';
import { resolveOfferSettings } from '../offers.settings.ts';
import { createOfferServiceFor, currentOffersOf } from '../offers.wiring.ts';
import { createOfferRepository } from '../catalogue/offer.repository.ts';
import { createAffordabilityRepository } from './affordability.repository.ts';
import { createAffordabilityService, type AffordabilityService } from './affordability.service.ts';
import { resolveAffordabilitySettings } from './affordability.settings.ts';

/**
 * Builds the affordability service over the platform. GNI per capita in a currency other than the
 * jurisdiction's or USD stops start-up here, since the settings check does not know the
 * jurisdiction's currency.
 */
export function createAffordabilityServiceFor(platform: Platform, offers: OfferService = createOfferServiceFor(platform)): AffordabilityService {
  const { jurisdiction } = platform.config;
  const block = jurisdiction.modules['offers'];
  const affordability = resolveAffordabilitySettings(block);
  const gni = affordability.gniPerCapita;
  if (gni && gni.currency !== jurisdiction.currency && gni.currency !== 'USD') {
    throw new Error(
      `/modules/offers/affordability/gniPerCapita/currency: must be ${jurisdiction.currency} (the jurisdiction's currency) or USD, not ${gni.currency}`,
    );
  }
  const db = platform.db.kysely;
  return createAffordabilityService({
    offers: createOfferRepository(db),
    publications: createAffordabilityRepository(db),
    clock: platform.clock,
    settings: resolveOfferSettings(block),
    affordability,
    currency: jurisdiction.currency,
    timeZone: jurisdiction.timeZone,
    // The offers service that the comparison uses, so that one cache serves both and an import through it is seen at once.
    currentOffers: currentOffersOf(offers),
  });
}
