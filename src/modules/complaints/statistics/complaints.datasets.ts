import type { Platform } from '../../../platform/platform.ts';
import type { DatasetDescription, TableSchemaField } from '../../../platform/open-data/dataset-description.ts';
import { STATISTICS_BASE_COLUMNS, STATISTICS_SUPPRESSIBLE_COLUMNS } from './complaint-statistics.views.tsx';
import { SMALL_CELL_MISSING_VALUES, schemaFields } from '../../../platform/open-data/small-cells.ts';
import { quarterRange } from './complaint-statistics.ts';
import { STATISTICS_PATH } from './statistics.paths.ts';
import { createComplaintServiceFor } from '../complaints.wiring.ts';

const share = (description: string) => ({ type: 'number', description, constraints: { minimum: 0, maximum: 1 } }) as const;

const FIELDS: Readonly<Record<(typeof STATISTICS_BASE_COLUMNS)[number], Omit<TableSchemaField, 'name'>>> = {
  quarter: { type: 'string', description: 'The calendar quarter the complaints were filed in, YYYY-Qn.', constraints: { pattern: '^\\d{4}-Q[1-4]$' } },
  operator_id: { type: 'string', description: "The operator's licence id." },
  complaints: {
    type: 'integer',
    description: 'Complaints filed in the quarter.',
    constraints: { minimum: 0 },
  },
  subscribers: {
    type: 'integer',
    description: "The operator's subscribers the regulator recorded for the quarter; empty when unknown.",
    constraints: { minimum: 0 },
  },
  complaints_per_100k: {
    type: 'number',
    description: 'Complaints per 100,000 subscribers; empty without subscriber figures.',
    constraints: { minimum: 0 },
  },
  share_within_deadline: share('Share of resolved complaints resolved within the deadlines; empty when none resolved.'),
  median_days: {
    type: 'number',
    description: 'Median days from filing to resolution; empty when none resolved.',
    constraints: { minimum: 0 },
  },
  p90_days: {
    type: 'number',
    description: '90th percentile of days from filing to resolution; empty when none resolved.',
    constraints: { minimum: 0 },
  },
  escalation_rate: share('Share of complaints escalated to the regulator.'),
  acceptance_rate: share("Share of the consumers' answers that accepted the operator's response; empty when none."),
};

/** The complaints module's dataset: the quarterly statistics by operator, small cells suppressed. */
export function complaintsDatasets(platform: Platform): readonly DatasetDescription[] {
  return [
    {
      id: 'complaints.statistics',
      titleKey: 'opendata.dataset.complaintStatistics.title',
      descriptionKey: 'opendata.dataset.complaintStatistics.description',
      keywordKeys: ['opendata.keyword.complaints', 'opendata.keyword.consumers', 'opendata.keyword.telecommunications'],
      themes: ['SOCI', 'JUST'],
      accrualPeriodicity: 'QUARTERLY',
      landingPage: STATISTICS_PATH,
      distributions: [
        {
          path: `${STATISTICS_PATH}.csv`,
          mediaType: 'text/csv',
          titleKey: 'opendata.file.csv',
          tableSchema: {
            fields: schemaFields(
              STATISTICS_BASE_COLUMNS.map((name) => ({ name, ...FIELDS[name] })),
              STATISTICS_SUPPRESSIBLE_COLUMNS,
            ),
            missingValues: SMALL_CELL_MISSING_VALUES,
            primaryKey: ['quarter', 'operator_id'],
          },
        },
        { path: `${STATISTICS_PATH}.json`, mediaType: 'application/json', titleKey: 'opendata.file.json' },
      ],
      async temporal() {
        const quarters = await createComplaintServiceFor(platform).statisticsQuarters();
        const first = quarterRange(quarters.at(-1) ?? '');
        const last = quarterRange(quarters[0] ?? '');
        return first && last ? { start: first.from, end: last.to } : null;
      },
    },
  ];
}
