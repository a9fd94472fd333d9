import { servicesOf, type Platform } from '../../platform/platform.ts';
import { createOperatorDirectory } from '../../platform/operators/index.ts';
import { createMeasurementRepository } from './measurements/measurement.repository.ts';
import { createMeasurementService, type MeasurementService } from './measurements/measurement.service.ts';
import { createQualityImportRepository } from './imports/quality-import.repository.ts';

/** The measurement service over the platform's database, with the operators of the offers module. */
export function createMeasurementServiceFor(platform: Platform): MeasurementService {
  const settings = platform.settings.quality;
  return createMeasurementService({
    repository: createMeasurementRepository(platform.db.kysely),
    imports: createQualityImportRepository(platform.db.kysely),
    ...servicesOf(platform, 'clock', 'ids', 'keyring', 'audit'),
    settings,
    placeResolutions: { stored: settings.h3Resolution, published: settings.statistics.resolutions },
    listOperators: createOperatorDirectory(platform.db.kysely).list,
  });
}
