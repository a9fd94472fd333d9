import type { Clock } from '../../platform/clock.ts';
import type { Platform } from '../../platform/platform.ts';
import { resolveOfferSettings } from './offer-settings.ts';
import { createOfferRepository } from './offer.repository.ts';
import { createOfferService, type OfferService } from './offer.service.ts';
import { enqueueOfferChangeNotices } from './offer-subscription.service.ts';

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

/**
 * Lists the licensed operators by licence id and name, as the other modules name them (a
 * complaint's operator, a measurement's, a KPI file's).
 */
export function operatorListOf(platform: Platform): () => Promise<Array<{ id: string; name: string }>> {
  const offers = createOfferServiceFor(platform);
  return async () => (await offers.listOperators()).map((o) => ({ id: o.licence_id, name: o.name }));
}
