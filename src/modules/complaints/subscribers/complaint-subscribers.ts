import { readCsvRecords } from '../../../platform/csv-records.ts';
import type { FieldProblem, KeyedProblem } from '../../../platform/http/errors.ts';
import { listValue, type EnglishMessageValues } from '../../../platform/i18n/index.ts';
import { subscriberProblem } from './subscriber-messages.ts';
import type { ComplaintService } from '../cases/complaint.types.ts';

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

/** The message of a count problem, by its issue. */
const COUNT_MESSAGES: Readonly<Record<CountIssue, string>> = { negative: 'negative', notWhole: 'notWhole', tooLarge: 'tooLarge' };

/** The message of a quarter problem, by its issue. */
const QUARTER_MESSAGES: Readonly<Record<QuarterIssue, string>> = { unknown: 'quarterUnknown', future: 'quarterFuture' };

/** A count problem of a file's line or a request's entry, said from its key. */
function countProblem(field: string, line: number | undefined, issue: CountIssue, value: string): KeyedProblem {
  return subscriberProblem(field, line, COUNT_MESSAGES[issue], { value, max: MAX_SUBSCRIBERS });
}

/** A quarter problem of a file's line or a request, said from its key. */
function quarterProblem(field: string, line: number | undefined, issue: QuarterIssue, value: string): KeyedProblem {
  return subscriberProblem(field, line, QUARTER_MESSAGES[issue], { value });
}

/** The English message of a quarter problem, for the command line. */
export function quarterMessage(issue: QuarterIssue, value: string): string {
  return quarterProblem('quarter', undefined, issue, value).message;
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
  if ('error' in read) {
    // The platform's own words for a file that is not CSV, in any language.
    const problem: KeyedProblem = {
      field: 'file',
      ...(read.error.line ? { line: read.error.line } : {}),
      message: read.error.reason,
      key: read.error.key,
      values: read.error.values,
    };
    return { figures: [], problems: [problem] };
  }
  const records = read.records;
  const [header, ...body] = records;
  if (!header) return { figures: [], problems: [subscriberProblem('file', 1, 'empty', { header: SUBSCRIBER_COLUMNS.join(',') })] };
  const names = header.cells.map((name) => name.trim().toLowerCase());
  const problems: FieldProblem[] = [];
  for (const column of SUBSCRIBER_COLUMNS) if (!names.includes(column)) problems.push(subscriberProblem(column, header.line, 'noColumn', { column }));
  for (const name of names)
    if (!(SUBSCRIBER_COLUMNS as readonly string[]).includes(name))
      problems.push(subscriberProblem(name || '(blank)', header.line, 'unknownColumn', { name, columns: listValue(SUBSCRIBER_COLUMNS) }));
  if (body.length === 0) problems.push(subscriberProblem('file', header.line + 1, 'noRows'));
  if (problems.length > 0) return { figures: [], problems };

  const figures: SubscriberFigure[] = [];
  const seen = new Map<string, number>();
  for (const { cells: record, line } of body) {
    const cell = (column: (typeof SUBSCRIBER_COLUMNS)[number]) => (record[names.indexOf(column)] ?? '').trim();
    const before = problems.length;
    const fail = (field: string, name: string, values: EnglishMessageValues = {}) => problems.push(subscriberProblem(field, line, name, values));
    const operatorId = cell('operator_id');
    if (operatorId === '') fail('operator_id', 'operatorMissing');
    else if (!rules.operatorIds.has(operatorId)) fail('operator_id', 'operatorUnknown', { operator: operatorId });
    const service = cell('service');
    if (!isSubscriberService(service)) fail('service', 'serviceUnknown', { service, services: listValue(SUBSCRIBER_SERVICES, 'or') });
    const quarter = cell('quarter')
      .toUpperCase()
      .replace(/^(\d{4})-q/i, '$1-Q');
    const quarterIssue = checkQuarter(quarter, rules.currentQuarter);
    if (quarterIssue) problems.push(quarterProblem('quarter', line, quarterIssue, cell('quarter')));
    const raw = cell('subscribers');
    const count = readSubscriberCount(raw);
    if ('issue' in count) problems.push(countProblem('subscribers', line, count.issue, raw));
    else if (count.value === null) fail('subscribers', 'countMissing');
    if (problems.length > before || !('value' in count) || count.value === null) continue;
    const key = `${operatorId}\u0000${service}\u0000${quarter}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      fail('subscribers', 'duplicateLine', { operator: operatorId, service, quarter, line: earlier });
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
export function checkQuarterFigures(
  quarter: string,
  entries: ReadonlyArray<{ operatorId: string; service: string; subscribers: number }>,
  rules: SubscriberRules,
): ParsedSubscriberFile {
  const problems: FieldProblem[] = [];
  const quarterIssue = checkQuarter(quarter, rules.currentQuarter);
  if (quarterIssue) problems.push(quarterProblem('quarter', undefined, quarterIssue, quarter));
  const figures: SubscriberFigure[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const at = (name: string) => `/figures/${index}/${name}`;
    const before = problems.length;
    if (!rules.operatorIds.has(entry.operatorId))
      problems.push(subscriberProblem(at('operatorId'), undefined, 'operatorUnknown', { operator: entry.operatorId }));
    if (!isSubscriberService(entry.service))
      problems.push(subscriberProblem(at('service'), undefined, 'serviceUnknown', { service: entry.service, services: listValue(SUBSCRIBER_SERVICES, 'or') }));
    const count = readSubscriberCount(String(entry.subscribers));
    if ('issue' in count) problems.push(countProblem(at('subscribers'), undefined, count.issue, String(entry.subscribers)));
    if (problems.length > before || !('value' in count) || count.value === null) return;
    const key = `${entry.operatorId}\u0000${entry.service}`;
    if (seen.has(key)) {
      problems.push(subscriberProblem(at('service'), undefined, 'duplicateEntry', { operator: entry.operatorId, service: entry.service }));
      return;
    }
    seen.add(key);
    figures.push({ operatorId: entry.operatorId, service: entry.service as ComplaintService, quarter, subscribers: count.value });
  });
  return problems.length > 0 ? { figures: [], problems } : { figures, problems: [] };
}
