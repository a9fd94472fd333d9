import { readCsvFile, readCsvRecords, type CsvRead } from '../../../platform/csv-records.ts';
import { JsonReadError, readJsonEntryBatches } from '../../../platform/json-entries.ts';
import { Decimal } from 'decimal.js';
import { isPlainObject } from '../../../platform/value-checks.ts';
import { formulaStart } from '../../../platform/csv-writer.ts';
import { OPERATOR_ID } from '../../../platform/operators/index.ts';
import { fileProblem, type FileMessageValues, type FileProblem, type ValueKind } from './file-messages.ts';

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
  entryName: 'offer' | 'rate';
  /** The longest whole number a cell may hold, in digits, and the example the message gives. */
  wholeNumber: { maxDigits: number; example: string };
}

/** A usual way of writing a number wrongly, and the message key that explains it. */
interface NumberMistake {
  pattern: RegExp;
  /** A key of the import catalogue (`catalogue/locales/`); its values are `value`, `what` and `fixed`. */
  key: string;
  /** The number as it should have been written, when the mistake says. */
  fixed?(value: string): string;
}

/** "67 - 622": a range where one value is wanted. */
const RANGE: NumberMistake = { pattern: /^\d+(\.\d+)?\s*(-|–|to)\s*\d+(\.\d+)?$/, key: 'offers.import.number.range' };
/** "13 Milliseconds", "15 KES": a unit or a currency after the number. */
const UNIT_AFTER: NumberMistake = { pattern: /^\d+(\.\d+)?\s*\D+$/, key: 'offers.import.number.unit' };
/** "KES 15": a currency before the number. */
const UNIT_BEFORE: NumberMistake = { pattern: /^\D+\s*\d+(\.\d+)?$/, key: 'offers.import.number.unit' };
/** "1,500": a thousands separator. */
const THOUSANDS_SEPARATOR: NumberMistake = {
  pattern: /^\d{1,3}(,\d{3})+(\.\d+)?$/,
  key: 'offers.import.number.thousands',
  fixed: (value) => value.replaceAll(',', ''),
};
/** "1,5": a comma for decimals. */
const DECIMAL_COMMA: NumberMistake = {
  pattern: /^\d+,\d+$/,
  key: 'offers.import.number.decimalComma',
  fixed: (value) => value.replace(',', '.'),
};
/** "-5": a negative amount; no price, allowance or count of these files is below zero. */
const NEGATIVE: NumberMistake = { pattern: /^-\s*\d+([.,]\d+)?$/, key: 'offers.import.number.negative' };

/**
 * The wrong spellings of a number that get their own explanation, in the order they are checked:
 * the same for every file, so that a number one file refuses is refused by the other with the same
 * words. A decimal comma is never read as a decimal point: "1,500" could be either.
 */
const NUMBER_MISTAKES: readonly NumberMistake[] = [NEGATIVE, RANGE, THOUSANDS_SEPARATOR, DECIMAL_COMMA, UNIT_AFTER, UNIT_BEFORE];

/**
 * The cell a JSON value stands for, the same in every file: a string as it is; a number in plain
 * decimal notation (1e-7 is "0.0000001"); true and false as Yes and No; null as an empty cell.
 * Undefined for anything else (an array, an object), which is a problem.
 */
export function jsonCell(value: unknown): string | undefined {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  // JSON numbers keep their shortest decimal form, which is what the author wrote for any price.
  if (typeof value === 'number' && Number.isFinite(value)) return new Decimal(String(value)).toFixed();
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return undefined;
}

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
  problems: FileProblem[];
}

export { formulaStart, OPERATOR_ID };

const DECIMAL = /^\d+(\.\d+)?$/;
const INTEGER = /^\d+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);
const NULL_WORDS = new Set(['null', 'n/a', 'na', 'none', 'nil', '-']);

/**
 * The bounds of an offer or roaming file: a national file holds a few thousand rows of 46
 * columns, so these leave room for any real file and stop a hostile one at its first bad line.
 */
export const TABULAR_FILE_LIMITS = { maxRows: 20_000, maxColumns: 128, maxRecordChars: 65_536, maxDepth: 8 } as const;

/** Reads a file in its form, CSV or JSON, into rows, in one go: for small files where no request waits. */
export function parseTabularFile(text: string, form: 'csv' | 'json', format: TabularFormat): ParsedTabularFile {
  return form === 'json' ? parseTabularJson(text, format) : parseTabularCsv(text, format);
}

