import type { Platform } from '../../../platform/platform.ts';
import type { DatasetDescription, TableSchema, TableSchemaField } from '../../../platform/open-data/dataset-description.ts';
import { offerFileJsonSchema } from './offer-file-schema.ts';
import { OFFER_COLUMNS } from './offer-file.ts';
import { HISTORY_EXPORT_COLUMNS } from './offer-export.ts';
import { EXPORT_PATHS } from './catalogue.paths.ts';
import { roamingFileJsonSchema } from '../roaming/roaming-file-schema.ts';
import { ROAMING_COLUMNS } from '../roaming/roaming-file.ts';
import { DECIMAL } from './file-schema-fields.ts';

type ColumnSchema = { description?: string; type?: unknown; pattern?: string; anyOf?: ReadonlyArray<{ type?: unknown; pattern?: string }> };

/** The Table Schema type of a column of the offer or roaming file, from its JSON Schema: numbers, whole numbers and days where every cell is one (or empty). */
function fieldOf(name: string, column: ColumnSchema | undefined): TableSchemaField {
  const description = column?.description ?? '';
  const patterns = [column?.pattern, ...(column?.anyOf ?? []).map((a) => a.pattern)].filter((p): p is string => p !== undefined);
  if (patterns.includes('^$|^\\d{4}-\\d{2}-\\d{2}$')) return { name, type: 'date', description };
  if (patterns.includes(`^$|${DECIMAL}`)) return { name, type: 'number', description, constraints: { minimum: 0 } };
  if (patterns.includes('^$|^\\d+$')) return { name, type: 'integer', description, constraints: { minimum: 0 } };
  return { name, type: 'string', description };
}

function tableSchemaOf(
  columns: readonly string[],
  properties: Readonly<Record<string, ColumnSchema>>,
  extra: Readonly<Record<string, TableSchemaField>> = {},
): TableSchema {
  return { fields: columns.map((c) => extra[c] ?? fieldOf(c, properties[c])), missingValues: [''] };
}

/** The datasets of the offers module: the offers in force, every version of every offer, and the roaming rates in force. */
export function offersDatasets(platform: Platform): readonly DatasetDescription[] {
  const settings = platform.settings.offers;
  const offerSchema = offerFileJsonSchema(platform.config.publicUrl, settings.socialTariffs.eligibility) as {
    properties: { offers: { items: { properties: Record<string, ColumnSchema> } } };
  };
  const offerProperties = offerSchema.properties.offers.items.properties;
  const roamingSchema = roamingFileJsonSchema(platform.config.publicUrl, settings.roaming.zones) as {
    properties: { rates: { items: { properties: Record<string, ColumnSchema> } } };
  };
  const roamingProperties = roamingSchema.properties.rates.items.properties;
  const licence = settings.openData.licence;
  const history = {
    version: { name: 'version', type: 'integer', description: 'The number of this version of the offer, from 1.', constraints: { minimum: 1 } },
    published_at: { name: 'published_at', type: 'datetime', description: 'When this version was published (ISO 8601, UTC).' },
  } as const satisfies Record<string, TableSchemaField>;
  const offerKeywords = ['opendata.keyword.telecommunications', 'opendata.keyword.prices', 'opendata.keyword.mobile'];
  return [
    {
      id: 'offers.current',
      titleKey: 'opendata.dataset.offersCurrent.title',
      descriptionKey: 'opendata.dataset.offersCurrent.description',
      keywordKeys: offerKeywords,
      themes: ['ECON', 'TECH'],
      accrualPeriodicity: 'DAILY',
      landingPage: '/offers/compare',
      licence,
      distributions: [
        { path: EXPORT_PATHS.currentCsv, mediaType: 'text/csv', titleKey: 'opendata.file.csv', tableSchema: tableSchemaOf(OFFER_COLUMNS, offerProperties) },
        { path: EXPORT_PATHS.currentJson, mediaType: 'application/json', titleKey: 'opendata.file.json' },
      ],
    },
    {
      id: 'offers.history',
      titleKey: 'opendata.dataset.offersHistory.title',
      descriptionKey: 'opendata.dataset.offersHistory.description',
      keywordKeys: offerKeywords,
      themes: ['ECON', 'TECH'],
      accrualPeriodicity: 'DAILY',
      landingPage: '/offers/compare',
      licence,
      distributions: [
        {
          path: EXPORT_PATHS.historyCsv,
          mediaType: 'text/csv',
          titleKey: 'opendata.file.csv',
          tableSchema: tableSchemaOf(HISTORY_EXPORT_COLUMNS, offerProperties, history),
        },
        { path: EXPORT_PATHS.historyJson, mediaType: 'application/json', titleKey: 'opendata.file.json' },
      ],
    },
    {
      id: 'offers.roaming',
      titleKey: 'opendata.dataset.offersRoaming.title',
      descriptionKey: 'opendata.dataset.offersRoaming.description',
      keywordKeys: ['opendata.keyword.roaming', 'opendata.keyword.prices', 'opendata.keyword.mobile'],
      themes: ['ECON', 'TECH'],
      accrualPeriodicity: 'DAILY',
      landingPage: '/offers/roaming',
      licence,
      distributions: [
        { path: EXPORT_PATHS.roamingCsv, mediaType: 'text/csv', titleKey: 'opendata.file.csv', tableSchema: tableSchemaOf(ROAMING_COLUMNS, roamingProperties) },
        { path: EXPORT_PATHS.roamingJson, mediaType: 'application/json', titleKey: 'opendata.file.json' },
      ],
    },
    {
      id: 'offers.affordability',
      titleKey: 'opendata.dataset.affordability.title',
      descriptionKey: 'opendata.dataset.affordability.description',
      keywordKeys: ['opendata.keyword.affordability', 'opendata.keyword.prices'],
      themes: ['ECON', 'SOCI'],
      accrualPeriodicity: 'DAILY',
      landingPage: '/affordability',
      licence,
      distributions: [{ path: '/api/v1/affordability', mediaType: 'application/json', titleKey: 'opendata.file.json' }],
    },
  ];
}
