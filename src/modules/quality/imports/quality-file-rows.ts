import { CsvReadError, readCsvBatches } from '../../../platform/csv-records.ts';
import type { KeyedProblem } from '../../../platform/http/errors.ts';
import { JsonReadError, readJsonEntryBatches } from '../../../platform/json-entries.ts';
import type { ProblemList } from '../../../platform/upload-limits.ts';
import { isPlainObject } from '../../../platform/value-checks.ts';
import { qualityProblem, type QualityFileKind } from './quality-messages.ts';

/** A row of an uploaded quality file before its checks: its line (the header is line 1; for JSON, the position from 1) and its cells. */
export interface RawRow<C extends string> {
  line: number;
  cells: Partial<Record<C, string>>;
  /** How the row's problems name a column: the CSV column, or the JSON pointer of the field. */
  fieldOf(column: string): string;
}

/** The shape of one kind of file: its columns, the JSON array that holds its rows and the kind its messages name. */
export interface QualityFileShape<C extends string> {
  columns: readonly C[];
  /** The JSON document is `{"<arrayName>": [...]}`. */
  arrayName: string;
  /** Which file the messages speak of: a row is "a measurement" or "a KPI row". */
  file: QualityFileKind;
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
export async function* readQualityFileRows<C extends string>(
  text: string,
  format: 'csv' | 'json',
  shape: QualityFileShape<C>,
  maxRows: number,
  problems: ProblemList,
): AsyncGenerator<RawRow<C>[]> {
  yield* format === 'json' ? readJson(text, shape, maxRows, problems) : readCsv(text, shape, maxRows, problems);
}

const tooManyRows = (shape: QualityFileShape<string>, maxRows: number, field: string, line: number | undefined): KeyedProblem =>
  qualityProblem(field, line, 'quality.file.tooManyRows', { max: maxRows, file: shape.file });

/** A CSV the reader could not read, by what is wrong, in the quality catalogue's words. */
const CSV_PROBLEMS: Readonly<Record<CsvReadError['kind'], string>> = {
  quoteNotClosed: 'quality.file.quoteNotClosed',
  textAfterQuote: 'quality.file.textAfterQuote',
  strayQuote: 'quality.file.strayQuote',
  recordTooLong: 'quality.file.lineTooLong',
  tooManyColumns: 'quality.file.tooManyColumns',
};

async function* readCsv<C extends string>(text: string, shape: QualityFileShape<C>, maxRows: number, problems: ProblemList): AsyncGenerator<RawRow<C>[]> {
  const isColumn = (name: string): name is C => (shape.columns as readonly string[]).includes(name);
  const known = shape.columns.join(', ');
  let names: string[] | null = null;
  let rowCount = 0;
  try {
    for await (const batch of readCsvBatches(text, {
      trim: true,
      maxColumns: QUALITY_FILE_LIMITS.maxColumns,
      maxRecordChars: QUALITY_FILE_LIMITS.maxRecordChars,
    })) {
      const rows: RawRow<C>[] = [];
      for (const { cells: record, line } of batch) {
        if (names === null) {
          names = record.map((n) => n.toLowerCase());
          for (const name of names) if (!isColumn(name)) problems.add(qualityProblem(name, line, 'quality.file.unknownColumn', { name, columns: known }));
          for (const column of shape.requiredColumns)
            if (!names.includes(column)) problems.add(qualityProblem(column, line, 'quality.file.missingColumn', { name: column, columns: known }));
          continue;
        }
        rowCount += 1;
        if (rowCount > maxRows) {
          problems.add(tooManyRows(shape, maxRows, 'file', line));
          return;
        }
        const cells: Partial<Record<C, string>> = {};
        if (record.length !== names.length)
          problems.add(qualityProblem('file', line, 'quality.file.cellCount', { cells: record.length, header: names.length }));
        names.forEach((name, index) => {
          if (isColumn(name)) cells[name] = record[index] ?? '';
        });
        rows.push({ line, cells, fieldOf: (column: string) => column });
      }
      if (rows.length > 0) yield rows;
    }
  } catch (error) {
    if (!(error instanceof CsvReadError)) throw error;
    const max = error.kind === 'tooManyColumns' ? QUALITY_FILE_LIMITS.maxColumns : QUALITY_FILE_LIMITS.maxRecordChars;
    problems.add(qualityProblem('file', error.line, CSV_PROBLEMS[error.kind], { line: error.line, max }));
    return;
  }
  if (names === null) problems.add(qualityProblem('file', 1, 'quality.file.empty', { file: shape.file }));
  else if (rowCount === 0) problems.add(qualityProblem('file', 2, 'quality.file.noRows', { file: shape.file }));
}

async function* readJson<C extends string>(text: string, shape: QualityFileShape<C>, maxRows: number, problems: ProblemList): AsyncGenerator<RawRow<C>[]> {
  const isColumn = (name: string): name is C => (shape.columns as readonly string[]).includes(name);
  const at = `/${shape.arrayName}`;
  let rowCount = 0;
  try {
    for await (const batch of readJsonEntryBatches(text, {
      arrayName: shape.arrayName,
      maxEntryChars: QUALITY_FILE_LIMITS.maxRecordChars,
      maxDepth: QUALITY_FILE_LIMITS.maxDepth,
    })) {
      const rows: RawRow<C>[] = [];
      for (const { index, value: item } of batch) {
        rowCount += 1;
        const line = index + 1;
        if (rowCount > maxRows) {
          problems.add(tooManyRows(shape, maxRows, `${at}/${index}`, line));
          return;
        }
        const fieldOf = (column: string) => `${at}/${index}/${column}`;
        const cells: Partial<Record<C, string>> = {};
        if (!isPlainObject(item)) {
          problems.add(qualityProblem(`${at}/${index}`, line, 'quality.file.notAnObject', { file: shape.file }));
          rows.push({ line, cells, fieldOf });
          continue;
        }
        const entries = Object.entries(item);
        if (entries.length > QUALITY_FILE_LIMITS.maxColumns) {
          problems.add(
            qualityProblem(`${at}/${index}`, line, 'quality.file.tooManyFields', {
              file: shape.file,
              count: entries.length,
              max: QUALITY_FILE_LIMITS.maxColumns,
              columns: shape.columns.join(', '),
            }),
          );
          rows.push({ line, cells, fieldOf });
          continue;
        }
        for (const [key, value] of entries) {
          if (!isColumn(key)) problems.add(qualityProblem(fieldOf(key), line, 'quality.file.unknownField', { name: key, columns: shape.columns.join(', ') }));
          else if (value === null && shape.acceptsNull) cells[key] = '';
          else if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) cells[key] = String(value);
          else problems.add(qualityProblem(fieldOf(key), line, shape.acceptsNull ? 'quality.file.valueType' : 'quality.file.valueTypeNoNull'));
        }
        rows.push({ line, cells, fieldOf });
      }
      if (rows.length > 0) yield rows;
    }
  } catch (error) {
    if (!(error instanceof JsonReadError)) throw error;
    problems.add(jsonProblem(error, shape));
    return;
  }
  if (rowCount === 0) problems.add(qualityProblem(at, undefined, 'quality.file.emptyArray', { array: shape.arrayName }));
}

