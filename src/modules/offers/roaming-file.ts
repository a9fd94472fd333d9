import { parse } from 'csv-parse/sync';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { isCountryCode } from './roaming-countries.ts';
import { WORLD_ZONE } from './roaming-settings.ts';

/** Every column of the roaming rate file, in the order of docs/formats/roaming.md. */
export const ROAMING_COLUMNS = [
  'unique_plan_id',
  'operator_id',
  'destination',
  'currency',
  'voice_out_per_min',
  'voice_in_per_min',
  'sms_out_each',
  'data_per_mb',
  'included_voice_min',
  'included_sms',
  'included_data_mb',
  'bundle_price',
  'validity_days',
  'daily_fee',
  'fair_use_mb',
  'fair_use_price_per_mb',
  'effective_from',
  'effective_to',
] as const;

/** One column name of the roaming rate file. */
export type RoamingColumn = (typeof ROAMING_COLUMNS)[number];

/** Columns every file must have; the others may be left out of the header. */
export const REQUIRED_ROAMING_COLUMNS: readonly RoamingColumn[] = ['unique_plan_id', 'destination'];

/**
 * The roaming rates of one plan in one destination, as Kinga keeps them after validation.
 * Amounts are decimal strings in `currency`; a null price means the service cannot be used there.
 */
export interface RoamingRateRecord {
  planId: string;
  operatorId: string;
  /** An ISO 3166-1 alpha-2 code (capitals), a zone id of the jurisdiction profile, or `world`. */
  destination: string;
  currency: string;
  voiceOutPerMinute: string | null;
  voiceInPerMinute: string | null;
  smsEach: string | null;
  dataPerMb: string | null;
  /** Minutes included per validity period, for calls made and received together. */
  includedVoiceMinutes: number;
  includedSms: number;
  /** MB included per validity period; null is unlimited (always with a fair-use limit). */
  includedDataMb: string | null;
  /** The price of one roaming bundle (the included allowance); null when the allowance comes with the plan. */
  bundlePrice: string | null;
  /** Days the included allowance (one bundle) lasts. */
  validityDays: number;
  /** Charged for each day of the stay. */
  dailyFee: string | null;
  /** MB of data per stay beyond which `fairUsePricePerMb` applies; null when there is no fair-use limit. */
  fairUseMb: string | null;
  fairUsePricePerMb: string | null;
  /** YYYY-MM-DD. */
  effectiveFrom: string;
  /** YYYY-MM-DD, exclusive; null while open-ended. */
  effectiveTo: string | null;
}

/** One row of a file before validation. */
export interface RawRoamingRow {
  /** The line the row starts on (the header is line 1); for JSON, the rate's position from 1. */
  line: number;
  /** How a field is named in problems: the column for CSV, a JSON pointer for JSON. */
  fieldOf(column: string): string;
  cells: Partial<Record<string, string>>;
}

/** A parsed file: its rows, or the problems that stopped it being read at all. */
export interface ParsedRoamingFile {
  rows: RawRoamingRow[];
  problems: FieldProblem[];
}

/** What validation needs to know about the jurisdiction and the import. */
export interface RoamingValidationOptions {
  /** The jurisdiction's currency: rates in another currency are rejected. */
  currency: string;
  /** The jurisdiction's own country, which is never a roaming destination. */
  homeCountry: string;
  /** The zone ids declared in the jurisdiction profile (`world` is always known). */
  zoneIds: ReadonlySet<string>;
  /** Fills an empty operator_id; a row naming another operator is rejected. */
  operatorId?: string;
  /** The date a rate without effective_from takes effect (the import date), YYYY-MM-DD. */
  today: string;
}

/** What validation found: the valid rates, and every problem with its line and column. */
export interface RoamingValidation {
  rates: { line: number; record: RoamingRateRecord }[];
  /** The plan and operator of every row that names both well, valid or not, so the plans of wrong rows are checked too. */
  references: { line: number; planId: string; operatorId: string }[];
  problems: FieldProblem[];
}

const DECIMAL = /^\d+(\.\d+)?$/;
const INTEGER = /^\d+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NULL_WORDS = new Set(['null', 'n/a', 'na', 'none', 'nil', '-']);
const OPERATOR_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const CURRENCY = /^[A-Z]{3}$/;
const PLAN_ID = /^[FM]\d{10}[A-Z0-9]{1,15}$/;

