import { StringDecoder } from 'node:string_decoder';

/** One line of a text file, without its line break, and its number from 1. */
export interface TextLine {
  text: string;
  line: number;
}

/** A line longer than the reader accepts: it was not read whole, and the reading stopped there. */
export class LineTooLongError extends Error {
  constructor(
    readonly line: number,
    readonly maxChars: number,
  ) {
    super(`Line ${line} is longer than ${maxChars.toLocaleString('en')} characters.`);
    this.name = 'LineTooLongError';
  }
}

const LF = 10;
const CR = 13;

/**
 * Reads the lines of a UTF-8 text stream a chunk's worth at a time and yields those each chunk
 * completes. A line ends with LF, CRLF or CR (a CRLF cut between two chunks is one break); empty
 * lines are yielded too, so that numbers stay those of the file; a last line without a break is
 * yielded at the end. Memory holds one chunk and one line at most `maxLineChars` long: at the first
 * longer line a {@link LineTooLongError} is thrown, before the rest of that line is held.
 */
export async function* readTextLines(
  stream: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  options: { maxLineChars: number },
): AsyncGenerator<TextLine[]> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 1;
  const take = (isEnd: boolean): TextLine[] => {
    const out: TextLine[] = [];
    let start = 0;
    for (let i = 0; i < pending.length; i += 1) {
      const c = pending.charCodeAt(i);
      if (c !== LF && c !== CR) continue;
      // A CR at the very end may be the first half of a CRLF the next chunk completes.
      if (c === CR && i === pending.length - 1 && !isEnd) break;
      if (i - start > options.maxLineChars) throw new LineTooLongError(line, options.maxLineChars);
      out.push({ text: pending.slice(start, i), line });
      line += 1;
      if (c === CR && pending.charCodeAt(i + 1) === LF) i += 1;
      start = i + 1;
    }
    pending = pending.slice(start);
    if (pending.length > options.maxLineChars + 1) throw new LineTooLongError(line, options.maxLineChars);
    return out;
  };
  for await (const chunk of stream) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    const lines = take(false);
    if (lines.length > 0) yield lines;
  }
  pending += decoder.end();
  const lines = take(true);
  if (pending.length > 0) lines.push({ text: pending, line });
  if (lines.length > 0) yield lines;
}
