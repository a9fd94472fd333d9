import type { Platform } from '../../../platform/platform.ts';
import type { OfferService } from '../catalogue/offer.service.ts';
import { createOfferServiceFor, currentOffersOf } from '../offers.wiring.ts';
import { createOfferRepository } from '../catalogue/offer.repository.ts';
import { createAffordabilityRepository } from './affordability.repository.ts';
import { createAffordabilityService, type AffordabilityService } from './affordability.service.ts';

/**
 * Builds the affordability service over the platform. GNI per capita in a currency other than the
 * jurisdiction's or USD stops start-up here, since the settings check does not know the
 * jurisdiction's currency.
 */
export function createAffordabilityServiceFor(platform: Platform, offers: OfferService = createOfferServiceFor(platform)): AffordabilityService {
  const { jurisdiction } = platform.config;
  const settings = platform.settings.offers;
  const { affordability } = settings;
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
    settings,
    affordability,
    currency: jurisdiction.currency,
    timeZone: jurisdiction.timeZone,
    // The offers service that the comparison uses, so that one cache serves both and an import through it is seen at once.
    currentOffers: currentOffersOf(offers),
  });
}
