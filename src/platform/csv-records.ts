import { yieldToEventLoop } from './event-loop.ts';
// Not the i18n index: the command line's help must load neither the catalogues nor the profile's validator.
import { englishMessagesOf } from './i18n/english-messages.ts';
import { DEFAULT_UPLOAD_LIMITS } from './upload-limits.ts';

/** One record of a CSV file: its cells, and the line it starts on (the header is line 1). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/**
 * The records of a whole CSV file, or why it is not CSV: the reason in English, and its message
 * key (`csv.error.<kind>` of the platform catalogue) and values to say it in another language.
 */
export type CsvRead = { records: CsvRecord[] } | { error: { reason: string; line: number | undefined; key: string; values: Readonly<Record<string, number>> } };

/** How a CSV file is read: blanks around cells, and the bounds no record may pass. */
export interface CsvReadOptions {
  /** Remove blanks (spaces, tabs) around every cell. */
  trim?: boolean;
  /** The most cells of one record (default 256). */
  maxColumns?: number;
  /** The longest record in characters, delimiters and quotes included (default 65,536). */
  maxRecordChars?: number;
  /** Characters read between two turns of the event loop (default 65,536); tests set a few to cut records anywhere. */
  sliceChars?: number;
}

/** Why a file is not CSV the reader accepts. */
export type CsvErrorKind = 'quoteNotClosed' | 'textAfterQuote' | 'strayQuote' | 'recordTooLong' | 'tooManyColumns';

const english = englishMessagesOf('');

/**
 * A file that is not RFC 4180 CSV, or a record past a limit: the line it is on, and what is wrong
 * in English words, said by the message `key` with `values` in another language.
 */
export class CsvReadError extends Error {
  readonly key: string;
  readonly values: Readonly<Record<string, number>>;

  constructor(
    readonly kind: CsvErrorKind,
    readonly line: number,
    limits: { max?: number } = {},
  ) {
    const key = `csv.error.${kind}`;
    const values = { line, ...limits };
    super(english(key, values));
    this.name = 'CsvReadError';
    this.key = key;
    this.values = values;
  }
}

/** The error of a {@link CsvRead}: the English reason, and its key and values. */
function readError(error: CsvReadError): Extract<CsvRead, { error: unknown }>['error'] {
  return { reason: error.message, line: error.line, key: error.key, values: error.values };
}

/** Characters read between two turns of the event loop: a few milliseconds of work. */
const SLICE_CHARS = 64 * 1024;

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;
const SPACE = 32;
const TAB = 9;
const BOM = 0xfeff;

type State = 'start' | 'unquoted' | 'quoted' | 'quoteSeen' | 'afterQuote';

/**
 * An RFC 4180 reader fed a piece of text at a time: records end with CRLF, LF or CR; a cell in
 * quotes may hold commas, quotes (doubled) and line breaks; empty lines are skipped but counted.
 * It holds one record at most, and stops at the first record past a limit, so a hostile file costs
 * no more than its first bad record.
 */
class CsvTokenizer {
  private readonly isTrimmed: boolean;
  private readonly maxColumns: number;
  private readonly maxRecordChars: number;
  private cells: string[] = [];
  /** The current cell's text read so far, from earlier pieces and this one. */
  private field = '';
  private state: State = 'start';
  /** The line being read, and the line the current record started on. */
  private line = 1;
  private recordLine = 1;
  /** Characters of the current record so far, delimiters and quotes included. */
  private recordChars = 0;
  private isStart = true;
  /** The previous piece ended with a CR between records: an LF starting this one completes that line break. */
  private isAfterCr = false;
  /** The previous piece ended with a CR inside quotes: counted as a line once the next character is known. */
  private isAfterQuotedCr = false;

  constructor(options: CsvReadOptions) {
    this.isTrimmed = options.trim ?? false;
    this.maxColumns = options.maxColumns ?? DEFAULT_UPLOAD_LIMITS.maxColumns;
    this.maxRecordChars = options.maxRecordChars ?? DEFAULT_UPLOAD_LIMITS.maxRecordChars;
  }

