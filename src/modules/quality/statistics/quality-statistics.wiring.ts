import { servicesOf, type Platform } from '../../../platform/platform.ts';
import { createOfferServiceFor } from '../../offers/index.ts';
import { createQualityAggregationRepository } from './quality-aggregation.repository.ts';
import { createQualityStatisticsService, type AdvertisedOffer, type QualityStatisticsAdminService } from './quality-aggregation.service.ts';
import { TECHNOLOGIES } from '../quality.settings.ts';

/**
 * The technology a measurement would name for an offer: 2G to 5G as written, any other fixed
 * access (FTTH, DSL, cable) as 'fixed'; null when it matches none.
 */
export function measuredTechnologyOf(offer: { technology: string | null; serviceType: 'mobile' | 'fixed' }): string | null {
  const written = (offer.technology ?? '').trim().toUpperCase();
  const known = TECHNOLOGIES.find((t) => t.toUpperCase() === written);
  if (known && known !== 'unknown') return known;
  return offer.serviceType === 'fixed' ? 'fixed' : null;
}

/** The statistics service over the platform's database, with the current offers of the offers module. */
export function createQualityStatisticsServiceFor(platform: Platform): QualityStatisticsAdminService {
  const offers = createOfferServiceFor(platform);
  return createQualityStatisticsService({
    repository: createQualityAggregationRepository(platform.db.kysely),
    ...servicesOf(platform, 'clock', 'ids', 'audit'),
    settings: platform.settings.quality.statistics,
    currentOffers: async () => {
      const current = await offers.offersInEffect();
      const out: AdvertisedOffer[] = [];
      for (const { record } of current.offers) {
        const technology = measuredTechnologyOf(record);
        if (technology === null) continue;
        // Offers state Mbit/s; measurements are kbit/s.
        const kbps = (mbps: string | null) => (mbps === null ? null : Number(mbps) * 1000);
        out.push({ operatorId: record.operatorId, technology, downloadKbps: kbps(record.typicalDownloadMbps), uploadKbps: kbps(record.typicalUploadMbps) });
      }
      return out;
    },
  });
}
