import type { Platform } from '../../../platform/platform.ts';
import type { DatasetDescription } from '../../../platform/open-data/dataset-description.ts';
import { readOpenDataLicence } from '../../../platform/open-data-licence.ts';
import { SMALL_CELL_MISSING_VALUES, schemaFields } from '../../../platform/open-data/small-cells.ts';
import { CONFIRMED_COLUMNS, REPORT_COLUMNS, weekBounds } from './scam-open-data.ts';
import { SCAM_OPEN_DATA_PATH } from './scam-open-data.paths.ts';
import { createScamOpenDataServiceFor } from './scam-open-data.routes.ts';
import { LOOKUP_PATHS } from '../lookup/scam-lookup.paths.ts';

/** The scams module's datasets: the confirmed identifiers, and the reports counted by week, category and medium. */
export function scamsDatasets(platform: Platform): readonly DatasetDescription[] {
  const licence = readOpenDataLicence(platform.settings.scams.public.openData);
  const keywords = ['opendata.keyword.scams', 'opendata.keyword.consumers'];
  return [
    {
      id: 'scams.confirmed',
      titleKey: 'opendata.dataset.scamsConfirmed.title',
      descriptionKey: 'opendata.dataset.scamsConfirmed.description',
      keywordKeys: keywords,
      themes: ['JUST', 'TECH'],
      accrualPeriodicity: 'WEEKLY',
      landingPage: LOOKUP_PATHS.page,
      licence,
      distributions: [
        {
          path: `${SCAM_OPEN_DATA_PATH}/confirmed-identifiers.csv`,
          mediaType: 'text/csv',
          titleKey: 'opendata.file.csv',
          tableSchema: {
            fields: [
              {
                name: CONFIRMED_COLUMNS[0],
                type: 'string',
                description: 'What the identifier is: a phone number, a sender id, a domain, a payment account, ...',
              },
              {
                name: CONFIRMED_COLUMNS[1],
                type: 'string',
                description: 'The identifier; a domain is defanged (example[.]com) so that it is never a live link.',
              },
              { name: CONFIRMED_COLUMNS[2], type: 'date', description: 'The day the regulator confirmed it as used in scams.' },
            ],
          },
        },
        { path: `${SCAM_OPEN_DATA_PATH}/confirmed-identifiers.json`, mediaType: 'application/json', titleKey: 'opendata.file.json' },
      ],
    },
    {
      id: 'scams.reports',
      titleKey: 'opendata.dataset.scamsReports.title',
      descriptionKey: 'opendata.dataset.scamsReports.description',
      keywordKeys: keywords,
      themes: ['JUST', 'SOCI'],
      accrualPeriodicity: 'WEEKLY',
      landingPage: LOOKUP_PATHS.page,
      licence,
      distributions: [
        {
          path: `${SCAM_OPEN_DATA_PATH}/reports-{week}.csv`,
          accessPath: SCAM_OPEN_DATA_PATH,
          mediaType: 'text/csv',
          titleKey: 'opendata.file.weeklyCsv',
          tableSchema: {
            fields: schemaFields(
              [
                { name: REPORT_COLUMNS[0], type: 'string', description: 'The ISO week, YYYY-Www.', constraints: { pattern: '^\\d{4}-W\\d{2}$' } },
                { name: REPORT_COLUMNS[1], type: 'string', description: 'The category of scam.' },
                { name: REPORT_COLUMNS[2], type: 'string', description: 'How the scam reached people: call, text, e-mail, web, social media, ...' },
                { name: REPORT_COLUMNS[3], type: 'integer', description: 'Reports of the week.', constraints: { minimum: 0 } },
              ],
              [REPORT_COLUMNS[3]],
            ),
            missingValues: SMALL_CELL_MISSING_VALUES,
            primaryKey: ['week', 'category', 'medium'],
          },
        },
        {
          path: `${SCAM_OPEN_DATA_PATH}/reports-{week}.json`,
          accessPath: SCAM_OPEN_DATA_PATH,
          mediaType: 'application/json',
          titleKey: 'opendata.file.weeklyJson',
        },
      ],
      async temporal() {
        const weeks = (await createScamOpenDataServiceFor(platform).listWeeks()).sort();
        const first = weekBounds(weeks[0] ?? '');
        const last = weekBounds(weeks.at(-1) ?? '');
        if (!first || !last) return null;
        return { start: first.from.slice(0, 10), end: new Date(Date.parse(last.to) - 86_400_000).toISOString().slice(0, 10) };
      },
    },
  ];
}
