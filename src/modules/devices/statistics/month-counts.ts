import { publishedCount, publishedFields } from '../../../platform/open-data/small-cells.ts';

/** The counts of one month; never anything about a person or a device. */
export interface MonthCounts {
  month: string;
  checked: number;
  reported: number;
  blocked: number;
  traced: number;
  recovered: number;
}

/** The counts of people's reports a month publishes, withheld under the small-cell rule; checks are counted machines, not people. */
export const REPORT_METRICS = ['reported', 'blocked', 'traced', 'recovered'] as const;

/** A month as published: each count of reports withheld below the smallest count, with its `<metric>_suppressed` flag. */
export type PublishedMonth = { month: string; checked: number } & {
  [K in (typeof REPORT_METRICS)[number]]: number | null;
} & { [K in `${(typeof REPORT_METRICS)[number]}_suppressed`]: boolean };

/** A month's counts under the one small-cell rule of every dataset (`modules.opendata.smallestCount`). */
export function publishedMonth(counts: MonthCounts, smallestCount: number): PublishedMonth {
  return {
    month: counts.month,
    checked: counts.checked,
    ...publishedFields('reported', publishedCount(counts.reported, smallestCount)),
    ...publishedFields('blocked', publishedCount(counts.blocked, smallestCount)),
    ...publishedFields('traced', publishedCount(counts.traced, smallestCount)),
    ...publishedFields('recovered', publishedCount(counts.recovered, smallestCount)),
  };
}
