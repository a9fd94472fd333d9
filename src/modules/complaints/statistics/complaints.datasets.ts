import type { Platform } from '../../../platform/platform.ts';
import type { DatasetDescription, TableSchemaField } from '../../../platform/open-data/dataset-description.ts';
import { STATISTICS_CSV_COLUMNS } from './complaint-statistics.views.tsx';
import { quarterRange } from './complaint-statistics.ts';
import { STATISTICS_PATH } from './statistics.paths.ts';
import { createComplaintServiceFor } from '../complaints.wiring.ts';

const share = (description: string) => ({ type: 'number', description, constraints: { minimum: 0, maximum: 1 } }) as const;

const FIELDS: Readonly<Record<(typeof STATISTICS_CSV_COLUMNS)[number], Omit<TableSchemaField, 'name'>>> = {
  quarter: { type: 'string', description: 'The calendar quarter the complaints were filed in, YYYY-Qn.', constraints: { pattern: '^\\d{4}-Q[1-4]$' } },
  operator_id: { type: 'string', description: "The operator's licence id." },
  complaints: {
    type: 'integer',
    description: 'Complaints filed in the quarter; `suppressed` when withheld by the small-cell rule.',
    constraints: { minimum: 0 },
  },
  subscribers: {
    type: 'integer',
    description: "The operator's subscribers the regulator recorded for the quarter; empty when unknown.",
    constraints: { minimum: 0 },
  },
  complaints_per_100k: {
    type: 'number',
    description: 'Complaints per 100,000 subscribers; `suppressed` when withheld, empty without subscriber figures.',
    constraints: { minimum: 0 },
  },
  share_within_deadline: share('Share of resolved complaints resolved within the deadlines; `suppressed` when withheld, empty when none resolved.'),
  median_days: {
    type: 'number',
    description: 'Median days from filing to resolution; `suppressed` when withheld, empty when none resolved.',
    constraints: { minimum: 0 },
  },
  p90_days: {
    type: 'number',
    description: '90th percentile of days from filing to resolution; `suppressed` when withheld, empty when none resolved.',
    constraints: { minimum: 0 },
  },
  escalation_rate: share('Share of complaints escalated to the regulator; `suppressed` when withheld.'),
  acceptance_rate: share("Share of the consumers' answers that accepted the operator's response; `suppressed` when withheld, empty when none."),
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
            fields: STATISTICS_CSV_COLUMNS.map((name) => ({ name, ...FIELDS[name] })),
            missingValues: ['', 'suppressed'],
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
