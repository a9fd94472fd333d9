import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { Transaction } from '../../../platform/db/index.ts';
import { readCsvRecords } from '../../../platform/csv-records.ts';
import { readMobileNumber } from '../../../platform/sms/index.ts';
import { LineTooLongError, readTextLines } from '../../../platform/text-lines.ts';
import { DEFAULT_UPLOAD_LIMITS, InvalidFile, ProblemList } from '../../../platform/upload-limits.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { FieldProblem } from '../../../platform/http/errors.ts';

/**
 * The bounds of a porting file. Rows and listed problems are the platform's upload limits; a line
 * holds a number of at most 15 digits and a route name of at most 40 characters, so 256
 * characters leave room for spaces and quotes, and 64 bytes a row on average bounds the size.
 */
export const PORTING_FILE_LIMITS = {
  maxRows: DEFAULT_UPLOAD_LIMITS.maxRows,
  maxProblems: DEFAULT_UPLOAD_LIMITS.maxProblems,
  maxLineChars: 256,
  maxBytes: DEFAULT_UPLOAD_LIMITS.maxRows * 64,
} as const;

/** The bounds an import is held to; tests lower them. */
export type PortingFileLimits = { readonly [K in keyof typeof PORTING_FILE_LIMITS]: number };

/** What a porting import needs: the table's replacement, the number's keyed hash, the audit log. */
export interface PortingImportDeps {
  /** Replaces the porting table in one transaction, with what `also` writes in it (`SmsOutboxRepository.replacePorting`). */
  replacePorting(entries: readonly { numberHash: string; route: string }[], now: string, also?: (tx: Transaction) => Promise<void>): Promise<number>;
  /** The keyed hash the SMS outbox keeps a number under (`platform.sms.hashNumber`). */
  hashNumber(e164: string): string;
  audit: AuditLog;
  clock: Clock;
}

/** What the import read and stored. */
export interface PortingImportResult {
  fileName: string;
  /** Numbers the porting table now holds. */
  numbers: number;
  /** Numbers per route, in the order of the profile's routes. */
  byRoute: { route: string; numbers: number }[];
}

const HEADER = ['number', 'route'] as const;

/** The cells of one line read as CSV, or why the line is not a CSV record. */
function cellsOf(text: string): string[] | undefined {
  const read = readCsvRecords(text, { trim: true });
  if ('error' in read) return undefined;
  return read.records[0]?.cells ?? [];
}

/**
 * Imports a porting file (`number,route`, docs/formats/sms-porting.md) and replaces the porting
 * table with it: the file is read as a stream, a line at a time within the bounds, every number read
 * into E.164 with the profile's country (or as given in E.164) and only its keyed hash kept, every
 * route checked against the profile's routes. Any problem and nothing changes: the refusal lists
 * the first problems with their line and field, and counts them all. A good file replaces the
 * table in one transaction; an audit entry records the count per route.
 */
