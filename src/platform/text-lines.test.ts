import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineTooLongError, readTextLines, type TextLine } from './text-lines.ts';

async function linesOf(chunks: Array<Buffer | string>, maxLineChars = 100): Promise<TextLine[]> {
  const out: TextLine[] = [];
  for await (const batch of readTextLines(chunks, { maxLineChars })) out.push(...batch);
  return out;
}

test('reads lines ending in LF, CRLF or CR, a CRLF cut between chunks as one break, and numbers empty lines too', async () => {
  const text = 'a|1\r\nb|2\n\nc|3\rd|4\r\ne|5';
  const whole = await linesOf([text]);
  assert.deepEqual(whole, [
    { text: 'a|1', line: 1 },
    { text: 'b|2', line: 2 },
    { text: '', line: 3 },
    { text: 'c|3', line: 4 },
    { text: 'd|4', line: 5 },
    { text: 'e|5', line: 6 },
  ]);
  for (let cut = 1; cut < text.length; cut += 1) assert.deepEqual(await linesOf([text.slice(0, cut), text.slice(cut)]), whole, `cut at ${cut}`);
  assert.deepEqual(await linesOf(['x\r']), [{ text: 'x', line: 1 }]);
  assert.deepEqual(await linesOf(['x\n']), [{ text: 'x', line: 1 }]);
  assert.deepEqual(await linesOf([]), []);
});

test('decodes a character cut between two chunks', async () => {
  const bytes = Buffer.from('Té|1\n中文|2\n');
  for (let cut = 1; cut < bytes.length; cut += 1) {
    assert.deepEqual(
      (await linesOf([bytes.subarray(0, cut), bytes.subarray(cut)])).map((l) => l.text),
      ['Té|1', '中文|2'],
      `cut at ${cut}`,
    );
  }
});

test('stops at the first line longer than the limit, naming it, without holding the rest of it', async () => {
  assert.deepEqual(
    (await linesOf([`${'x'.repeat(10)}\n`], 10)).map((l) => l.text.length),
    [10],
  );
  await assert.rejects(
    linesOf(['ok\n', 'x'.repeat(11), '\nnext\n'], 10),
    (error: unknown) => error instanceof LineTooLongError && error.line === 2 && /Line 2 is longer than 10 characters/.test(error.message),
  );
  // A line of megabytes fed a kilobyte at a time is refused after its first chunks, not read whole.
  let fed = 0;
  async function* endless(): AsyncGenerator<string> {
    for (;;) {
      fed += 1024;
      yield 'y'.repeat(1024);
    }
  }
  await assert.rejects(async () => {
    for await (const batch of readTextLines(endless(), { maxLineChars: 65_536 })) assert.fail(`no line is complete, yet ${batch.length} came`);
  }, LineTooLongError);
  assert.ok(fed < 70 * 1024, `${fed} bytes were read`);
});
