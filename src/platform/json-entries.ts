import { yieldToEventLoop } from './event-loop.ts';
import { DEFAULT_UPLOAD_LIMITS } from './upload-limits.ts';

/** One entry of the array of an uploaded JSON file: its position from 0, the line it starts on, and its value. */
export interface JsonEntry {
  index: number;
  line: number;
  value: unknown;
}

/** Where the entries of a JSON file are, and the bounds no entry may pass. */
export interface JsonEntriesOptions {
  /** The array holding the entries: the document is `{"<arrayName>": [...]}`. */
  arrayName: string;
  /** Whether the document may also be the array itself. */
  acceptsBareArray?: boolean;
  /** The longest entry in characters (default 65,536). */
  maxEntryChars?: number;
  /** The deepest nesting of arrays and objects inside one entry (default 16). */
  maxDepth?: number;
}

/** Why a file is not a JSON document the reader accepts. */
export type JsonErrorKind = 'notJson' | 'noArray' | 'entryTooLong' | 'tooDeep';

/** A file that is not JSON, holds no array where one is expected, or has an entry past a limit. */
export class JsonReadError extends Error {
  constructor(
    readonly kind: JsonErrorKind,
    /** The line of the file the problem is on, when the reader knows it. */
    readonly line: number | undefined,
    /** What is wrong, in words; for `notJson`, without the words "The file is not valid JSON". */
    readonly reason: string,
    /** The position from 0 of the entry at fault, for problems of one entry. */
    readonly index?: number,
  ) {
    super(kind === 'notJson' ? `The file is not valid JSON: ${reason}` : reason);
    this.name = 'JsonReadError';
  }
}

/** Characters scanned between two turns of the event loop: a few milliseconds of work. */
const SLICE_CHARS = 64 * 1024;

const BOM = 0xfeff;
const LF = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/**
 * A cursor over the text that finds where each value ends without building it, counting lines
 * and nesting, so that only one entry at a time is handed to `JSON.parse`.
 */
class JsonScanner {
  position = 0;
  line = 1;
  private scannedSinceYield = 0;

  constructor(readonly text: string) {
    if (text.charCodeAt(0) === BOM) this.position = 1;
  }

  /** Whether enough text was scanned since the last turn of the event loop to give it back. */
  isDueForYield(): boolean {
    if (this.scannedSinceYield < SLICE_CHARS) return false;
    this.scannedSinceYield = 0;
    return true;
  }

  skipBlanks(): void {
    const { text } = this;
    while (this.position < text.length) {
      const c = text.charCodeAt(this.position);
      if (c === LF) this.line += 1;
      else if (c !== 32 && c !== 9 && c !== 13) return;
      this.position += 1;
    }
  }

  peek(): number {
    return this.text.charCodeAt(this.position);
  }

  isAtEnd(): boolean {
    return this.position >= this.text.length;
  }

  expect(code: number, what: string): void {
    this.skipBlanks();
    if (this.peek() !== code) throw this.syntaxError(`expected ${what}`);
    this.position += 1;
  }

  syntaxError(what: string): JsonReadError {
    const found = this.isAtEnd() ? 'the end of the file' : JSON.stringify(this.text.charAt(this.position));
    return new JsonReadError('notJson', this.line, `${what} on line ${this.line}, found ${found}.`);
  }

  /**
   * Moves past one value starting here (after blanks), checking its length and nesting against the
   * limits as it goes, and returns where it started. Strings, brackets and braces are matched;
   * the value's own syntax is left to `JSON.parse`.
   */
  skipValue(limits: { maxChars: number; maxDepth: number; onTooLong: () => JsonReadError; onTooDeep: () => JsonReadError }): number {
    this.skipBlanks();
    const { text } = this;
    const start = this.position;
    // One character past the limit is enough to know a value is too long.
    const end = Math.min(text.length, start + limits.maxChars + 1);
    let depth = 0;
    let i = start;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        i += 1;
        while (i < end) {
          const d = text.charCodeAt(i);
          if (d === BACKSLASH) i += 2;
          else if (d === QUOTE) break;
          else i += 1;
        }
        if (i >= end) break;
        i += 1;
        if (depth === 0) break;
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth += 1;
        if (depth > limits.maxDepth) {
          this.advanceTo(i);
          throw limits.onTooDeep();
        }
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (depth === 0) break;
        depth -= 1;
        if (depth === 0) {
          i += 1;
          break;
        }
      } else if (depth === 0 && (c === COMMA || c === 32 || c === 9 || c === 13 || c === LF)) {
        break;
      }
      i += 1;
    }
    if (i - start > limits.maxChars) throw limits.onTooLong();
    this.advanceTo(Math.min(i, text.length));
    return start;
  }

  /** Moves to `to`, counting the line breaks passed (outside strings JSON has no other). */
  private advanceTo(to: number): void {
    const { text } = this;
    for (let i = this.position; i < to; i += 1) if (text.charCodeAt(i) === LF) this.line += 1;
    this.scannedSinceYield += to - this.position;
    this.position = to;
  }

  /** Parses the text from `start` to the cursor as one JSON value. */
  parseFrom(start: number, line: number, index?: number): unknown {
    const slice = this.text.slice(start, this.position);
    try {
      return JSON.parse(slice);
    } catch (error) {
      const where = index === undefined ? `the value on line ${line}` : `entry ${index + 1} (line ${line})`;
      throw new JsonReadError('notJson', line, `in ${where}, ${(error as Error).message}.`, index);
    }
  }

  /** Reads a string key here. */
  readKey(): string {
    this.skipBlanks();
    if (this.peek() !== QUOTE) throw this.syntaxError('expected a key in quotes');
    const line = this.line;
    const start = this.skipValue({
      maxChars: 1024,
      maxDepth: 0,
      onTooLong: () => this.syntaxError('a key longer than 1,024 characters'),
      onTooDeep: () => this.syntaxError('expected a key in quotes'),
    });
    const key = this.parseFrom(start, line);
    if (typeof key !== 'string') throw this.syntaxError('expected a key in quotes');
    return key;
  }
}