/**
 * Reads an uploaded file in its form, CSV or JSON, into rows a slice at a time, handing the event
 * loop back between slices, within {@link TABULAR_FILE_LIMITS}: the way every upload is read.
 */
export async function readTabularFile(text: string, form: 'csv' | 'json', format: TabularFormat): Promise<ParsedTabularFile> {
  if (form === 'csv') return tabularCsvRows(await readCsvFile(text, TABULAR_FILE_LIMITS), format);
  const rows: RawRow[] = [];
  const problems: FileProblem[] = [];
  const suggestions = { left: SUGGESTED_NAMES };
  try {
    for await (const batch of readJsonEntryBatches(text, {
      arrayName: format.listName,
      acceptsBareArray: true,
      maxEntryChars: TABULAR_FILE_LIMITS.maxRecordChars,
      maxDepth: TABULAR_FILE_LIMITS.maxDepth,
    })) {
      for (const { index, value } of batch) {
        if (index >= TABULAR_FILE_LIMITS.maxRows) return { rows: [], problems: [tooManyRows(`/${format.listName}/${index}`, index + 1, format)] };
        rows.push(tabularJsonRow(value, index, format, problems, suggestions));
      }
    }
  } catch (error) {
    if (!(error instanceof JsonReadError)) throw error;
    const { listName, entryName } = format;
    if (error.kind === 'noArray')
      return { rows: [], problems: [fileProblem(`/${listName}`, undefined, 'offers.import.file.noArray', { entry: entryName, list: listName })] };
    return {
      rows: [],
      problems: [
        fileProblem(
          error.index === undefined ? 'file' : `/${listName}/${error.index}`,
          error.index === undefined ? undefined : error.index + 1,
          'offers.import.file.notJson',
          { reason: error.reason },
        ),
      ],
    };
  }
  if (rows.length === 0)
    return { rows: [], problems: [fileProblem(`/${format.listName}`, undefined, 'offers.import.file.emptyArray', { list: format.listName })] };
  return { rows, problems };
}

function tooManyRows(field: string, line: number, format: TabularFormat): FileProblem {
  return fileProblem(field, line, 'offers.import.file.tooManyRows', { max: TABULAR_FILE_LIMITS.maxRows, entry: format.entryName });
}

/** Reads a CSV file (RFC 4180, UTF-8, header row) into rows; header problems are reported here. */
export function parseTabularCsv(text: string, format: TabularFormat): ParsedTabularFile {
  return tabularCsvRows(readCsvRecords(text, TABULAR_FILE_LIMITS), format);
}

function tabularCsvRows(read: CsvRead, format: TabularFormat): ParsedTabularFile {
  if ('error' in read) return { rows: [], problems: [fileProblem('file', read.error.line, 'offers.import.file.notCsv', { reason: read.error.reason })] };
  const records = read.records;
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [fileProblem('file', 1, 'offers.import.file.empty', { entry: format.entryName })] };
  const past = body[TABULAR_FILE_LIMITS.maxRows];
  if (past) return { rows: [], problems: [tooManyRows('file', past.line, format)] };
  const headerLine = header.line;
  const names = header.cells.map((name) => name.trim());
  const problems = checkHeader(names, format, headerLine);
  if (body.length === 0) problems.push(fileProblem('file', headerLine + 1, 'offers.import.file.noRows', { entry: format.entryName }));
  const rows = body.map((entry) => {
    const line = entry.line;
    const cells: Record<string, string> = {};
    names.forEach((name, index) => {
      cells[name] = entry.cells[index] ?? '';
    });
    if (entry.cells.length !== names.length)
      problems.push(fileProblem('file', line, 'offers.import.file.cellCount', { cells: entry.cells.length, columns: names.length }));
    return { line, cells, fieldOf: (column: string) => column };
  });
  return { rows, problems };
}

/** Reads a JSON file (an object holding the array named by the format, or the array itself) into rows. */
export function parseTabularJson(text: string, format: TabularFormat): ParsedTabularFile {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { rows: [], problems: [fileProblem('file', undefined, 'offers.import.file.notJson', { reason: (error as Error).message })] };
  }
  const { listName, entryName } = format;
  const entries = Array.isArray(document) ? document : isPlainObject(document) ? document[listName] : undefined;
  if (!Array.isArray(entries))
    return { rows: [], problems: [fileProblem(`/${listName}`, undefined, 'offers.import.file.noArray', { entry: entryName, list: listName })] };
  if (entries.length === 0) return { rows: [], problems: [fileProblem(`/${listName}`, undefined, 'offers.import.file.emptyArray', { list: listName })] };
  const problems: FileProblem[] = [];
  const suggestions = { left: SUGGESTED_NAMES };
  const rows = entries.map((entry: unknown, index): RawRow => tabularJsonRow(entry, index, format, problems, suggestions));
  return { rows, problems };
}

