import type { Clock } from '../../platform/clock.ts';
import type { Platform } from '../../platform/platform.ts';
import { createOperatorRegister } from '../../platform/operators/index.ts';
import { createOfferRepository } from './catalogue/offer.repository.ts';
import { createOfferService, type OfferService, type OffersOnDate } from './catalogue/offer.service.ts';
import { createOfferExportRepository } from './catalogue/offer-export.repository.ts';
import { createOfferExportService, type OfferExportService } from './catalogue/offer-export.service.ts';
import { createOfferUploadService, type OfferUploadService } from './catalogue/offer-upload.service.ts';
import { enqueueOfferChangeNotices } from './subscriptions/offer-subscription.service.ts';

/** Builds the offers service over the platform's database, clock, audit log and jurisdiction. */
export function createOfferServiceFor(platform: Platform, clock: Clock = platform.clock): OfferService {
  const { jurisdiction } = platform.config;
  return createOfferService({
    repository: createOfferRepository(platform.db.kysely),
    operators: createOperatorRegister({ db: platform.db.kysely, audit: platform.audit, clock, logger: platform.logger }),
    audit: platform.audit,
    clock,
    ids: platform.ids,
    logger: platform.logger,
    settings: platform.settings.offers,
    currency: jurisdiction.currency,
    timeZone: jurisdiction.timeZone,
    // Subscribers hear of a new version through a job queued with the import, never during it.
    onNewVersions: (trx, changes) => enqueueOfferChangeNotices(platform.jobs, trx, changes),
  });
}

/** Builds the operator portal's upload service over the offers service and the platform's audit log. */
export function createOfferUploadServiceFor(platform: Platform, offers: OfferService): OfferUploadService {
  return createOfferUploadService({ offers, repository: createOfferRepository(platform.db.kysely), audit: platform.audit });
}

/**
 * The offers in effect today as the affordability measure, the compliance view and the exports read
 * them: from the offers service's cache, so that one cache serves them and the comparison and an
 * import through it is seen at once.
 */
export function currentOffersOf(offers: OfferService): () => Promise<OffersOnDate> {
  return async () => {
    const current = await offers.offersInEffect();
    return { onDate: current.onDate, offers: current.offers, operators: current.licensed };
  };
}

/** Builds the open data export service over the platform. */
export function createOfferExportServiceFor(platform: Platform, options: { historyPageSize?: number; offers?: OfferService } = {}): OfferExportService {
  const { jurisdiction } = platform.config;
  const { offers = createOfferServiceFor(platform), historyPageSize } = options;
  return createOfferExportService({
    versions: createOfferExportRepository(platform.db.kysely),
    clock: platform.clock,
    timeZone: jurisdiction.timeZone,
    licence: platform.settings.offers.openData.licence,
    currentOffers: currentOffersOf(offers),
    ...(historyPageSize === undefined ? {} : { historyPageSize }),
  });
}
