import { parse } from 'csv-parse/sync';
import type { FieldProblem } from '../../platform/http/errors.ts';

/**
 * A file of rows under named columns, sent as CSV (a header row) or JSON (an array of objects):
 * the national offer file and the roaming rate file. What differs between them is said here.
 */
export interface TabularFormat<C extends string = string> {
  /** Every column, in the order of the specification; a rejection lists problems in this order. */
  columns: readonly C[];
  /** Columns every CSV header must name. */
  requiredColumns: readonly C[];
  /** Columns every entry of the JSON form must hold as keys. */
  requiredKeys: readonly C[];
  /** Where the columns are listed, named when an unknown column is not close to a known one. */
  specification: string;
  /** The array of the JSON form, also the plural in messages: `offers`, `rates`. */
  listName: string;
  /** One entry in messages: `offer`, `rate`. */
  entryName: string;
  /** Whether the JSON values true and false are read as the cells Yes and No. */
  hasYesNoColumns: boolean;
  /** The wrong spellings of a number that get their own explanation, checked in this order. */
  numberMistakes: readonly NumberMistake[];
  /** The longest whole number a cell may hold, in digits, and the example the message gives. */
  wholeNumber: { maxDigits: number; example: string };
}

/** A usual way of writing a number wrongly, and how to explain it. */
export interface NumberMistake {
  pattern: RegExp;
  message(value: string, what: string): string;
}

const UNIT_MESSAGE = (value: string, what: string) => `"${value}" is not ${what}: write the number alone, without a unit or currency (the unit is given by the column).`;

/** "67 - 622": a range where one value is wanted. */
export const RANGE: NumberMistake = {
  pattern: /^\d+(\.\d+)?\s*(-|–|to)\s*\d+(\.\d+)?$/,
  message: (value) => `"${value}" is a range; give one typical value as a plain number.`,
};
/** "13 Milliseconds", "15 KES": a unit or a currency after the number. */
export const UNIT_AFTER: NumberMistake = { pattern: /^\d+(\.\d+)?\s*\D+$/, message: UNIT_MESSAGE };
/** "KES 15": a currency before the number. */
export const UNIT_BEFORE: NumberMistake = { pattern: /^\D+\s*\d+(\.\d+)?$/, message: UNIT_MESSAGE };
/** "1,500": a thousands separator. */
export const THOUSANDS_SEPARATOR: NumberMistake = {
  pattern: /^\d{1,3}(,\d{3})+(\.\d+)?$/,
  message: (value) => `"${value}" uses a thousands separator; write ${value.replaceAll(',', '')}.`,
};
/** "1,5": a comma for decimals. */
export const DECIMAL_COMMA: NumberMistake = {
  pattern: /^\d+,\d+$/,
  message: (value) => `"${value}" uses a comma for decimals; write ${value.replace(',', '.')}.`,
};

/** One row before validation: its line and its cells by column name. */
export interface RawRow {
  /** The line the row starts on (the header is line 1); for JSON, the entry's position from 1. */
  line: number;
  /** How a field is named in problems: the column for CSV, a JSON pointer for JSON. */
  fieldOf(column: string): string;
  cells: Partial<Record<string, string>>;
}

/** A parsed file: its rows, and the problems found while reading it. */
export interface ParsedTabularFile {
  rows: RawRow[];
  problems: FieldProblem[];
}

/** An operator's licence id, as files, tokens and the operator list name it. */
export const OPERATOR_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const DECIMAL = /^\d+(\.\d+)?$/;
const INTEGER = /^\d+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);
const NULL_WORDS = new Set(['null', 'n/a', 'na', 'none', 'nil', '-']);

/** Reads a file in its form, CSV or JSON, into rows. */
export function parseTabularFile(text: string, form: 'csv' | 'json', format: TabularFormat): ParsedTabularFile {
  return form === 'json' ? parseTabularJson(text, format) : parseTabularCsv(text, format);
}

