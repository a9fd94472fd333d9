import type { DatasetDescription } from '../../../platform/open-data/dataset-description.ts';
import { STATISTICS_PATH } from './statistics.paths.ts';

/** The devices module's dataset: the equipment register's monthly counts (checks, reports, blocks, traces, recoveries). */
export function devicesDatasets(): readonly DatasetDescription[] {
  return [
    {
      id: 'devices.statistics',
      titleKey: 'opendata.dataset.deviceStatistics.title',
      descriptionKey: 'opendata.dataset.deviceStatistics.description',
      keywordKeys: ['opendata.keyword.devices', 'opendata.keyword.theft'],
      themes: ['JUST', 'TECH'],
      accrualPeriodicity: 'MONTHLY',
      landingPage: STATISTICS_PATH,
      distributions: [{ path: '/api/v1/devices/statistics', mediaType: 'application/json', titleKey: 'opendata.file.json' }],
    },
  ];
}