export async function importPortingFile(
  deps: PortingImportDeps,
  input: {
    stream: AsyncIterable<Buffer | string>;
    fileName: string;
    /** The size of the file in bytes, when known before reading, to refuse it at once. */
    bytes?: number;
    country: string;
    routes: readonly string[];
    actor: Actor;
    /** Accept a file with a header and no numbers, which empties the table. */
    allowEmpty?: boolean;
    limits?: PortingFileLimits;
    onProgress?: (lines: number) => void;
  },
): Promise<PortingImportResult> {
  const limits = input.limits ?? PORTING_FILE_LIMITS;
  const refuse = (problems: ProblemList): never => {
    const shown = problems.total > problems.listed.length ? ` (the first ${problems.listed.length} are listed)` : '';
    throw new InvalidFile(
      problems.total,
      problems.listed,
      'PORTING_FILE_INVALID',
      `${problems.total} problem(s) in ${input.fileName}${shown}; the porting table was not changed.`,
    );
  };
  const problems = new ProblemList(limits.maxProblems);
  if (input.bytes !== undefined && input.bytes > limits.maxBytes) {
    problems.add({
      field: 'file',
      message: `The file is ${input.bytes.toLocaleString('en')} bytes; a porting file may be at most ${limits.maxBytes.toLocaleString('en')} bytes. Split it by route, or remove numbers that are no longer ported.`,
    });
    refuse(problems);
  }
  const routes = new Set(input.routes);
  const routeList = [...routes].join(', ');
  const lineOf = new Map<string, number>();
  const entries: { numberHash: string; route: string }[] = [];
  let columns: { number: number; route: number } | undefined;
  let rows = 0;
  let bytes = 0;
  const add = (problem: FieldProblem) => problems.add(problem);

  async function* counted(stream: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer | string> {
    for await (const chunk of stream) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      // The size a file had when it was measured is not what a growing file has when it is read.
      if (bytes > limits.maxBytes) throw new RangeError('too large');
      yield chunk;
    }
  }

  try {
    reading: for await (const lines of readTextLines(counted(input.stream), { maxLineChars: limits.maxLineChars })) {
      for (const { text, line } of lines) {
        if (line % 100_000 === 0) input.onProgress?.(line);
        if (text.trim() === '') continue;
        const cells = cellsOf(text);
        if (columns === undefined) {
          const names = cells?.map((cell) => cell.replace(/^\uFEFF/, '').toLowerCase());
          const number = names?.indexOf('number') ?? -1;
          const route = names?.indexOf('route') ?? -1;
          if (names === undefined || names.length !== 2 || number < 0 || route < 0) {
            add({ line, field: 'header', message: `The first line must name the two columns: ${HEADER.join(',')}.` });
            break reading;
          }
          columns = { number, route };
          continue;
        }
        if (cells === undefined) {
          add({ line, field: 'line', message: 'The line is not CSV: a quote is not closed, or stands inside a cell that does not start with one.' });
          continue;
        }
        if (cells.length !== 2) {
          add({ line, field: 'line', message: `The line has ${cells.length} cell(s); each line holds a number and a route.` });
          continue;
        }
        rows += 1;
        if (rows > limits.maxRows) {
          add({
            line,
            field: 'file',
            message: `The file has more than ${limits.maxRows.toLocaleString('en')} numbers; split it, or remove numbers that are no longer ported.`,
          });
          break reading;
        }
        const numberText = cells[columns.number] ?? '';
        const route = cells[columns.route] ?? '';
        if (!routes.has(route)) {
          add({
            line,
            field: 'route',
            message:
              route === ''
                ? `The route is empty; it must be one of the profile's SMS routes: ${routeList}.`
                : `"${route.slice(0, 40)}" is not an SMS route of the profile; it must be one of: ${routeList}.`,
          });
        }
        const read = readMobileNumber(numberText, input.country);
        if (!read.ok) {
          // The number itself is not repeated: the file names people's numbers, and refusals are kept in logs.
          add({
            line,
            field: 'number',
            message:
              numberText === ''
                ? 'The number is empty.'
                : read.problem === 'not-mobile'
                  ? 'The number is not a mobile number; only mobile numbers receive texts.'
                  : `The number is not a valid phone number of ${input.country.toUpperCase()} nor in E.164 (+ and the country code).`,
          });
          continue;
        }
        const numberHash = deps.hashNumber(read.e164);
        const seenOn = lineOf.get(numberHash);
        if (seenOn !== undefined) {
          add({ line, field: 'number', message: `The number already appears on line ${seenOn}; a number is ported to one route.` });
          continue;
        }
        lineOf.set(numberHash, line);
        // Once a line is wrong nothing is stored, so only the checking goes on.
        if (problems.isEmpty) entries.push({ numberHash, route });
      }
    }
  } catch (error) {
    if (error instanceof LineTooLongError) {
      add({
        line: error.line,
        field: 'line',
        message: `The line is longer than ${limits.maxLineChars} characters; a line of a porting file is a number and a route. The file was read no further.`,
      });
    } else if (error instanceof RangeError && error.message === 'too large') {
      add({ field: 'file', message: `The file is larger than ${limits.maxBytes.toLocaleString('en')} bytes; the file was read no further.` });
    } else throw error;
  }
  if (columns === undefined && problems.isEmpty)
    add({ line: 1, field: 'file', message: `The file is empty; a porting file starts with the header ${HEADER.join(',')}.` });
  else if (rows === 0 && problems.isEmpty && input.allowEmpty !== true)
    add({ line: 2, field: 'file', message: 'The file has a header but no numbers; importing it would empty the porting table (say --allow-empty to do so).' });
  if (!problems.isEmpty) refuse(problems);

  const now = deps.clock.now().toISOString();
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(entry.route, (counts.get(entry.route) ?? 0) + 1);
  const byRoute = input.routes.map((route) => ({ route, numbers: counts.get(route) ?? 0 }));
  // The audit entry commits with the table it describes. The count per route says what changed
  // (route names in one value, as a key named by a profile could read as personal data); the
  // numbers themselves stay out of the log.
  const numbers = await deps.replacePorting(entries, now, (tx) =>
    deps.audit.record(tx, {
      actor: input.actor,
      action: 'channels.sms.porting_replaced',
      entityType: 'sms_ported_numbers',
      entityId: null,
      details: { numbers: entries.length, routes: byRoute.map((r) => `${r.route}=${r.numbers}`).join(' ') },
    }),
  );
  return { fileName: input.fileName, numbers, byRoute };
}