/**
 * How many unknown names of one file get a "did you mean": finding the closest column costs a
 * fraction of a millisecond, which thousands of made-up names would turn into seconds.
 */
const SUGGESTED_NAMES = 100;

/** One entry of a JSON file as a row, its problems added to `problems`. */
function tabularJsonRow(entry: unknown, index: number, format: TabularFormat, problems: FileProblem[], suggestions: { left: number }): RawRow {
  const { listName, entryName } = format;
  const line = index + 1;
  const fieldOf = (column: string) => `/${listName}/${index}/${column}`;
  const cells: Record<string, string> = {};
  if (!isPlainObject(entry)) {
    problems.push(fileProblem(`/${listName}/${index}`, line, 'offers.import.file.notObject', { entry: entryName }));
    return { line, cells, fieldOf };
  }
  const fields = Object.keys(entry).length;
  if (fields > TABULAR_FILE_LIMITS.maxColumns) {
    problems.push(
      fileProblem(`/${listName}/${index}`, line, 'offers.import.file.tooManyFields', { entry: entryName, count: fields, max: TABULAR_FILE_LIMITS.maxColumns }),
    );
    return { line, cells, fieldOf };
  }
  for (const [key, value] of Object.entries(entry)) {
    if (!format.columns.includes(key)) {
      problems.push(unknownColumnProblem(fieldOf(key), line, key, format, suggestions.left > 0));
      suggestions.left -= 1;
    } else {
      const cell = jsonCell(value);
      if (cell === undefined) problems.push(fileProblem(fieldOf(key), line, 'offers.import.value.type'));
      else cells[key] = cell;
    }
  }
  for (const required of format.requiredKeys) if (!(required in entry)) problems.push(fileProblem(fieldOf(required), line, 'offers.import.cell.required'));
  return { line, cells, fieldOf };
}

/** Reports unknown, misspelled, repeated and missing header names. */
export function checkHeader(names: readonly string[], format: TabularFormat, line = 1): FileProblem[] {
  const problems: FileProblem[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) problems.push(fileProblem(name, line, 'offers.import.header.duplicate', { column: name }));
    seen.add(name);
    if (!format.columns.includes(name)) problems.push(unknownColumnProblem(name || '(empty)', line, name, format));
  }
  for (const required of format.requiredColumns) {
    if (!seen.has(required)) problems.push(fileProblem(required, line, 'offers.import.header.missing', { column: required }));
  }
  return problems;
}

function unknownColumnProblem(field: string, line: number, name: string, format: TabularFormat, isSuggested = true): FileProblem {
  if (name === '') return fileProblem(field, line, 'offers.import.column.emptyName');
  const closest = isSuggested ? closestColumn(name, format.columns) : undefined;
  return closest
    ? fileProblem(field, line, 'offers.import.column.unknownClose', { name, closest })
    : fileProblem(field, line, 'offers.import.column.unknown', { name, specification: format.specification });
}

/** The known column closest to a misspelled one, when it is close enough to be a likely typo. */
export function closestColumn(name: string, columns: readonly string[]): string | undefined {
  const wanted = name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  // The distance is at least the difference of lengths: a name far longer than every column matches none, and is not compared.
  const longest = Math.max(...columns.map((c) => c.length));
  if (wanted.length > longest + Math.max(2, Math.floor(longest / 3))) return undefined;
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
  /** Records a problem of a column of this row: a key of the import catalogue (`catalogue/locales/`) and its values. */
  fail(column: C, key: string, values?: FileMessageValues): void;
  /** The cell of a column, trimmed; empty when the column is absent. */
  cell(column: C): string;
  /** Whether `value` is a word for "nothing" such as NULL or N/A, which is recorded as a problem: an empty cell says it. */
  isNullWord(column: C, value: string): boolean;
  /** A decimal cell, normalised ("007.50" is "7.5"); null when empty or wrong. `what` names the value in messages. */
  decimal(column: C, what: ValueKind): string | null;
  /** A decimal value that is not a whole cell (one entry of a list, say), read like {@link CellReader.decimal}; `values` completes `what`. */
  decimalValue(column: C, value: string, what: ValueKind, values?: FileMessageValues): string | null;
  /** A whole-number cell; null when empty or wrong. */
  whole(column: C, what: ValueKind): number | null;
  /** A Yes or No cell; null when empty or wrong. */
  yesNo(column: C): boolean | null;
  /** A date cell written YYYY-MM-DD; null when empty or wrong. */
  date(column: C): string | null;
  /**
   * Whether a name (the cell, or `value` taken from it, such as one entry of a list) starts as a
   * spreadsheet formula would; such a name is recorded as a problem, since exports carry it to
   * spreadsheets.
   */
  isFormula(column: C, value?: string): boolean;
}

