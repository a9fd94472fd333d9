import type { KingaModule } from '../../platform/module.ts';
import { qualityMigrations } from './migrations/index.ts';
import { qualitySettings } from './quality.settings.ts';
import { createMeasurementServiceFor } from './quality.wiring.ts';
import { registerQualityImportJobs } from './imports/quality-import.jobs.ts';
import { registerNdt7Routes } from './speedtest/ndt7.routes.ts';
import { registerSpeedtestRoutes } from './speedtest/speedtest.routes.tsx';
import { registerMeasurementRoutes } from './measurements/measurement.routes.ts';
import { seedQualityDemo } from './demo/quality.demo.ts';
import { registerQualityModuleCommands } from './quality.cli.ts';
import { registerKpiRoutesFor } from './kpis/quality-kpi.routes.tsx';
import { registerQualityPublicRoutesFor } from './public-pages/quality-public.routes.tsx';
import { registerQualityStatisticsRoutesFor } from './statistics/quality-statistics.routes.ts';
import { registerQualityStatisticsJobs } from './statistics/quality-statistics.jobs.ts';
import { qualityDatasets } from './open-data/quality.datasets.ts';

import { qualityRecordKinds } from './quality.privacy.ts';

export { TECHNOLOGIES } from './quality.settings.ts';
export type { Technology, QualitySettings } from './quality.settings.ts';
export { QUALITY_METRICS } from './statistics/quality-aggregation.service.ts';
export type {
  QualityMetric,
  MetricSummary,
  AreaStatistic,
  StatisticsQuery,
  QualityStatisticsService,
  QualityStatisticsSettingsView,
  AdvertisedComparison,
  QualityRegion,
} from './statistics/quality-aggregation.service.ts';
export { createQualityStatisticsServiceFor } from './statistics/quality-statistics.wiring.ts';
export { createMeasurementServiceFor } from './quality.wiring.ts';
export { projectionFor, polygonsOf, pathOf, type LonLat, type Projection } from './public-pages/quality-map.tsx';

/** Quality of service: the ndt7 speed test, measurements and their validity (issue 2). */
export const qualityModule: KingaModule = {
  name: 'quality',
  migrations: qualityMigrations,
  settings: qualitySettings,
  datasets: qualityDatasets,
  nav: [
    { href: '/quality', labelKey: 'quality.pages.nav' },
    { href: '/quality/kpis', labelKey: 'quality.kpis.nav' },
  ],
  routes(app, platform) {
    const measurements = createMeasurementServiceFor(platform);
    const settings = platform.settings.quality;
    registerNdt7Routes(app, platform, { measurements, settings });
    registerSpeedtestRoutes(app, { measurements, settings });
    registerMeasurementRoutes(app, { measurements, settings });
    registerKpiRoutesFor(app, platform);
    registerQualityPublicRoutesFor(app, platform);
    registerQualityStatisticsRoutesFor(app, platform);
  },
  jobs(platform) {
    registerQualityStatisticsJobs(platform);
    registerQualityImportJobs(platform);
  },
  recordKinds: qualityRecordKinds,
  commands: registerQualityModuleCommands,
  services: {
    speedtest(app, platform) {
      registerNdt7Routes(app, platform, { measurements: createMeasurementServiceFor(platform), settings: platform.settings.quality });
    },
  },
  seedDemo: seedQualityDemo,
};
