import type { Clock } from '../../../platform/clock.ts';
import { servicesOf, type Platform } from '../../../platform/platform.ts';
import { createRoamingRepository } from './roaming.repository.ts';
import { createRoamingService, type RoamingService } from './roaming.service.ts';

/** Builds the roaming service over the platform's database, clock, audit log and jurisdiction. */
export function createRoamingServiceFor(platform: Platform, clock: Clock = platform.clock): RoamingService {
  const { jurisdiction } = platform.config;
  const settings = platform.settings.offers;
  return createRoamingService({
    repository: createRoamingRepository(platform.db.kysely),
    ...servicesOf(platform, 'audit', 'ids', 'logger'),
    clock,
    settings: settings.roaming,
    currency: jurisdiction.currency,
    homeCountry: jurisdiction.country,
    timeZone: jurisdiction.timeZone,
    // One freshness rule for offers and their roaming rates.
    freshnessDays: settings.freshnessDays,
  });
}
