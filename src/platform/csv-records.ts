import { parse } from 'csv-parse/sync';

/** One record of a CSV file: its cells, and the line it starts on (the header is line 1). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/** The records of a whole CSV file, or why it is not CSV (with the line, when the parser knows it). */
export type CsvRead = { records: CsvRecord[] } | { error: { reason: string; line: number | undefined } };

/**
 * Reads an uploaded CSV file (RFC 4180, UTF-8 with or without a byte order mark) into records,
 * skipping empty lines and letting rows have any number of cells (the caller names a short or
 * long row). Each record carries the line it starts on, which a quoted cell with line breaks
 * makes different from the line it ends on. `trim` removes blanks around every cell.
 */
export function readCsvRecords(text: string, options: { trim?: boolean } = {}): CsvRead {
  let parsed: unknown[];
  try {
    parsed = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: options.trim ?? false });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { error: { reason: (error as Error).message, line: line || undefined } };
  }
  // With `info`, csv-parse returns {record, info} objects although its types say string arrays.
  return { records: parsed.filter(isRecordWithInfo).map(({ record, info }) => ({ cells: record, line: info.lines - lineBreaksIn(record) })) };
}

function lineBreaksIn(cells: readonly string[]): number {
  return cells.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0);
}

function isRecordWithInfo(value: unknown): value is { record: string[]; info: { lines: number } } {
  if (typeof value !== 'object' || value === null || !('record' in value) || !('info' in value)) return false;
  const { record, info } = value;
  return Array.isArray(record) && typeof info === 'object' && info !== null && 'lines' in info && typeof info.lines === 'number';
}
