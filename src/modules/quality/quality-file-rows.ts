import { CsvReadError, readCsvBatches } from '../../platform/csv-records.ts';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { JsonReadError, readJsonEntryBatches } from '../../platform/json-entries.ts';
import type { ProblemList } from '../../platform/upload-limits.ts';
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
 * A quality file's row is a few hundred characters at most (18 columns, identifiers of up to 128
 * characters): 16,384 leaves room for any real row and refuses a hostile one after its first line.
 * A header of more than 64 columns is not a quality file.
 */
export const QUALITY_FILE_LIMITS = { maxColumns: 64, maxRecordChars: 16_384, maxDepth: 4 } as const;

/**
 * Reads a CSV (RFC 4180, header row, UTF-8) or JSON quality file a batch of raw rows at a time,
 * handing the event loop back between batches. The problems of the file as a whole (not CSV, an
 * unknown column, more than `maxRows` rows, a line past the limits) go to `problems`, in the order
 * of the file; a problem that makes the rest unreadable ends the reading. The checks of each cell
 * belong to the caller.
 */
export async function* readQualityFileRows<C extends string>(text: string, format: 'csv' | 'json', shape: QualityFileShape<C>, maxRows: number, problems: ProblemList): AsyncGenerator<RawRow<C>[]> {
  yield* format === 'json' ? readJson(text, shape, maxRows, problems) : readCsv(text, shape, maxRows, problems);
}

const tooManyRows = (shape: QualityFileShape<string>, maxRows: number, line: number | undefined): FieldProblem => ({
  field: 'file',
  ...(line === undefined ? {} : { line }),
  message: `The file has more than ${maxRows.toLocaleString('en')} ${shape.rowsNoun}; split it into files of at most ${maxRows.toLocaleString('en')}.`,
});

async function* readCsv<C extends string>(text: string, shape: QualityFileShape<C>, maxRows: number, problems: ProblemList): AsyncGenerator<RawRow<C>[]> {
  const isColumn = (name: string): name is C => (shape.columns as readonly string[]).includes(name);
  const known = shape.columns.join(', ');
  let names: string[] | null = null;
  let rowCount = 0;
  try {
    for await (const batch of readCsvBatches(text, { trim: true, maxColumns: QUALITY_FILE_LIMITS.maxColumns, maxRecordChars: QUALITY_FILE_LIMITS.maxRecordChars })) {
      const rows: RawRow<C>[] = [];
      for (const { cells: record, line } of batch) {
        if (names === null) {
          names = record.map((n) => n.toLowerCase());
          for (const name of names) if (!isColumn(name)) problems.add({ field: name, line, message: `Unknown column "${name}"; the columns are ${known}.` });
          for (const column of shape.requiredColumns) if (!names.includes(column)) problems.add({ field: column, line, message: `The column "${column}" is missing; the columns are ${known}.` });
          continue;
        }
        rowCount += 1;
        if (rowCount > maxRows) {
          problems.add(tooManyRows(shape, maxRows, line));
          return;
        }
        const cells: Partial<Record<C, string>> = {};
        if (record.length !== names.length) problems.add({ field: 'file', line, message: `This row has ${record.length} cells but the header has ${names.length}.` });
        names.forEach((name, index) => {
          if (isColumn(name)) cells[name] = record[index] ?? '';
        });
        rows.push({ line, cells, fieldOf: (column: string) => column });
      }
      if (rows.length > 0) yield rows;
    }
  } catch (error) {
    if (!(error instanceof CsvReadError)) throw error;
    const isLimit = error.kind === 'tooManyColumns' || error.kind === 'recordTooLong';
    problems.add({ field: 'file', line: error.line, message: isLimit ? `${error.message} A quality file has at most ${QUALITY_FILE_LIMITS.maxColumns} columns and lines of at most ${QUALITY_FILE_LIMITS.maxRecordChars.toLocaleString('en')} characters.` : `The file is not valid CSV (RFC 4180): ${error.message}` });
    return;
  }
  if (names === null) problems.add({ field: 'file', line: 1, message: `The file is empty: it needs a header row and at least one ${shape.rowNoun}.` });
  else if (rowCount === 0) problems.add({ field: 'file', line: 2, message: `The file has a header row but no ${shape.rowsNoun}.` });
}

async function* readJson<C extends string>(text: string, shape: QualityFileShape<C>, maxRows: number, problems: ProblemList): AsyncGenerator<RawRow<C>[]> {
  const isColumn = (name: string): name is C => (shape.columns as readonly string[]).includes(name);
  const at = `/${shape.arrayName}`;
  let rowCount = 0;
  try {
    for await (const batch of readJsonEntryBatches(text, { arrayName: shape.arrayName, maxEntryChars: QUALITY_FILE_LIMITS.maxRecordChars, maxDepth: QUALITY_FILE_LIMITS.maxDepth })) {
      const rows: RawRow<C>[] = [];
      for (const { index, value: item } of batch) {
        rowCount += 1;
        const line = index + 1;
        if (rowCount > maxRows) {
          problems.add({ ...tooManyRows(shape, maxRows, line), field: `${at}/${index}` });
          return;
        }
        const fieldOf = (column: string) => `${at}/${index}/${column}`;
        const cells: Partial<Record<C, string>> = {};
        if (!isPlainObject(item)) {
          problems.add({ field: `${at}/${index}`, line, message: `Each ${shape.rowNoun} must be an object of field names and values.` });
          rows.push({ line, cells, fieldOf });
          continue;
        }
        const entries = Object.entries(item);
        if (entries.length > QUALITY_FILE_LIMITS.maxColumns) {
          problems.add({ field: `${at}/${index}`, line, message: `This ${shape.rowNoun} has ${entries.length} fields; a quality file has at most ${QUALITY_FILE_LIMITS.maxColumns}: ${shape.columns.join(', ')}.` });
          rows.push({ line, cells, fieldOf });
          continue;
        }
        for (const [key, value] of entries) {
          if (!isColumn(key)) problems.add({ field: fieldOf(key), line, message: `Unknown field "${key}"; the fields are ${shape.columns.join(', ')}.` });
          else if (value === null && shape.acceptsNull) cells[key] = '';
          else if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) cells[key] = String(value);
          else problems.add({ field: fieldOf(key), line, message: shape.acceptsNull ? 'A value must be a string, a number or null.' : 'A value must be a string or a number.' });
        }
        rows.push({ line, cells, fieldOf });
      }
      if (rows.length > 0) yield rows;
    }
  } catch (error) {
    if (!(error instanceof JsonReadError)) throw error;
    if (error.kind === 'noArray') problems.add({ field: at, message: error.message });
    else if (error.index !== undefined) problems.add({ field: `${at}/${error.index}`, line: error.index + 1, message: error.message });
    else problems.add({ field: 'file', message: error.message });
    return;
  }
  if (rowCount === 0) problems.add({ field: at, message: `The "${shape.arrayName}" array is empty.` });
}