  /** Reads one piece of the file, adding the records it completes to `out`. */
  feed(text: string, out: CsvRecord[]): void {
    const n = text.length;
    if (n === 0) return;
    let i = 0;
    if (this.isStart) {
      this.isStart = false;
      if (text.charCodeAt(0) === BOM) i = 1;
    }
    if (this.isAfterCr) {
      this.isAfterCr = false;
      if (text.charCodeAt(i) === LF) i += 1;
    }
    if (this.isAfterQuotedCr) {
      this.isAfterQuotedCr = false;
      if (text.charCodeAt(i) !== LF) this.line += 1;
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case 'start': {
          if (c === QUOTE) {
            this.addChars(1);
            this.state = 'quoted';
            i += 1;
          } else if (c === COMMA) {
            this.addChars(1);
            this.pushCell('');
            i += 1;
          } else if (c === CR || c === LF) {
            // With cells already, the line ends right after a comma: its last cell is empty.
            if (this.cells.length > 0) this.pushCell('');
            i = this.endLine(text, i, out);
          } else if (this.isTrimmed && (c === SPACE || c === TAB)) {
            this.addChars(1);
            i += 1;
          } else {
            this.state = 'unquoted';
          }
          break;
        }
        case 'unquoted': {
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === COMMA || d === CR || d === LF || d === QUOTE) break;
            j += 1;
          }
          this.addChars(j - i);
          this.field += text.slice(i, j);
          i = j;
          if (j === n) break;
          if (text.charCodeAt(j) === QUOTE) {
            throw new CsvReadError('strayQuote', this.line);
          }
          const value = this.takeField();
          this.pushCell(this.isTrimmed ? value.trim() : value);
          this.state = 'start';
          if (text.charCodeAt(j) === COMMA) {
            this.addChars(1);
            i = j + 1;
          } else {
            i = this.endLine(text, j, out);
          }
          break;
        }
        case 'quoted': {
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === QUOTE) break;
            if (d === LF) this.line += 1;
            else if (d === CR) {
              if (j + 1 === n) this.isAfterQuotedCr = true;
              else if (text.charCodeAt(j + 1) !== LF) this.line += 1;
            }
            j += 1;
          }
          this.addChars(j - i);
          this.field += text.slice(i, j);
          i = j;
          if (j === n) break;
          this.isAfterQuotedCr = false;
          this.addChars(1);
          this.state = 'quoteSeen';
          i = j + 1;
          break;
        }
        case 'quoteSeen': {
          if (c === QUOTE) {
            this.addChars(1);
            this.field += '"';
            this.state = 'quoted';
            i += 1;
          } else {
            this.state = 'afterQuote';
          }
          break;
        }
        case 'afterQuote': {
          if (c === COMMA) {
            this.addChars(1);
            this.pushCell(this.takeField());
            this.state = 'start';
            i += 1;
          } else if (c === CR || c === LF) {
            this.pushCell(this.takeField());
            i = this.endLine(text, i, out);
          } else if (this.isTrimmed && (c === SPACE || c === TAB)) {
            this.addChars(1);
            i += 1;
          } else {
            throw new CsvReadError('textAfterQuote', this.line);
          }
          break;
        }
      }
    }
  }

  /** Ends the file: the last record, which may have no line break. */
  end(out: CsvRecord[]): void {
    if (this.state === 'quoted') throw new CsvReadError('quoteNotClosed', this.recordLine);
    if (this.state === 'unquoted') {
      const value = this.takeField();
      this.pushCell(this.isTrimmed ? value.trim() : value);
    } else if (this.state === 'quoteSeen' || this.state === 'afterQuote') {
      this.pushCell(this.takeField());
    } else if (this.cells.length > 0) {
      // The file ends right after a comma: the last cell is empty.
      this.pushCell('');
    }
    if (this.cells.length > 0) out.push({ cells: this.cells, line: this.recordLine });
    this.cells = [];
    this.state = 'start';
  }

  private takeField(): string {
    const value = this.field;
    this.field = '';
    return value;
  }

  private pushCell(value: string): void {
    if (this.cells.length >= this.maxColumns) throw new CsvReadError('tooManyColumns', this.recordLine, { max: this.maxColumns });
    this.cells.push(value);
  }

  private addChars(count: number): void {
    this.recordChars += count;
    if (this.recordChars > this.maxRecordChars) throw new CsvReadError('recordTooLong', this.recordLine, { max: this.maxRecordChars });
  }

  /** The line break at `at` ends the record, if the line held one; returns the index after the break (CRLF is one). */
  private endLine(text: string, at: number, out: CsvRecord[]): number {
    // A line with nothing on it is no record; a line of one empty quoted cell ("") holds one cell.
    if (this.cells.length > 0) out.push({ cells: this.cells, line: this.recordLine });
    this.cells = [];
    this.state = 'start';
    this.recordChars = 0;
    this.line += 1;
    this.recordLine = this.line;
    if (text.charCodeAt(at) === CR) {
      if (at + 1 === text.length) {
        this.isAfterCr = true;
        return at + 1;
      }
      if (text.charCodeAt(at + 1) === LF) return at + 2;
    }
    return at + 1;
  }
}

/**
 * Reads an uploaded CSV file (RFC 4180, UTF-8 with or without a byte order mark) a slice at a
 * time, handing the event loop back between slices, and yields the records of each slice. Rows
 * may have any number of cells up to the limit (the caller names a short or long row). Each record
 * carries the line it starts on. Throws a {@link CsvReadError} at the first record that is not CSV
 * or passes a limit.
 */
export async function* readCsvBatches(text: string, options: CsvReadOptions = {}): AsyncGenerator<CsvRecord[]> {
  const tokenizer = new CsvTokenizer(options);
  const slice = options.sliceChars ?? SLICE_CHARS;
  for (let at = 0; at < text.length; at += slice) {
    const out: CsvRecord[] = [];
    tokenizer.feed(text.slice(at, at + slice), out);
    if (out.length > 0) yield out;
    await yieldToEventLoop();
  }
  const out: CsvRecord[] = [];
  tokenizer.end(out);
  if (out.length > 0) yield out;
}

/** The records of a whole CSV file, read as {@link readCsvBatches} does, or why it is not CSV. */
export async function readCsvFile(text: string, options: CsvReadOptions = {}): Promise<CsvRead> {
  const records: CsvRecord[] = [];
  try {
    for await (const batch of readCsvBatches(text, options)) for (const record of batch) records.push(record);
  } catch (error) {
    if (error instanceof CsvReadError) return { error: readError(error) };
    throw error;
  }
  return { records };
}

/**
 * The records of a whole CSV file in one go, within the same limits: for small files read where
 * no request waits (fixtures, a file of the command line). An upload goes through
 * {@link readCsvBatches} or {@link readCsvFile}, which let other requests run meanwhile.
 */
export function readCsvRecords(text: string, options: CsvReadOptions = {}): CsvRead {
  const tokenizer = new CsvTokenizer(options);
  const records: CsvRecord[] = [];
  try {
    tokenizer.feed(text, records);
    tokenizer.end(records);
  } catch (error) {
    if (error instanceof CsvReadError) return { error: readError(error) };
    throw error;
  }
  return { records };
}