/** Reads a CSV roaming file (RFC 4180, UTF-8, header row) into rows; header problems are reported here. */
export function parseRoamingCsv(text: string): ParsedRoamingFile {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    const parsed: unknown[] = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
    // With `info`, csv-parse returns {record, info} objects although its types say string arrays.
    records = parsed.filter(isRecordWithInfo);
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { rows: [], problems: [{ field: 'file', ...(line ? { line } : {}), message: `The file is not valid CSV (RFC 4180): ${(error as Error).message}` }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ field: 'file', line: 1, message: 'The file is empty: it needs a header row and at least one rate.' }] };
  const headerLine = startLine(header);
  const names = header.record.map((name) => name.trim());
  const problems = checkRoamingHeader(names, headerLine);
  if (body.length === 0) problems.push({ field: 'file', line: headerLine + 1, message: 'The file has a header row but no rates.' });
  const rows = body.map((entry) => {
    const line = startLine(entry);
    const cells: Record<string, string> = {};
    names.forEach((name, index) => {
      cells[name] = entry.record[index] ?? '';
    });
    if (entry.record.length !== names.length) problems.push({ field: 'file', line, message: `This row has ${entry.record.length} cells but the header has ${names.length}.` });
    return { line, cells, fieldOf: (column: string) => column };
  });
  return { rows, problems };
}

function isRecordWithInfo(value: unknown): value is { record: string[]; info: { lines: number } } {
  if (typeof value !== 'object' || value === null || !('record' in value) || !('info' in value)) return false;
  const { record, info } = value;
  return Array.isArray(record) && typeof info === 'object' && info !== null && 'lines' in info && typeof info.lines === 'number';
}

function startLine({ record, info }: { record: string[]; info: { lines: number } }): number {
  // csv-parse counts the line a record ends on; quoted cells may hold line breaks.
  const inner = record.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0);
  return info.lines - inner;
}

/** Reads a JSON roaming file (`{"rates": [{...}]}`, or an array of rates) into rows. */
export function parseRoamingJson(text: string): ParsedRoamingFile {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { rows: [], problems: [{ field: 'file', message: `The file is not valid JSON: ${(error as Error).message}` }] };
  }
  const rates = Array.isArray(document) ? document : isObject(document) ? document['rates'] : undefined;
  if (!Array.isArray(rates)) return { rows: [], problems: [{ field: '/rates', message: 'The file must be an object with a "rates" array.' }] };
  if (rates.length === 0) return { rows: [], problems: [{ field: '/rates', message: 'The "rates" array is empty.' }] };
  const problems: FieldProblem[] = [];
  const rows = rates.map((rate: unknown, index): RawRoamingRow => {
    const line = index + 1;
    const fieldOf = (column: string) => `/rates/${index}/${column}`;
    const cells: Record<string, string> = {};
    if (!isObject(rate)) {
      problems.push({ field: `/rates/${index}`, line, message: 'Each rate must be an object of column names and values.' });
      return { line, cells, fieldOf };
    }
    for (const [key, value] of Object.entries(rate)) {
      if (!isColumn(key)) problems.push({ field: fieldOf(key), line, message: unknownColumnMessage(key) });
      else if (value === null || value === undefined) cells[key] = '';
      else if (typeof value === 'string') cells[key] = value;
      // JSON numbers keep their shortest decimal form, which is what the author wrote for any price.
      else if (typeof value === 'number' && Number.isFinite(value)) cells[key] = String(value);
      else problems.push({ field: fieldOf(key), line, message: 'A value must be a string, a number or null.' });
    }
    for (const required of REQUIRED_ROAMING_COLUMNS) if (!(required in rate)) problems.push({ field: fieldOf(required), line, message: 'This column must have a value.' });
    return { line, cells, fieldOf };
  });
  return { rows, problems };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isColumn(name: string): name is RoamingColumn {
  return (ROAMING_COLUMNS as readonly string[]).includes(name);
}

/** Reports unknown, misspelled, repeated and missing header names. */
export function checkRoamingHeader(names: readonly string[], line = 1): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) problems.push({ field: name, line, message: `The column ${name} appears more than once in the header.` });
    seen.add(name);
    if (!isColumn(name)) problems.push({ field: name || '(empty)', line, message: unknownColumnMessage(name) });
  }
  for (const required of REQUIRED_ROAMING_COLUMNS) {
    if (!seen.has(required)) problems.push({ field: required, line, message: `The header has no ${required} column, which every file needs.` });
  }
  return problems;
}

