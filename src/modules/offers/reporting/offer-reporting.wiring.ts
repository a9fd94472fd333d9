import type { Platform } from '../../../platform/platform.ts';
import { createOfferReportingRepository } from './offer-reporting.repository.ts';
import { createOfferReportingService, type OfferReportingService } from './offer-reporting.service.ts';
import { resolveOfferReportingSettings } from './offer-reporting.settings.ts';
import { resolveOfferSettings } from '../offers.settings.ts';
import { createOfferRepository } from '../catalogue/offer.repository.ts';
import type { OfferService } from '../catalogue/offer.service.ts';
import { createOfferServiceFor } from '../offers.wiring.ts';

/**
 * Builds the affordability, compliance and export service over the platform. GNI per capita in a
 * currency other than the jurisdiction's or USD stops start-up here, since the settings check
 * does not know the jurisdiction's currency.
 */
export function createOfferReportingServiceFor(platform: Platform, options: { historyPageSize?: number; offers?: OfferService } = {}): OfferReportingService {
  const { jurisdiction } = platform.config;
  const block = jurisdiction.modules['offers'];
  const reportingSettings = resolveOfferReportingSettings(block);
  const gni = reportingSettings.affordability.gniPerCapita;
  if (gni && gni.currency !== jurisdiction.currency && gni.currency !== 'USD') {
    throw new Error(`/modules/offers/affordability/gniPerCapita/currency: must be ${jurisdiction.currency} (the jurisdiction's currency) or USD, not ${gni.currency}`);
  }
  const db = platform.db.kysely;
  const { offers = createOfferServiceFor(platform), ...rest } = options;
  return createOfferReportingService({
    offers: createOfferRepository(db),
    reporting: createOfferReportingRepository(db),
    audit: platform.audit,
    clock: platform.clock,
    settings: resolveOfferSettings(block),
    reportingSettings,
    currency: jurisdiction.currency,
    timeZone: jurisdiction.timeZone,
    // The offers service that the comparison uses, so that one cache serves both and an import through it is seen at once.
    currentOffers: async () => {
      const current = await offers.offersInEffect();
      return { onDate: current.onDate, offers: current.offers, operators: current.licensed };
    },
    ...rest,
  });
}
