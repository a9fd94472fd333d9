import type { Clock } from '../../../platform/clock.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createRoamingRepository } from './roaming.repository.ts';
import { createRoamingService, type RoamingService } from './roaming.service.ts';
import { resolveRoamingSettings } from './roaming.settings.ts';
import { resolveOfferSettings } from '../offers.settings.ts';

/** Builds the roaming service over the platform's database, clock, audit log and jurisdiction. */
export function createRoamingServiceFor(platform: Platform, clock: Clock = platform.clock): RoamingService {
  const { jurisdiction } = platform.config;
  return createRoamingService({
    repository: createRoamingRepository(platform.db.kysely),
    audit: platform.audit,
    clock,
    ids: platform.ids,
    logger: platform.logger,
    settings: resolveRoamingSettings(jurisdiction.modules['offers']?.['roaming']),
    currency: jurisdiction.currency,
    homeCountry: jurisdiction.country,
    timeZone: jurisdiction.timeZone,
    // One freshness rule for offers and their roaming rates.
    freshnessDays: resolveOfferSettings(jurisdiction.modules['offers']).freshnessDays,
  });
}
