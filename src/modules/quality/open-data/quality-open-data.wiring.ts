import type { Platform } from '../../../platform/platform.ts';
import { createOpenDataRepository } from './quality-open-data.repository.ts';
import { createOpenDataService, type OpenDataService } from './quality-open-data.service.ts';

/** The open data service over the platform's database, at the profile's H3 resolution. */
export function createOpenDataServiceFor(platform: Platform): OpenDataService {
  return createOpenDataService({
    repository: createOpenDataRepository(platform.db.kysely),
    clock: platform.clock,
    keyring: platform.keyring,
    settings: platform.settings.quality.openData,
    resolution: platform.settings.quality.h3Resolution,
    attribution: platform.config.jurisdiction.authority.name,
  });
}
