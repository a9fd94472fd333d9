/**
 * A streaming reader for operator dumps: comma-separated lines of a few short fields. A generic
 * CSV parser costs more per row than all the checks of the import, so lines without a quote are
 * split directly, and only lines holding a quote go through the full RFC 4180 rules (quoted
 * fields, doubled quotes, commas and line breaks inside quotes). Memory holds one chunk of the
 * file and one record at most {@link MAX_RECORD_CHARS} long, whatever the size of the file.
 */
import { StringDecoder } from 'node:string_decoder';
import { dumpMessage, sayDumpMessage, type DumpMessage } from './dump-messages.ts';

/** One record of the file and the line it ends on (the header is line 1). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** Why a file is not readable CSV; each names a message `devices.dumpFile.csv.<reason>`. */
export type CsvSyntaxReason = 'quoteRunsOn' | 'lineTooLong' | 'quoteNotClosed' | 'textAfterQuote' | 'strayQuote';

/** The file is not readable CSV: an unclosed quote, text after a closing quote, a line far too long. */
export class CsvSyntaxError extends Error {
  /** What the import reports, in the reader's language on the portal. */
  readonly problem: DumpMessage;

  constructor(
    readonly line: number,
    reason: CsvSyntaxReason,
    field?: number,
  ) {
    const problem = dumpMessage(`csv.${reason}`, { line, max: MAX_RECORD_CHARS, ...(field === undefined ? {} : { field }) });
    super(sayDumpMessage(problem));
    this.name = 'CsvSyntaxError';
    this.problem = problem;
  }
}

/** The longest record accepted; a dump's record is under 100 characters. */
export const MAX_RECORD_CHARS = 65_536;

const BREAK = /\r\n|\n|\r/;

/**
 * Reads the records of a CSV stream, a chunk's worth at a time: a byte-order mark is dropped,
 * empty lines are skipped (they still count in line numbers), line ends may be CRLF, LF or CR.
 */
export async function* readCsvRecords(stream: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): AsyncGenerator<CsvRecord[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  let isFirst = true;
  // A record whose quoted field runs over a line break: its text so far, and the line it started on.
  let open: string | null = null;
  const take = (lines: string[], out: CsvRecord[]): void => {
    for (const text of lines) {
      line += 1;
      if (open !== null) {
        open += `\n${text}`;
        if (open.length > MAX_RECORD_CHARS) throw new CsvSyntaxError(line, 'quoteRunsOn');
        const fields = splitQuoted(open, line);
        if (fields !== null) {
          open = null;
          out.push({ fields, line });
        }
        continue;
      }
      if (text === '') continue;
      if (text.indexOf('"') === -1) {
        out.push({ fields: text.split(','), line });
        continue;
      }
      const fields = splitQuoted(text, line);
      if (fields === null) open = text;
      else out.push({ fields, line });
    }
  };
  for await (const chunk of stream) {
    let text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (isFirst && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      isFirst = false;
    }
    const lines = text.split(BREAK);
    rest = lines.pop() ?? '';
    // A CR at the end of a chunk may be the first half of a CRLF: keep it for the next chunk.
    if (lines.length > 0 && rest === '' && text.endsWith('\r')) {
      rest = `${lines.pop() ?? ''}\r`;
    }
    if (rest.length > MAX_RECORD_CHARS) throw new CsvSyntaxError(line + lines.length + 1, 'lineTooLong');
    const out: CsvRecord[] = [];
    take(lines, out);
    if (out.length > 0) yield out;
  }
  rest += decoder.end();
  if (isFirst && rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
  const out: CsvRecord[] = [];
  take(
    rest.split(BREAK).filter((text, i, all) => i < all.length - 1 || text !== ''),
    out,
  );
  if (open !== null) throw new CsvSyntaxError(line, 'quoteNotClosed');
  if (out.length > 0) yield out;
}

/**
 * Splits one record that holds a quote, by RFC 4180: a field that starts with a quote ends at a
 * lone quote, and a doubled quote inside stands for one. Returns null while a quoted field is still
 * open at the end of the text (the record goes on over the next line).
 */
export function splitQuoted(text: string, line: number): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) return null;
        value += text.slice(from, quote);
        if (text.charCodeAt(quote + 1) === 34) {
          value += '"';
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      fields.push(value);
      if (i === text.length) return fields;
      if (text.charCodeAt(i) !== 44) throw new CsvSyntaxError(line, 'textAfterQuote', fields.length);
      i += 1;
      continue;
    }
    const comma = text.indexOf(',', i);
    const value = comma === -1 ? text.slice(i) : text.slice(i, comma);
    if (value.indexOf('"') !== -1) throw new CsvSyntaxError(line, 'strayQuote', fields.length + 1);
    fields.push(value);
    if (comma === -1) return fields;
    i = comma + 1;
  }
}
