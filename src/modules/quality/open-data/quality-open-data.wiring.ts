import type { Platform } from '../../../platform/platform.ts';
import { readQualitySettings } from '../quality.settings.ts';
import { kpiSettingsOf } from '../kpis/quality-kpi.wiring.ts';
import { createOpenDataRepository } from './quality-open-data.repository.ts';
import { createOpenDataService, type OpenDataService } from './quality-open-data.service.ts';

/** The open data service over the platform's database, at the profile's H3 resolution. */
export function createOpenDataServiceFor(platform: Platform): OpenDataService {
  const { jurisdiction } = platform.config;
  return createOpenDataService({
    repository: createOpenDataRepository(platform.db.kysely),
    clock: platform.clock,
    keyring: platform.keyring,
    settings: kpiSettingsOf(platform).openData,
    resolution: readQualitySettings(jurisdiction.modules['quality']).h3Resolution,
    attribution: jurisdiction.authority.name,
  });
}
