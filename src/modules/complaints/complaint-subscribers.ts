import { readCsvRecords } from '../../platform/csv-records.ts';
import type { FieldProblem } from '../../platform/http/errors.ts';
import type { ComplaintService } from './complaint.types.ts';

/**
 * The services that have subscribers. "Other" gathers complaints about anything else and has no
 * subscriber base, so its complaints are counted but never put over a figure.
 */
export const SUBSCRIBER_SERVICES: readonly ComplaintService[] = ['mobile', 'fixed_internet', 'pay_tv'];

/** Whether complaints about `service` can be put over a subscriber figure. */
export function isSubscriberService(service: string): service is ComplaintService {
  return (SUBSCRIBER_SERVICES as readonly string[]).includes(service);
}

/** The columns of a subscriber file, in order. */
export const SUBSCRIBER_COLUMNS = ['operator_id', 'service', 'quarter', 'subscribers'] as const;

/**
 * The largest figure accepted: above any operator's subscriber base, below the 32-bit integer
 * column that stores it on PostgreSQL.
 */
export const MAX_SUBSCRIBERS = 2_000_000_000;

/** Subscribers of one operator's service in one quarter. */
export interface SubscriberFigure {
  operatorId: string;
  service: ComplaintService;
  quarter: string;
  subscribers: number;
}

/** The key of one operator's service in a quarter's figures. */
export const figureKey = (operatorId: string, service: string) => `${operatorId} ${service}`;

/** What is wrong with a typed subscriber count. */
export type CountIssue = 'negative' | 'notWhole' | 'tooLarge';

/** What is wrong with a quarter. */
export type QuarterIssue = 'unknown' | 'future';

/**
 * A typed subscriber count: a whole number of digits, or blank for "no figure". Thousands
 * separators, decimals, signs and words are refused rather than guessed at.
 */
export function readSubscriberCount(raw: string): { value: number | null } | { issue: CountIssue } {
  const text = raw.trim();
  if (text === '') return { value: null };
  if (/^-\s*\d/.test(text)) return { issue: 'negative' };
  if (!/^\d+$/.test(text)) return { issue: 'notWhole' };
  const value = Number(text);
  if (value > MAX_SUBSCRIBERS) return { issue: 'tooLarge' };
  return { value };
}

