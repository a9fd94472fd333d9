import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linesInChunks } from './chunked-lines.ts';

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

test('lines are joined in chunks of the size asked, the last one shorter, and nothing is lost', async () => {
  const lines = ['a\n', 'b\n', 'c\n', 'd\n', 'e\n'];
  assert.deepEqual(await collect(linesInChunks(lines, 2)), ['a\nb\n', 'c\nd\n', 'e\n']);
  async function* streamed() {
    yield* lines;
  }
  assert.deepEqual(await collect(linesInChunks(streamed(), 5)), ['a\nb\nc\nd\ne\n']);
  assert.deepEqual(await collect(linesInChunks([], 3)), []);
});
