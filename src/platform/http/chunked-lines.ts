/**
 * Joins the lines of a streamed file (an export, an open data file) into chunks of `linesPerChunk`
 * lines: few writes to the socket, and never the whole file in memory.
 *
 * @example reply.type('text/csv').send(Readable.from(linesInChunks(csvLines())))
 */
export async function* linesInChunks(lines: AsyncIterable<string> | Iterable<string>, linesPerChunk = 500): AsyncGenerator<string> {
  let buffer: string[] = [];
  for await (const line of lines) {
    buffer.push(line);
    if (buffer.length >= linesPerChunk) {
      yield buffer.join('');
      buffer = [];
    }
  }
  if (buffer.length > 0) yield buffer.join('');
}
