import type { Platform } from '../../../platform/platform.ts';
import type { DatasetDescription, TableSchemaField } from '../../../platform/open-data/dataset-description.ts';
import { OPEN_DATA_COLUMNS, monthBounds } from './quality-open-data.ts';
import { OPEN_DATA_PATHS } from './quality-open-data.paths.ts';
import { createOpenDataServiceFor } from './quality-open-data.wiring.ts';
import { KPI_PATHS } from '../kpis/quality-kpi.paths.ts';

const MEASUREMENT_FIELDS: Readonly<Record<(typeof OPEN_DATA_COLUMNS)[number], Omit<TableSchemaField, 'name'>>> = {
  time: { type: 'datetime', description: 'When the test ran (UTC), truncated to the hour or the day as the profile says.' },
  operator: { type: 'string', description: 'The licence id of the operator the device was on; empty when unknown.' },
  technology: { type: 'string', description: 'The access technology: 2G, 3G, 4G, 5G, fixed or unknown.' },
  download_kbps: { type: 'number', description: 'Download speed in kbit/s.', constraints: { minimum: 0 } },
  upload_kbps: { type: 'number', description: 'Upload speed in kbit/s.', constraints: { minimum: 0 } },
  latency_ms: { type: 'number', description: 'Round-trip latency in milliseconds.', constraints: { minimum: 0 } },
  jitter_ms: { type: 'number', description: 'Jitter in milliseconds.', constraints: { minimum: 0 } },
  loss: { type: 'number', description: 'Share of packets lost, from 0 to 1.', constraints: { minimum: 0, maximum: 1 } },
  h3_cell: { type: 'string', description: 'The H3 cell the place falls in, at the published resolution; empty without a place.' },
  latitude: { type: 'number', description: "Latitude of the cell's centre (never the place itself)." },
  longitude: { type: 'number', description: "Longitude of the cell's centre (never the place itself)." },
  device: { type: 'string', description: 'A pseudonym of the measuring device that changes every month; empty when unknown.' },
  source: { type: 'string', description: 'How the measurement was made: the web test, an app or a drive test import.' },
};

/** The datasets of the quality module: measurements by month, statistics per cell and region, and KPI results against targets. */
export function qualityDatasets(platform: Platform): readonly DatasetDescription[] {
  const licence = platform.settings.quality.openData.licence;
  const keywords = ['opendata.keyword.networkQuality', 'opendata.keyword.telecommunications'];
  return [
    {
      id: 'quality.measurements',
      titleKey: 'opendata.dataset.qualityMeasurements.title',
      descriptionKey: 'opendata.dataset.qualityMeasurements.description',
      keywordKeys: keywords,
      themes: ['TECH', 'REGI'],
      accrualPeriodicity: 'MONTHLY',
      landingPage: '/quality',
      licence,
      distributions: [
        {
          path: `${OPEN_DATA_PATHS.files}/measurements-{month}.csv`,
          accessPath: OPEN_DATA_PATHS.files,
          mediaType: 'text/csv',
          titleKey: 'opendata.file.monthlyCsv',
          tableSchema: { fields: OPEN_DATA_COLUMNS.map((name) => ({ name, ...MEASUREMENT_FIELDS[name] })), missingValues: [''] },
        },
        {
          path: `${OPEN_DATA_PATHS.files}/measurements-{month}.json`,
          accessPath: OPEN_DATA_PATHS.files,
          mediaType: 'application/json',
          titleKey: 'opendata.file.monthlyJson',
        },
      ],
      async temporal() {
        const months = (await createOpenDataServiceFor(platform).listMonths()).map((m) => m.month).sort();
        const first = months[0];
        const last = months.at(-1);
        if (first === undefined || last === undefined) return null;
        const end = new Date(Date.parse(monthBounds(last).to) - 86_400_000).toISOString().slice(0, 10);
        return { start: `${first}-01`, end };
      },
    },
    {
      id: 'quality.cells',
      titleKey: 'opendata.dataset.qualityCells.title',
      descriptionKey: 'opendata.dataset.qualityCells.description',
      keywordKeys: keywords,
      themes: ['TECH', 'REGI'],
      accrualPeriodicity: 'DAILY',
      landingPage: '/quality',
      licence,
      distributions: [
        { path: '/api/v1/quality/cells', mediaType: 'application/json', titleKey: 'opendata.file.json' },
        { path: '/api/v1/quality/cells?format=geojson', mediaType: 'application/geo+json', titleKey: 'opendata.file.geojson' },
      ],
    },
    {
      id: 'quality.regions',
      titleKey: 'opendata.dataset.qualityRegions.title',
      descriptionKey: 'opendata.dataset.qualityRegions.description',
      keywordKeys: keywords,
      themes: ['TECH', 'REGI'],
      accrualPeriodicity: 'DAILY',
      landingPage: '/quality',
      licence,
      distributions: [
        { path: '/api/v1/quality/regions', mediaType: 'application/json', titleKey: 'opendata.file.json' },
        { path: '/api/v1/quality/regions?format=geojson', mediaType: 'application/geo+json', titleKey: 'opendata.file.geojson' },
      ],
    },
    {
      id: 'quality.kpis',
      titleKey: 'opendata.dataset.qualityKpis.title',
      descriptionKey: 'opendata.dataset.qualityKpis.description',
      keywordKeys: keywords,
      themes: ['TECH'],
      accrualPeriodicity: 'MONTHLY',
      landingPage: KPI_PATHS.page,
      licence,
      distributions: [{ path: KPI_PATHS.results, mediaType: 'application/json', titleKey: 'opendata.file.json' }],
    },
  ];
}