/** Reads a CSV file (RFC 4180, UTF-8, header row) into rows; header problems are reported here. */
export function parseTabularCsv(text: string, format: TabularFormat): ParsedTabularFile {
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
  if (!header) return { rows: [], problems: [{ field: 'file', line: 1, message: `The file is empty: it needs a header row and at least one ${format.entryName}.` }] };
  const headerLine = startLine(header);
  const names = header.record.map((name) => name.trim());
  const problems = checkHeader(names, format, headerLine);
  if (body.length === 0) problems.push({ field: 'file', line: headerLine + 1, message: `The file has a header row but no ${format.listName}.` });
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

/** Reads a JSON file (an object holding the array named by the format, or the array itself) into rows. */
export function parseTabularJson(text: string, format: TabularFormat): ParsedTabularFile {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { rows: [], problems: [{ field: 'file', message: `The file is not valid JSON: ${(error as Error).message}` }] };
  }
  const { listName, entryName } = format;
  const entries = Array.isArray(document) ? document : isObject(document) ? document[listName] : undefined;
  const article = /^[aeiou]/.test(listName) ? 'an' : 'a';
  if (!Array.isArray(entries)) return { rows: [], problems: [{ field: `/${listName}`, message: `The file must be an object with ${article} "${listName}" array.` }] };
  if (entries.length === 0) return { rows: [], problems: [{ field: `/${listName}`, message: `The "${listName}" array is empty.` }] };
  const problems: FieldProblem[] = [];
  const rows = entries.map((entry: unknown, index): RawRow => {
    const line = index + 1;
    const fieldOf = (column: string) => `/${listName}/${index}/${column}`;
    const cells: Record<string, string> = {};
    if (!isObject(entry)) {
      problems.push({ field: `/${listName}/${index}`, line, message: `Each ${entryName} must be an object of column names and values.` });
      return { line, cells, fieldOf };
    }
    for (const [key, value] of Object.entries(entry)) {
      if (!format.columns.includes(key)) problems.push({ field: fieldOf(key), line, message: unknownColumnMessage(key, format) });
      else if (value === null || value === undefined) cells[key] = '';
      else if (typeof value === 'string') cells[key] = value;
      // JSON numbers keep their shortest decimal form, which is what the author wrote for any price.
      else if (typeof value === 'number' && Number.isFinite(value)) cells[key] = String(value);
      else if (typeof value === 'boolean' && format.hasYesNoColumns) cells[key] = value ? 'Yes' : 'No';
      else problems.push({ field: fieldOf(key), line, message: format.hasYesNoColumns ? 'A value must be a string, a number, true, false or null.' : 'A value must be a string, a number or null.' });
    }
    for (const required of format.requiredKeys) if (!(required in entry)) problems.push({ field: fieldOf(required), line, message: 'This column must have a value.' });
    return { line, cells, fieldOf };
  });
  return { rows, problems };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reports unknown, misspelled, repeated and missing header names. */
export function checkHeader(names: readonly string[], format: TabularFormat, line = 1): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) problems.push({ field: name, line, message: `The column ${name} appears more than once in the header.` });
    seen.add(name);
    if (!format.columns.includes(name)) problems.push({ field: name || '(empty)', line, message: unknownColumnMessage(name, format) });
  }
  for (const required of format.requiredColumns) {
    if (!seen.has(required)) problems.push({ field: required, line, message: `The header has no ${required} column, which every file needs.` });
  }
  return problems;
}

function unknownColumnMessage(name: string, format: TabularFormat): string {
  if (name === '') return 'A header cell is empty; every column needs a name.';
  const closest = closestColumn(name, format.columns);
  return closest ? `Unknown column "${name}"; did you mean "${closest}"?` : `Unknown column "${name}"; ${format.specification} lists the columns.`;
}

