import { readCsvRecords } from '../../platform/csv-records.ts';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { isPlainObject } from '../../platform/value-checks.ts';

/** A row of an uploaded quality file before its checks: its line (the header is line 1; for JSON, the position from 1) and its cells. */
export interface RawRow<C extends string> {
  line: number;
  cells: Partial<Record<C, string>>;
  /** How the row's problems name a column: the CSV column, or the JSON pointer of the field. */
  fieldOf(column: string): string;
}

/** The shape of one kind of file: its columns, the JSON array that holds its rows and the words its messages use. */
export interface QualityFileShape<C extends string> {
  columns: readonly C[];
  /** The JSON document is `{"<arrayName>": [...]}`. */
  arrayName: string;
  /** What one row is called in messages, e.g. "measurement" or "KPI row". */
  rowNoun: string;
  /** What rows are called in messages, e.g. "measurements" or "KPI rows". */
  rowsNoun: string;
  /** The CSV columns a header must have; the others may be left out. */
  requiredColumns: readonly C[];
  /** Whether a JSON `null` stands for an empty cell. */
  acceptsNull: boolean;
}

/**
 * Reads a CSV (RFC 4180, header row, UTF-8) or JSON quality file into raw rows, or the problems
 * that stop it; the checks of each cell belong to the caller.
 */
export function readQualityFileRows<C extends string>(text: string, format: 'csv' | 'json', shape: QualityFileShape<C>): { rows: RawRow<C>[]; problems: FieldProblem[] } {
  return format === 'json' ? readJson(text, shape) : readCsv(text, shape);
}

function readCsv<C extends string>(text: string, shape: QualityFileShape<C>): { rows: RawRow<C>[]; problems: FieldProblem[] } {
  const isColumn = (name: string): name is C => (shape.columns as readonly string[]).includes(name);
  const read = readCsvRecords(text, { trim: true });
  if ('error' in read) return { rows: [], problems: [{ field: 'file', ...(read.error.line ? { line: read.error.line } : {}), message: `The file is not valid CSV (RFC 4180): ${read.error.reason}` }] };
  const records = read.records;
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ field: 'file', line: 1, message: `The file is empty: it needs a header row and at least one ${shape.rowNoun}.` }] };
  const names = header.cells.map((n) => n.toLowerCase());
  const problems: FieldProblem[] = [];
  const known = shape.columns.join(', ');
  for (const name of names) if (!isColumn(name)) problems.push({ field: name, line: 1, message: `Unknown column "${name}"; the columns are ${known}.` });
  for (const column of shape.requiredColumns) if (!names.includes(column)) problems.push({ field: column, line: 1, message: `The column "${column}" is missing; the columns are ${known}.` });
  if (body.length === 0) problems.push({ field: 'file', line: 2, message: `The file has a header row but no ${shape.rowsNoun}.` });
  const rows = body.map(({ cells: record, line }) => {
    const cells: Partial<Record<C, string>> = {};
    if (record.length !== names.length) problems.push({ field: 'file', line, message: `This row has ${record.length} cells but the header has ${names.length}.` });
    names.forEach((name, index) => {
      if (isColumn(name)) cells[name] = record[index] ?? '';
    });
    return { line, cells, fieldOf: (column: string) => column };
  });
  return { rows, problems };
}

function readJson<C extends string>(text: string, shape: QualityFileShape<C>): { rows: RawRow<C>[]; problems: FieldProblem[] } {
  const isColumn = (name: string): name is C => (shape.columns as readonly string[]).includes(name);
  const at = `/${shape.arrayName}`;
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { rows: [], problems: [{ field: 'file', message: `The file is not valid JSON: ${(error as Error).message}` }] };
  }
  const list = isPlainObject(document) ? document[shape.arrayName] : undefined;
  if (!Array.isArray(list)) return { rows: [], problems: [{ field: at, message: `The file must be an object with a "${shape.arrayName}" array.` }] };
  if (list.length === 0) return { rows: [], problems: [{ field: at, message: `The "${shape.arrayName}" array is empty.` }] };
  const problems: FieldProblem[] = [];
  const rows = list.map((item: unknown, index): RawRow<C> => {
    const line = index + 1;
    const fieldOf = (column: string) => `${at}/${index}/${column}`;
    const cells: Partial<Record<C, string>> = {};
    if (!isPlainObject(item)) {
      problems.push({ field: `${at}/${index}`, line, message: `Each ${shape.rowNoun} must be an object of field names and values.` });
      return { line, cells, fieldOf };
    }
    for (const [key, value] of Object.entries(item)) {
      if (!isColumn(key)) problems.push({ field: fieldOf(key), line, message: `Unknown field "${key}"; the fields are ${shape.columns.join(', ')}.` });
      else if (value === null && shape.acceptsNull) cells[key] = '';
      else if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) cells[key] = String(value);
      else problems.push({ field: fieldOf(key), line, message: shape.acceptsNull ? 'A value must be a string, a number or null.' : 'A value must be a string or a number.' });
    }
    return { line, cells, fieldOf };
  });
  return { rows, problems };
}