/**
 * What the JSON reader found wrong, in the quality catalogue's words. The parser's own reason is
 * English: the message names the line of the file instead, which every language can say.
 */
function jsonProblem(error: JsonReadError, shape: QualityFileShape<string>): KeyedProblem {
  const at = `/${shape.arrayName}`;
  // An entry's problem names the entry, by its position from 1 as a JSON row's "line" does.
  const field = error.index === undefined ? 'file' : `${at}/${error.index}`;
  const line = error.index === undefined ? undefined : error.index + 1;
  switch (error.kind) {
    case 'noArray':
      return qualityProblem(at, undefined, 'quality.file.noArray', { array: shape.arrayName });
    case 'entryTooLong':
      return qualityProblem(field, line, 'quality.file.entryTooLong', { line: error.line ?? line ?? 1, max: QUALITY_FILE_LIMITS.maxRecordChars });
    case 'tooDeep':
      return qualityProblem(field, line, 'quality.file.entryTooDeep', { line: error.line ?? line ?? 1, max: QUALITY_FILE_LIMITS.maxDepth });
    case 'notJson':
      return error.line === undefined
        ? qualityProblem(field, line, 'quality.file.notJsonAnywhere')
        : qualityProblem(field, line, 'quality.file.notJson', { line: error.line });
  }
}
