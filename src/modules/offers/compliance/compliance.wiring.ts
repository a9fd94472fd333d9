import type { Platform } from '../../../platform/platform.ts';
import { createOfferRepository } from '../catalogue/offer.repository.ts';
import type { OfferService } from '../catalogue/offer.service.ts';
import { resolveOfferSettings } from '../offers.settings.ts';
import { createOfferServiceFor, currentOffersOf } from '../offers.wiring.ts';
import { createComplianceService, type ComplianceService } from './compliance.service.ts';
import { resolveComplianceSettings } from './compliance.settings.ts';

/** Builds the compliance service over the platform, reading today's offers through the comparison's cache. */
export function createComplianceServiceFor(platform: Platform, offers: OfferService = createOfferServiceFor(platform)): ComplianceService {
  const block = platform.config.jurisdiction.modules['offers'];
  return createComplianceService({
    offers: createOfferRepository(platform.db.kysely),
    audit: platform.audit,
    settings: resolveOfferSettings(block),
    compliance: resolveComplianceSettings(block),
    currentOffers: currentOffersOf(offers),
  });
}
