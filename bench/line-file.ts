import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/**
 * Streams `header` and then `rows` lines, `lineOf(0)` to `lineOf(rows - 1)`, to `path`, a write
 * of `linesPerWrite` lines at a time that waits for the file to drain: a generated file of
 * millions of lines is never held in memory whole.
 */
export async function writeLineFile(path: string, header: string, rows: number, lineOf: (i: number) => string, linesPerWrite: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  let chunk: string[] = [];
  for (let i = 0; i < rows; i += 1) {
    chunk.push(lineOf(i));
    if (chunk.length === linesPerWrite) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length > 0) out.write(`${chunk.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
}
