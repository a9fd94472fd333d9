import type { Platform } from '../../platform/platform.ts';
import { createOperatorDirectory } from '../../platform/operators/index.ts';
import { readQualitySettings, type QualitySettings } from './quality.settings.ts';
import { createMeasurementRepository } from './measurements/measurement.repository.ts';
import { createMeasurementService, type MeasurementService } from './measurements/measurement.service.ts';
import { createQualityImportRepository } from './imports/quality-import.repository.ts';
import { qualityStatisticsSettingsOf } from './statistics/quality-statistics.wiring.ts';

/** The quality module's settings from the platform's jurisdiction profile. */
export function qualitySettingsOf(platform: Platform): QualitySettings {
  return readQualitySettings(platform.config.jurisdiction.modules['quality']);
}

/** The measurement service over the platform's database, with the operators of the offers module. */
export function createMeasurementServiceFor(platform: Platform): MeasurementService {
  return createMeasurementService({
    repository: createMeasurementRepository(platform.db.kysely),
    imports: createQualityImportRepository(platform.db.kysely),
    clock: platform.clock,
    ids: platform.ids,
    keyring: platform.keyring,
    audit: platform.audit,
    settings: qualitySettingsOf(platform),
    placeResolutions: { stored: qualitySettingsOf(platform).h3Resolution, published: qualityStatisticsSettingsOf(platform).resolutions },
    listOperators: createOperatorDirectory(platform.db.kysely).list,
  });
}