/** Reads the cells of `row` in `format`, adding each problem to `problems`. */
export function cellReader<C extends string>(row: RawRow, format: TabularFormat<C>, problems: FileProblem[]): CellReader<C> {
  const fail = (column: C, key: string, values?: FileMessageValues) => {
    problems.push(fileProblem(row.fieldOf(column), row.line, key, values));
  };
  const cell = (column: C): string => (row.cells[column] ?? '').trim();
  const isNullWord = (column: C, value: string): boolean => {
    if (!NULL_WORDS.has(value.toLowerCase())) return false;
    fail(column, 'offers.import.cell.nullWord', { value });
    return true;
  };
  const decimalValue = (column: C, raw: string, what: ValueKind, extra: FileMessageValues = {}): string | null => {
    const value = raw.trim();
    if (DECIMAL.test(value)) {
      if (value.length <= 20) return normaliseDecimal(value);
      fail(column, 'offers.import.number.tooLong', { ...extra, value, what });
      return null;
    }
    if (isNullWord(column, value)) return null;
    const mistake = NUMBER_MISTAKES.find((m) => m.pattern.test(value));
    if (mistake) fail(column, mistake.key, { ...extra, value, what, ...(mistake.fixed ? { fixed: mistake.fixed(value) } : {}) });
    else fail(column, 'offers.import.number.invalid', { ...extra, value, what });
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
      if (!isNullWord(column, value)) fail(column, 'offers.import.whole.invalid', { value, what, example: format.wholeNumber.example });
      return null;
    },
    yesNo(column) {
      const value = cell(column);
      if (value === '') return null;
      if (YES.has(value.toLowerCase())) return true;
      if (NO.has(value.toLowerCase())) return false;
      fail(column, 'offers.import.yesNo.invalid', { value });
      return null;
    },
    isFormula(column, value) {
      const start = formulaStart(value ?? row.cells[column] ?? '');
      if (start === undefined) return false;
      fail(column, 'offers.import.text.formula', { start });
      return true;
    },
    date(column) {
      const value = cell(column);
      if (value === '') return null;
      if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
        fail(column, 'offers.import.date.invalid', { value });
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
    cells.fail('operator_id', 'offers.import.operator.missing');
  } else if (!OPERATOR_ID.test(operatorId)) cells.fail('operator_id', 'offers.import.operator.invalid', { value: operatorId });
  else if (importOperatorId && operatorId !== importOperatorId)
    cells.fail('operator_id', 'offers.import.operator.other', { operator: operatorId, importOperator: importOperatorId });
  return operatorId;
}

/** The currency of a row, the jurisdiction's when empty; any other is refused. `entry` starts the message: Prices (of an offer), Rates. */
export function readCurrency(cells: CellReader<CommonColumn>, jurisdictionCurrency: string, entry: 'offer' | 'rate'): string {
  const currency = cells.cell('currency') || jurisdictionCurrency;
  if (!CURRENCY.test(currency)) cells.fail('currency', 'offers.import.currency.invalid', { value: currency, currency: jurisdictionCurrency });
  else if (currency !== jurisdictionCurrency)
    cells.fail('currency', 'offers.import.currency.other', { entry, currency: jurisdictionCurrency, value: currency });
  return currency;
}

/** When a row applies: from effective_from (`today` when empty) to effective_to, exclusive (null while open-ended). */
export function readEffectivePeriod(cells: CellReader<CommonColumn>, today: string): { effectiveFrom: string; effectiveTo: string | null } {
  const effectiveFrom = cells.date('effective_from') ?? today;
  const effectiveTo = cells.date('effective_to');
  if (effectiveTo !== null && effectiveTo <= effectiveFrom) cells.fail('effective_to', 'offers.import.period.order', { to: effectiveTo, from: effectiveFrom });
  return { effectiveFrom, effectiveTo };
}