function unknownColumnMessage(name: string): string {
  if (name === '') return 'A header cell is empty; every column needs a name.';
  const wanted = name.trim().toLowerCase().replace(/[\s-]+/g, '_');
  let best: { column: string; distance: number } | undefined;
  for (const column of ROAMING_COLUMNS) {
    const distance = editDistance(wanted, column);
    if (!best || distance < best.distance) best = { column, distance };
  }
  // A third of the name may differ: "data_per_mo" and "Data Per MB" match, "colour" does not.
  if (best && best.distance <= Math.max(2, Math.floor(best.column.length / 3))) return `Unknown column "${name}"; did you mean "${best.column}"?`;
  return `Unknown column "${name}"; docs/formats/roaming.md lists the columns.`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Validates every row and returns the rates that pass with every problem found, each with its
 * line, column and reason. Pure: the service checks plans and operators against the database.
 */
export function validateRoamingRows(rows: readonly RawRoamingRow[], options: RoamingValidationOptions): RoamingValidation {
  const problems: FieldProblem[] = [];
  const rates: RoamingValidation['rates'] = [];
  const references: RoamingValidation['references'] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const before = problems.length;
    const record = validateRow(row, options, problems);
    const planId = (row.cells['unique_plan_id'] ?? '').trim();
    const operatorId = (row.cells['operator_id'] ?? '').trim() || options.operatorId || '';
    if (PLAN_ID.test(planId) && OPERATOR_ID.test(operatorId)) references.push({ line: row.line, planId, operatorId });
    if (record) {
      const key = `${record.planId} ${record.destination}`;
      const first = firstLine.get(key);
      if (first !== undefined) {
        problems.push({ field: row.fieldOf('destination'), line: row.line, message: `The plan ${record.planId} already has a rate for ${record.destination} on line ${first}; give one row per plan and destination.` });
      } else firstLine.set(key, row.line);
    }
    if (record && problems.length === before) rates.push({ line: row.line, record });
  }
  return { rates, references, problems };
}

