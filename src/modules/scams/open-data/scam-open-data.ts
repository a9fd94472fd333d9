import { publishedCount, publishedFields } from '../../../platform/open-data/small-cells.ts';
import { defang } from '../reporting/scam-evidence.ts';

/**
 * The weekly open data of the scams module as pure rules: ISO weeks, file names, and the rows of
 * each file with small cells suppressed. Nothing here names a reporter or holds a report's text.
 */

const DAY_MS = 86_400_000;
const WEEK_PATTERN = /^([0-9]{4})-W([0-9]{2})$/;

/** The Monday 00:00 UTC that starts ISO week 1 of `year`. */
function firstMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - weekday * DAY_MS;
}

/** The ISO week (`2026-W49`) an instant falls in, in UTC. */
export function isoWeekOf(date: Date): string {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const thursday = day + (3 - ((new Date(day).getUTCDay() + 6) % 7)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - firstMonday(year)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The instants an ISO week starts and the next one starts, or undefined for a string that names no week. */
export function weekBounds(week: string): { from: string; to: string } | undefined {
  const match = WEEK_PATTERN.exec(week);
  if (!match) return undefined;
  const year = Number(match[1]);
  const number = Number(match[2]);
  if (number < 1 || number > 53) return undefined;
  const start = firstMonday(year) + (number - 1) * 7 * DAY_MS;
  if (isoWeekOf(new Date(start)) !== week) return undefined;
  return { from: new Date(start).toISOString(), to: new Date(start + 7 * DAY_MS).toISOString() };
}

/** The last ISO week that is over at `now`, and the `count` weeks before it, newest first. */
export function completeWeeks(now: Date, count: number): string[] {
  const thisWeek = weekBounds(isoWeekOf(now));
  const start = Date.parse(thisWeek?.from ?? now.toISOString());
  return Array.from({ length: count }, (_, i) => isoWeekOf(new Date(start - (i + 1) * 7 * DAY_MS)));
}

/** A file of the open data: the confirmed identifiers, or a week's report counts. */
export type OpenDataFile = { kind: 'confirmed'; format: 'csv' | 'json' } | { kind: 'reports'; week: string; format: 'csv' | 'json' };

/** The name of a file: `confirmed-identifiers.csv`, `reports-2026-W49.json`. */
export function openDataFileName(file: OpenDataFile): string {
  return file.kind === 'confirmed' ? `confirmed-identifiers.${file.format}` : `reports-${file.week}.${file.format}`;
}

/** Reads a file name back; undefined for any other name. */
export function parseOpenDataFileName(name: string): OpenDataFile | undefined {
  const confirmed = /^confirmed-identifiers\.(csv|json)$/.exec(name);
  if (confirmed) return { kind: 'confirmed', format: confirmed[1] === 'csv' ? 'csv' : 'json' };
  const reports = /^reports-([0-9]{4}-W[0-9]{2})\.(csv|json)$/.exec(name);
  if (reports?.[1] && weekBounds(reports[1])) return { kind: 'reports', week: reports[1], format: reports[2] === 'csv' ? 'csv' : 'json' };
  return undefined;
}

/** The columns of the confirmed identifiers file. */
export const CONFIRMED_COLUMNS = ['kind', 'value', 'confirmed_since'] as const;
/** One confirmed identifier as published: a link's domain defanged. */
export type ConfirmedRecord = Record<(typeof CONFIRMED_COLUMNS)[number], string>;

/** A confirmed identifier as published. */
export function confirmedRecordOf(kind: string, value: string, confirmedAt: string): ConfirmedRecord {
  return { kind, value: kind === 'domain' ? defang(value) : value, confirmed_since: confirmedAt.slice(0, 10) };
}

/** The columns of a week's report counts: `reports` is withheld under the small-cell rule, with `reports_suppressed` saying so. */
export const REPORT_COLUMNS = ['week', 'category', 'medium', 'reports', 'reports_suppressed'] as const;
/** One cell of a week's counts: `reports` null and `reports_suppressed` true when the cell is withheld. */
export type ReportCountRecord = { week: string; category: string; medium: string; reports: number | null; reports_suppressed: boolean };

/**
 * A week's counts by category and medium, ordered, each below `smallest` withheld. Counted cell by
 * cell (`publishedCount`): the week's table is published with no total, by category, medium or
 * overall, in any file, page or answer, so no withheld cell can be recovered by subtraction.
 */
export function reportCountRecords(
  week: string,
  cells: readonly { category: string; medium: string; reports: number }[],
  smallest: number,
): ReportCountRecord[] {
  return [...cells]
    .sort((a, b) => (a.category === b.category ? (a.medium < b.medium ? -1 : 1) : a.category < b.category ? -1 : 1))
    .map((c) => ({ week, category: c.category, medium: c.medium, ...publishedFields('reports', publishedCount(c.reports, smallest)) }));
}