/**
 * Reads the entries of the array of an uploaded JSON document (`{"<arrayName>": [...]}`, or the
 * array itself when accepted) a batch at a time, handing the event loop back between batches, so
 * that a file of hundreds of thousands of entries never holds it. Only one entry at a time goes
 * through `JSON.parse`; one longer or deeper than the limits stops the reading with a
 * {@link JsonReadError} naming its position and line. Other members of the document are checked
 * and skipped.
 */
export async function* readJsonEntryBatches(text: string, options: JsonEntriesOptions): AsyncGenerator<JsonEntry[]> {
  const maxChars = options.maxEntryChars ?? DEFAULT_UPLOAD_LIMITS.maxRecordChars;
  const maxDepth = options.maxDepth ?? DEFAULT_UPLOAD_LIMITS.maxDepth;
  const scanner = new JsonScanner(text);
  const noArray = () => new JsonReadError('noArray', undefined, `The file must be an object with a "${options.arrayName}" array.`);
  const member = (what: string, line: number, index?: number) => ({
    maxChars,
    maxDepth,
    onTooLong: () => new JsonReadError('entryTooLong', line, `${what} on line ${line} is longer than ${maxChars.toLocaleString('en')} characters.`, index),
    onTooDeep: () => new JsonReadError('tooDeep', line, `${what} on line ${line} is nested more than ${maxDepth} levels deep.`, index),
  });

  async function* entriesOfArray(): AsyncGenerator<JsonEntry[]> {
    scanner.expect(OPEN_BRACKET, '[');
    scanner.skipBlanks();
    if (scanner.peek() === CLOSE_BRACKET) {
      scanner.position += 1;
      return;
    }
    let batch: JsonEntry[] = [];
    for (let index = 0; ; index += 1) {
      scanner.skipBlanks();
      const line = scanner.line;
      const start = scanner.skipValue(member(`Entry ${index + 1} of "${options.arrayName}"`, line, index));
      if (scanner.position === start) throw scanner.syntaxError('expected a value');
      batch.push({ index, line, value: scanner.parseFrom(start, line, index) });
      scanner.skipBlanks();
      const next = scanner.peek();
      if (next === CLOSE_BRACKET) {
        scanner.position += 1;
        break;
      }
      if (next !== COMMA) throw scanner.syntaxError('expected , or ] after an entry');
      scanner.position += 1;
      if (scanner.isDueForYield()) {
        yield batch;
        batch = [];
        await yieldToEventLoop();
      }
    }
    if (batch.length > 0) yield batch;
  }

  scanner.skipBlanks();
  const first = scanner.peek();
  let hasArray = false;
  if (first === OPEN_BRACKET && options.acceptsBareArray) {
    yield* entriesOfArray();
    hasArray = true;
  } else if (first === OPEN_BRACE) {
    scanner.position += 1;
    scanner.skipBlanks();
    if (scanner.peek() === CLOSE_BRACE) scanner.position += 1;
    else {
      for (;;) {
        const key = scanner.readKey();
        scanner.expect(COLON, ':');
        scanner.skipBlanks();
        if (key === options.arrayName && !hasArray && scanner.peek() === OPEN_BRACKET) {
          yield* entriesOfArray();
          hasArray = true;
        } else {
          if (key === options.arrayName) throw hasArray ? scanner.syntaxError(`"${key}" given a second time`) : noArray();
          const line = scanner.line;
          const start = scanner.skipValue(member(`The value of "${key}"`, line));
          if (scanner.position === start) throw scanner.syntaxError('expected a value');
          scanner.parseFrom(start, line);
        }
        scanner.skipBlanks();
        const next = scanner.peek();
        if (next === CLOSE_BRACE) {
          scanner.position += 1;
          break;
        }
        if (next !== COMMA) throw scanner.syntaxError('expected , or } after a member');
        scanner.position += 1;
      }
    }
  } else if (first === OPEN_BRACKET) {
    throw noArray();
  } else {
    // Not an object: a valid JSON value of another kind still holds no array; anything else is no JSON.
    const line = scanner.line;
    const start = scanner.skipValue(member('The document', line));
    if (scanner.position === start) throw scanner.syntaxError('expected a value');
    scanner.parseFrom(start, line);
  }
  scanner.skipBlanks();
  if (!scanner.isAtEnd()) throw scanner.syntaxError('expected the end of the file');
  if (!hasArray) throw noArray();
}
