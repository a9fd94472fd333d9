import type { Clock } from '../../platform/clock.ts';
import type { Platform } from '../../platform/platform.ts';
import { resolveOfferSettings } from './offers.settings.ts';
import { createOfferRepository } from './catalogue/offer.repository.ts';
import { createOfferService, type OfferService } from './catalogue/offer.service.ts';
import { createOfferUploadService, type OfferUploadService } from './catalogue/offer-upload.service.ts';
import { enqueueOfferChangeNotices } from './subscriptions/offer-subscription.service.ts';

/** Builds the offers service over the platform's database, clock, audit log and jurisdiction. */
export function createOfferServiceFor(platform: Platform, clock: Clock = platform.clock): OfferService {
  const { jurisdiction } = platform.config;
  return createOfferService({
    repository: createOfferRepository(platform.db.kysely),
    audit: platform.audit,
    clock,
    ids: platform.ids,
    logger: platform.logger,
    settings: resolveOfferSettings(jurisdiction.modules['offers']),
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
