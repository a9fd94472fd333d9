import type { DatasetDescription, TableSchemaField } from '../../../platform/open-data/dataset-description.ts';
import { EXPORT_COLUMNS } from './library.ts';
import { LIBRARY_PATHS } from './library.paths.ts';
import { ASSOCIATIONS_HSDS_JSON_PATH, ASSOCIATIONS_PATH } from '../associations/associations.paths.ts';

const LIBRARY_FIELDS: Readonly<Record<(typeof EXPORT_COLUMNS)[number], Omit<TableSchemaField, 'name'>>> = {
  id: { type: 'string', description: "The document's id in the library." },
  title: { type: 'string', description: 'Dublin Core title.' },
  creator: { type: 'string', description: 'Dublin Core creator: who issued the document.' },
  date: { type: 'date', description: 'Dublin Core date: the day it was issued.' },
  language: { type: 'string', description: 'Dublin Core language, a BCP 47 tag.' },
  type: { type: 'string', description: 'Dublin Core type: law, regulation, decision, guideline, report, ...' },
  subject: { type: 'string', description: 'Dublin Core subject: its topics, separated by ; .' },
  coverage: { type: 'string', description: 'Dublin Core coverage: the countries it applies to (ISO 3166-1 alpha-2), separated by ; .' },
  rights: { type: 'string', description: 'Dublin Core rights: the licence or terms of reuse.' },
  description: { type: 'string', description: 'Dublin Core description: a summary.' },
  source: { type: 'string', description: 'Dublin Core source: where the original is published.' },
  file: { type: 'string', description: 'The address of the PDF kept by the library; empty without one.' },
  identifier: { type: 'string', description: "The address of the document's page in the library." },
};

/** The learn module's datasets: the library of good practice and the directory of consumer associations. */
export function learnDatasets(): readonly DatasetDescription[] {
  return [
    {
      id: 'learn.library',
      titleKey: 'opendata.dataset.library.title',
      descriptionKey: 'opendata.dataset.library.description',
      keywordKeys: ['opendata.keyword.regulation', 'opendata.keyword.consumers'],
      themes: ['GOVE', 'JUST'],
      accrualPeriodicity: 'IRREG',
      landingPage: LIBRARY_PATHS.list,
      distributions: [
        {
          path: LIBRARY_PATHS.csv,
          mediaType: 'text/csv',
          titleKey: 'opendata.file.csv',
          tableSchema: { fields: EXPORT_COLUMNS.map((name) => ({ name, ...LIBRARY_FIELDS[name] })), missingValues: [''], primaryKey: ['id'] },
        },
        { path: LIBRARY_PATHS.json, mediaType: 'application/json', titleKey: 'opendata.file.json' },
      ],
    },
    {
      id: 'learn.associations',
      titleKey: 'opendata.dataset.associations.title',
      descriptionKey: 'opendata.dataset.associations.description',
      keywordKeys: ['opendata.keyword.consumers', 'opendata.keyword.associations'],
      themes: ['SOCI'],
      accrualPeriodicity: 'IRREG',
      landingPage: ASSOCIATIONS_PATH,
      distributions: [{ path: ASSOCIATIONS_HSDS_JSON_PATH, mediaType: 'application/json', titleKey: 'opendata.file.hsdsJson' }],
    },
  ];
}
