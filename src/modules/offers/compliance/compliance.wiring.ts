import type { Platform } from '../../../platform/platform.ts';
import { createOfferRepository } from '../catalogue/offer.repository.ts';
import type { OfferService } from '../catalogue/offer.service.ts';
import { createOfferServiceFor, currentOffersOf } from '../offers.wiring.ts';
import { createComplianceService, type ComplianceService } from './compliance.service.ts';

/** Builds the compliance service over the platform, reading today's offers through the comparison's cache. */
export function createComplianceServiceFor(platform: Platform, offers: OfferService = createOfferServiceFor(platform)): ComplianceService {
  const settings = platform.settings.offers;
  return createComplianceService({
    offers: createOfferRepository(platform.db.kysely),
    audit: platform.audit,
    settings,
    compliance: settings.compliance,
    currentOffers: currentOffersOf(offers),
  });
}
