import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createProgress } from './progress.ts';

function collector(isTTY: boolean): { stream: Writable & { isTTY?: boolean }; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  }) as Writable & { isTTY?: boolean };
  stream.isTTY = isTTY;
  return { stream, text: () => text };
}

test('writes one plain line each time the work passes a tenth when the output is not a terminal', () => {
  const out = collector(false);
  const progress = createProgress('backup', { stream: out.stream, unit: 'pages' });
  for (let done = 0; done <= 1000; done += 50) progress.update(done, 1000);
  progress.stop();
  const lines = out.text().trim().split('\n');
  assert.equal(lines.length, 11);
  assert.equal(lines[0], 'backup: 0% (0/1000 pages)');
  assert.equal(lines[4], 'backup: 40% (400/1000 pages)');
  assert.equal(lines.at(-1), 'backup: 100% (1000/1000 pages)');
});

test('reports empty work as done', () => {
  const out = collector(false);
  const progress = createProgress('export', { stream: out.stream });
  progress.update(0, 0);
  assert.equal(out.text(), 'export: 100% (0/0 items)\n');
});

test('draws a bar with the percentage on a terminal', () => {
  const out = collector(true);
  const progress = createProgress('backup', { stream: out.stream, unit: 'pages' });
  progress.update(0, 10);
  progress.update(10, 10);
  progress.stop();
  assert.match(out.text(), /backup \[[^\]]*\] 100% \| 10\/10 pages/);
});