/** The known column closest to a misspelled one, when it is close enough to be a likely typo. */
export function closestColumn(name: string, columns: readonly string[]): string | undefined {
  const wanted = name.trim().toLowerCase().replace(/[\s-]+/g, '_');
  let best: { column: string; distance: number } | undefined;
  for (const column of columns) {
    const distance = editDistance(wanted, column);
    if (!best || distance < best.distance) best = { column, distance };
  }
  // A third of the name may differ: "monthy_price" and "Monthly Price" match, "colour" does not.
  if (best && best.distance <= Math.max(2, Math.floor(best.column.length / 3))) return best.column;
  return undefined;
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

/** Reads the cells of one row; each wrong cell adds a problem with the row's line and the cell's field. */
export interface CellReader<C extends string> {
  /** Records a problem of a column of this row. */
  fail(column: C, message: string): void;
  /** The cell of a column, trimmed; empty when the column is absent. */
  cell(column: C): string;
  /** Whether `value` is a word for "nothing" such as NULL or N/A, which is recorded as a problem: an empty cell says it. */
  isNullWord(column: C, value: string): boolean;
  /** A decimal cell, normalised ("007.50" is "7.5"); null when empty or wrong. `what` names the value in messages. */
  decimal(column: C, what: string): string | null;
  /** A decimal value that is not a whole cell (one entry of a list, say), read like {@link CellReader.decimal}. */
  decimalValue(column: C, value: string, what: string): string | null;
  /** A whole-number cell; null when empty or wrong. */
  whole(column: C, what: string): number | null;
  /** A Yes or No cell; null when empty or wrong. */
  yesNo(column: C): boolean | null;
  /** A date cell written YYYY-MM-DD; null when empty or wrong. */
  date(column: C): string | null;
}

/** Reads the cells of `row` in `format`, adding each problem to `problems`. */
export function cellReader<C extends string>(row: RawRow, format: TabularFormat<C>, problems: FieldProblem[]): CellReader<C> {
  const fail = (column: C, message: string) => {
    problems.push({ field: row.fieldOf(column), line: row.line, message });
  };
  const cell = (column: C): string => (row.cells[column] ?? '').trim();
  const isNullWord = (column: C, value: string): boolean => {
    if (!NULL_WORDS.has(value.toLowerCase())) return false;
    fail(column, `"${value}" is not allowed here; leave the cell empty when there is no value.`);
    return true;
  };
  const decimalValue = (column: C, raw: string, what: string): string | null => {
    const value = raw.trim();
    if (DECIMAL.test(value)) {
      if (value.length <= 20) return normaliseDecimal(value);
      fail(column, `"${value}" is too long for ${what}.`);
      return null;
    }
    if (isNullWord(column, value)) return null;
    const mistake = format.numberMistakes.find((m) => m.pattern.test(value));
    fail(column, mistake ? mistake.message(value, what) : `"${value}" is not ${what}; write a plain number with a dot for decimals, such as 12.50.`);
    return null;
  };
  return {
    fail,
    cell,
    isNullWord,
    decimalValue,
    decimal(column, what) {
      const value = cell(column);
      return value === '' ? null : decimalValue(column, value, what);
    },
    whole(column, what) {
      const value = cell(column);
      if (value === '') return null;
      if (INTEGER.test(value) && value.length <= format.wholeNumber.maxDigits) return Number(value);
      if (!isNullWord(column, value)) fail(column, `"${value}" is not ${what}; write a whole number such as ${format.wholeNumber.example}, with no unit.`);
      return null;
    },
    yesNo(column) {
      const value = cell(column);
      if (value === '') return null;
      if (YES.has(value.toLowerCase())) return true;
      if (NO.has(value.toLowerCase())) return false;
      fail(column, `"${value}" is not Yes or No.`);
      return null;
    },
    date(column) {
      const value = cell(column);
      if (value === '') return null;
      if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
        fail(column, `"${value}" is not a date written YYYY-MM-DD.`);
        return null;
      }
      return value;
    },
  };
}

/** "007.50" -> "7.5": one spelling per amount, so that an unchanged entry hashes the same. */
function normaliseDecimal(value: string): string {
  const [whole = '0', fraction = ''] = value.split('.');
  const w = whole.replace(/^0+(?=\d)/, '');
  const f = fraction.replace(/0+$/, '');
  return f === '' ? w : `${w}.${f}`;
}

/** The columns every versioned file has: who publishes the entry, in which currency, and when it applies. */
export type CommonColumn = 'operator_id' | 'currency' | 'effective_from' | 'effective_to';

/** The operator of a row: its operator_id, or the import's operator when the cell is empty; a row of another operator is refused. */
export function readOperatorId(cells: CellReader<CommonColumn>, importOperatorId: string | undefined): string {
  const operatorId = cells.cell('operator_id');
  if (operatorId === '') {
    if (importOperatorId) return importOperatorId;
    cells.fail('operator_id', 'This column must name the operator\'s licence id (or import with --operator).');
  } else if (!OPERATOR_ID.test(operatorId)) cells.fail('operator_id', `"${operatorId}" is not a licence id (letters, digits, dot, dash or underscore).`);
  else if (importOperatorId && operatorId !== importOperatorId) cells.fail('operator_id', `This row belongs to ${operatorId}, but this import is for ${importOperatorId} only.`);
  return operatorId;
}

/** The currency of a row, the jurisdiction's when empty; any other is refused. `subject` starts the message: Prices, Rates. */
export function readCurrency(cells: CellReader<CommonColumn>, jurisdictionCurrency: string, subject: string): string {
  const currency = cells.cell('currency') || jurisdictionCurrency;
  if (!CURRENCY.test(currency)) cells.fail('currency', `"${currency}" is not an ISO 4217 currency code such as ${jurisdictionCurrency}.`);
  else if (currency !== jurisdictionCurrency) cells.fail('currency', `${subject} must be in ${jurisdictionCurrency}, the currency of this jurisdiction, not ${currency}.`);
  return currency;
}

/** When a row applies: from effective_from (`today` when empty) to effective_to, exclusive (null while open-ended). */
export function readEffectivePeriod(cells: CellReader<CommonColumn>, today: string): { effectiveFrom: string; effectiveTo: string | null } {
  const effectiveFrom = cells.date('effective_from') ?? today;
  const effectiveTo = cells.date('effective_to');
  if (effectiveTo !== null && effectiveTo <= effectiveFrom) cells.fail('effective_to', `effective_to (${effectiveTo}) must come after effective_from (${effectiveFrom}).`);
  return { effectiveFrom, effectiveTo };
}