/** The quarter (`2026-Q4`) a local date (`2026-11-29`) falls in. */
export function quarterOfDate(localDate: string): string {
  return `${localDate.slice(0, 4)}-Q${Math.floor((Number(localDate.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * Checks a quarter written `2026-Q3`: `unknown` when it is not one (or before 2000), `future`
 * when it starts after `currentQuarter`, since nobody has counted its subscribers yet.
 */
export function checkQuarter(quarter: string, currentQuarter: string): QuarterIssue | null {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match || Number(match[1]) < 2000) return 'unknown';
  // Both are written YYYY-Qn, so they compare as strings.
  return quarter > currentQuarter ? 'future' : null;
}

const COUNT_MESSAGES: Record<CountIssue, (value: string) => string> = {
  negative: (value) => `"${value}" is negative; a number of subscribers is 0 or more.`,
  notWhole: (value) => `"${value}" is not a whole number: write digits only, without separators, decimals or words.`,
  tooLarge: (value) => `"${value}" is larger than ${MAX_SUBSCRIBERS}; check the figure.`,
};

const QUARTER_MESSAGES: Record<QuarterIssue, (value: string) => string> = {
  unknown: (value) => `"${value}" is not a quarter; write it like 2026-Q3.`,
  future: (value) => `${value} has not started yet; subscriber numbers are entered for past and current quarters.`,
};

/** The English message of a count problem, for files and the API. */
function countMessage(issue: CountIssue, value: string): string {
  return COUNT_MESSAGES[issue](value);
}

/** The English message of a quarter problem, for files and the API. */
export function quarterMessage(issue: QuarterIssue, value: string): string {
  return QUARTER_MESSAGES[issue](value);
}

/** What a subscriber file or request is checked against. */
export interface SubscriberRules {
  operatorIds: ReadonlySet<string>;
  currentQuarter: string;
}

/** The figures of a file, or every problem found in it. */
export interface ParsedSubscriberFile {
  figures: SubscriberFigure[];
  problems: FieldProblem[];
}

/**
 * Reads a subscriber file (CSV, UTF-8, header `operator_id,service,quarter,subscribers`), naming
 * the line and the column of every problem. A file with any problem yields no figures: an import
 * is all or nothing. A blank `subscribers` cell is refused here: a file states figures.
 */
export function parseSubscriberCsv(text: string, rules: SubscriberRules): ParsedSubscriberFile {
  const read = readCsvRecords(text);
  if ('error' in read) return { figures: [], problems: [{ field: 'file', ...(read.error.line ? { line: read.error.line } : {}), message: `The file is not valid CSV: ${read.error.reason}` }] };
  const records = read.records;
  const [header, ...body] = records;
  if (!header) return { figures: [], problems: [{ field: 'file', line: 1, message: `The file is empty: it needs the header ${SUBSCRIBER_COLUMNS.join(',')} and at least one row.` }] };
  const names = header.cells.map((name) => name.trim().toLowerCase());
  const problems: FieldProblem[] = [];
  for (const column of SUBSCRIBER_COLUMNS) if (!names.includes(column)) problems.push({ field: column, line: header.line, message: `The header has no column ${column}.` });
  for (const name of names) if (!(SUBSCRIBER_COLUMNS as readonly string[]).includes(name)) problems.push({ field: name || '(blank)', line: header.line, message: `Unknown column "${name}"; the columns are ${SUBSCRIBER_COLUMNS.join(', ')}.` });
  if (body.length === 0) problems.push({ field: 'file', line: header.line + 1, message: 'The file has a header but no rows.' });
  if (problems.length > 0) return { figures: [], problems };

  const figures: SubscriberFigure[] = [];
  const seen = new Map<string, number>();
  for (const { cells: record, line } of body) {
    const cell = (column: (typeof SUBSCRIBER_COLUMNS)[number]) => (record[names.indexOf(column)] ?? '').trim();
    const before = problems.length;
    const fail = (field: string, message: string) => problems.push({ field, line, message });
    const operatorId = cell('operator_id');
    if (operatorId === '') fail('operator_id', 'The operator is missing.');
    else if (!rules.operatorIds.has(operatorId)) fail('operator_id', `"${operatorId}" is not the licence id of a known operator.`);
    const service = cell('service');
    if (!isSubscriberService(service)) fail('service', `"${service}" is not a service with subscribers; use ${SUBSCRIBER_SERVICES.join(', ')}.`);
    const quarter = cell('quarter').toUpperCase().replace(/^(\d{4})-q/i, '$1-Q');
    const quarterIssue = checkQuarter(quarter, rules.currentQuarter);
    if (quarterIssue) fail('quarter', quarterMessage(quarterIssue, cell('quarter')));
    const raw = cell('subscribers');
    const count = readSubscriberCount(raw);
    if ('issue' in count) fail('subscribers', countMessage(count.issue, raw));
    else if (count.value === null) fail('subscribers', 'The number of subscribers is missing.');
    if (problems.length > before || !('value' in count) || count.value === null) continue;
    const key = `${operatorId}\u0000${service}\u0000${quarter}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      fail('subscribers', `${operatorId} ${service} ${quarter} is already given on line ${earlier}.`);
      continue;
    }
    seen.set(key, line);
    figures.push({ operatorId, service: service as ComplaintService, quarter, subscribers: count.value });
  }
  return problems.length > 0 ? { figures: [], problems } : { figures, problems: [] };
}

/**
 * Checks the figures of one quarter sent as a list (the API): each entry names a known operator
 * and a service with subscribers, once, with a whole number. Fields are JSON pointers.
 */
export function checkQuarterFigures(quarter: string, entries: ReadonlyArray<{ operatorId: string; service: string; subscribers: number }>, rules: SubscriberRules): ParsedSubscriberFile {
  const problems: FieldProblem[] = [];
  const quarterIssue = checkQuarter(quarter, rules.currentQuarter);
  if (quarterIssue) problems.push({ field: 'quarter', message: quarterMessage(quarterIssue, quarter) });
  const figures: SubscriberFigure[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const at = (name: string) => `/figures/${index}/${name}`;
    const before = problems.length;
    if (!rules.operatorIds.has(entry.operatorId)) problems.push({ field: at('operatorId'), message: `"${entry.operatorId}" is not the licence id of a known operator.` });
    if (!isSubscriberService(entry.service)) problems.push({ field: at('service'), message: `"${entry.service}" is not a service with subscribers; use ${SUBSCRIBER_SERVICES.join(', ')}.` });
    const count = readSubscriberCount(String(entry.subscribers));
    if ('issue' in count) problems.push({ field: at('subscribers'), message: countMessage(count.issue, String(entry.subscribers)) });
    if (problems.length > before || !('value' in count) || count.value === null) return;
    const key = `${entry.operatorId}\u0000${entry.service}`;
    if (seen.has(key)) {
      problems.push({ field: at('service'), message: `${entry.operatorId} ${entry.service} is given twice.` });
      return;
    }
    seen.add(key);
    figures.push({ operatorId: entry.operatorId, service: entry.service as ComplaintService, quarter, subscribers: count.value });
  });
  return problems.length > 0 ? { figures: [], problems } : { figures, problems: [] };
}
