import type { KingaModule } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import { operatorListOf } from '../offers/index.ts';
import { qualityMigrations } from './migrations/index.ts';
import { checkQualitySettings, readQualitySettings, type QualitySettings } from './quality.settings.ts';
import { createMeasurementRepository } from './measurement.repository.ts';
import { createMeasurementService, type MeasurementService } from './measurement.service.ts';
import { createQualityImportRepository } from './quality-import.repository.ts';
import { registerQualityImportJobs } from './quality-import.jobs.ts';
import { registerNdt7Routes } from './ndt7.routes.ts';
import { registerQualityRoutes } from './quality.routes.tsx';
import { seedQualityDemo } from './quality.demo.ts';
import { registerKpiRoutesFor } from './quality-kpi.routes.tsx';
import { registerQualityPublicRoutesFor } from './quality-public.routes.tsx';
import { registerQualityStatisticsRoutesFor } from './quality-statistics.routes.ts';
import { registerQualityStatisticsJobs } from './quality-statistics.jobs.ts';
import { qualityStatisticsSettingsOf } from './quality-aggregation.factory.ts';

export { TECHNOLOGIES } from './quality.settings.ts';
export type { Technology, QualitySettings } from './quality.settings.ts';
export { QUALITY_METRICS } from './quality-aggregation.service.ts';
export type {
  QualityMetric, MetricSummary, AreaStatistic, StatisticsQuery, QualityStatisticsService, QualityStatisticsSettingsView, AdvertisedComparison, QualityRegion,
} from './quality-aggregation.service.ts';
export { createQualityStatisticsServiceFor, qualityStatisticsSettingsOf } from './quality-aggregation.factory.ts';

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
    listOperators: operatorListOf(platform),
  });
}

/** Quality of service: the ndt7 speed test, measurements and their validity (issue 2). */
export const qualityModule: KingaModule = {
  name: 'quality',
  migrations: qualityMigrations,
  checkSettings: checkQualitySettings,
  nav: [{ href: '/quality', labelKey: 'quality.pages.nav' }, { href: '/quality/kpis', labelKey: 'quality.kpis.nav' }],
  routes(app, platform) {
    const measurements = createMeasurementServiceFor(platform);
    const settings = qualitySettingsOf(platform);
    registerNdt7Routes(app, platform, { measurements, settings });
    registerQualityRoutes(app, { measurements, settings });
    registerKpiRoutesFor(app, platform);
    registerQualityPublicRoutesFor(app, platform);
    registerQualityStatisticsRoutesFor(app, platform);
  },
  jobs(platform) {
    registerQualityStatisticsJobs(platform);
    registerQualityImportJobs(platform);
  },
  services: {
    speedtest(app, platform) {
      registerNdt7Routes(app, platform, { measurements: createMeasurementServiceFor(platform), settings: qualitySettingsOf(platform) });
    },
  },
  seedDemo: seedQualityDemo,
};