function validateRow(row: RawRoamingRow, options: RoamingValidationOptions, problems: FieldProblem[]): RoamingRateRecord | undefined {
  const { line } = row;
  const fail = (column: RoamingColumn, message: string) => {
    problems.push({ field: row.fieldOf(column), line, message });
  };
  const cell = (column: RoamingColumn): string => (row.cells[column] ?? '').trim();
  const decimal = (column: RoamingColumn, what: string): string | null => {
    const value = cell(column);
    if (value === '') return null;
    if (DECIMAL.test(value) && value.length <= 20) return normaliseDecimal(value);
    if (DECIMAL.test(value)) fail(column, `"${value}" is too long for ${what}.`);
    else if (NULL_WORDS.has(value.toLowerCase())) fail(column, `"${value}" is not allowed here; leave the cell empty when there is no value.`);
    else if (/^\d+(\.\d+)?\s*\D+$/.test(value) || /^\D+\s*\d+(\.\d+)?$/.test(value)) fail(column, `"${value}" is not ${what}: write the number alone, without a unit or currency (the unit is given by the column).`);
    else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(value)) fail(column, `"${value}" uses a thousands separator; write ${value.replaceAll(',', '')}.`);
    else if (/^\d+,\d+$/.test(value)) fail(column, `"${value}" uses a comma for decimals; write ${value.replace(',', '.')}.`);
    else fail(column, `"${value}" is not ${what}; write a plain number with a dot for decimals, such as 12.50.`);
    return null;
  };
  const whole = (column: RoamingColumn, what: string): number | null => {
    const value = cell(column);
    if (value === '') return null;
    if (INTEGER.test(value) && value.length <= 7) return Number(value);
    if (NULL_WORDS.has(value.toLowerCase())) fail(column, `"${value}" is not allowed here; leave the cell empty when there is no value.`);
    else fail(column, `"${value}" is not ${what}; write a whole number such as 100, with no unit.`);
    return null;
  };
  const date = (column: RoamingColumn): string | null => {
    const value = cell(column);
    if (value === '') return null;
    if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
      fail(column, `"${value}" is not a date written YYYY-MM-DD.`);
      return null;
    }
    return value;
  };

  const planId = cell('unique_plan_id');
  if (planId === '') fail('unique_plan_id', 'This column must have a value: the plan id of one of your published offers.');
  else if (!PLAN_ID.test(planId)) fail('unique_plan_id', `"${planId}" is not a plan id: F or M, a 10-digit registration number, then capital letters or digits, as in the offer file.`);

  let operatorId = cell('operator_id');
  if (operatorId === '') {
    if (options.operatorId) operatorId = options.operatorId;
    else fail('operator_id', 'This column must name the operator\'s licence id (or import with --operator).');
  } else if (!OPERATOR_ID.test(operatorId)) fail('operator_id', `"${operatorId}" is not a licence id (letters, digits, dot, dash or underscore).`);
  else if (options.operatorId && operatorId !== options.operatorId) fail('operator_id', `This row belongs to ${operatorId}, but this import is for ${options.operatorId} only.`);

  const destination = cell('destination');
  if (destination === '') fail('destination', 'This column must have a value: an ISO 3166-1 alpha-2 country code such as UG, or a zone id.');
  else if (/^[A-Z]{2}$/.test(destination)) {
    if (!isCountryCode(destination)) fail('destination', `"${destination}" is not an ISO 3166-1 alpha-2 country code.`);
    else if (destination === options.homeCountry) fail('destination', `${destination} is the home country of this jurisdiction; roaming rates are for abroad.`);
  } else if (destination !== WORLD_ZONE && !options.zoneIds.has(destination)) {
    const upper = destination.toUpperCase();
    const zones = [...options.zoneIds, WORLD_ZONE].join(', ');
    if (/^[a-z]{2}$/.test(destination) && isCountryCode(upper)) fail('destination', `Write country codes in capitals: ${upper}.`);
    else fail('destination', `"${destination}" is neither an ISO 3166-1 alpha-2 country code nor a zone of this jurisdiction (${zones}).`);
  }

  const currency = cell('currency') || options.currency;
  if (!CURRENCY.test(currency)) fail('currency', `"${currency}" is not an ISO 4217 currency code such as ${options.currency}.`);
  else if (currency !== options.currency) fail('currency', `Rates must be in ${options.currency}, the currency of this jurisdiction, not ${currency}.`);

  const voiceOutPerMinute = decimal('voice_out_per_min', 'a price per minute');
  const voiceInPerMinute = decimal('voice_in_per_min', 'a price per minute');
  const smsEach = decimal('sms_out_each', 'a price per message');
  const dataPerMb = decimal('data_per_mb', 'a price per MB');
  const includedVoiceMinutes = whole('included_voice_min', 'a number of minutes') ?? 0;
  const includedSms = whole('included_sms', 'a number of messages') ?? 0;
  const dataCell = cell('included_data_mb');
  const isDataUnlimited = /^unlimited$/i.test(dataCell);
  const includedDataMb = isDataUnlimited ? null : (decimal('included_data_mb', 'a number of MB (or Unlimited)') ?? '0');
  const bundlePrice = decimal('bundle_price', 'a price');
  const validityCell = whole('validity_days', 'a number of days');
  if (validityCell === 0) fail('validity_days', 'An allowance is valid for at least one day.');
  if (bundlePrice !== null && cell('validity_days') === '') fail('validity_days', 'A roaming bundle needs the number of days it lasts in validity_days.');
  const hasAllowance = isDataUnlimited || includedVoiceMinutes > 0 || includedSms > 0 || (includedDataMb !== null && includedDataMb !== '0');
  if (bundlePrice !== null && !hasAllowance) fail('bundle_price', 'A bundle price is given but the bundle includes nothing: give included_voice_min, included_sms or included_data_mb.');
  const dailyFee = decimal('daily_fee', 'a daily fee');
  const fairUseMb = decimal('fair_use_mb', 'a number of MB');
  const fairUsePricePerMb = decimal('fair_use_price_per_mb', 'a price per MB');
  if (fairUseMb !== null && fairUsePricePerMb === null && cell('fair_use_price_per_mb') === '') fail('fair_use_price_per_mb', 'A fair-use limit needs the price per MB beyond it in fair_use_price_per_mb.');
  if (fairUseMb === null && fairUsePricePerMb !== null && cell('fair_use_mb') === '') fail('fair_use_mb', 'A price beyond the fair-use limit is given but the limit itself is empty.');
  if (isDataUnlimited && cell('fair_use_mb') === '') fail('fair_use_mb', 'Unlimited roaming data needs its fair-use limit in MB in fair_use_mb.');

  const effectiveFrom = date('effective_from') ?? options.today;
  const effectiveTo = date('effective_to');
  if (effectiveTo !== null && effectiveTo <= effectiveFrom) fail('effective_to', `effective_to (${effectiveTo}) must come after effective_from (${effectiveFrom}).`);

  if (planId === '' || destination === '' || operatorId === '') return undefined;
  return {
    planId,
    operatorId,
    destination,
    currency,
    voiceOutPerMinute,
    voiceInPerMinute,
    smsEach,
    dataPerMb,
    includedVoiceMinutes,
    includedSms,
    includedDataMb,
    bundlePrice,
    validityDays: validityCell ?? 30,
    dailyFee,
    fairUseMb,
    fairUsePricePerMb,
    effectiveFrom,
    effectiveTo,
  };
}

/** "007.50" -> "7.5": one spelling per amount, so that an unchanged rate hashes the same. */
function normaliseDecimal(value: string): string {
  const [whole = '0', fraction = ''] = value.split('.');
  const w = whole.replace(/^0+(?=\d)/, '');
  const f = fraction.replace(/0+$/, '');
  return f === '' ? w : `${w}.${f}`;
}
