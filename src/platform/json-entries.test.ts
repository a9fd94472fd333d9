import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from './seeded-random.ts';
import { JsonReadError, readJsonEntryBatches, type JsonEntriesOptions, type JsonEntry } from './json-entries.ts';

async function entriesOf(text: string, options: Partial<JsonEntriesOptions> = {}): Promise<JsonEntry[] | JsonReadError> {
  const entries: JsonEntry[] = [];
  try {
    for await (const batch of readJsonEntryBatches(text, { arrayName: 'rows', ...options })) entries.push(...batch);
  } catch (error) {
    if (error instanceof JsonReadError) return error;
    throw error;
  }
  return entries;
}

test('reads the entries of the named array with their position and line, skipping the other members', async () => {
  const text =
    '\uFEFF{\n  "licence": {"name": "CC BY", "tags": ["a", "]"]},\n  "rows": [\n    {"a": 1, "b": "x,y"},\n    {"a": "}\\"{"}, null, [1, [2]]\n  ],\n  "note": "end"\n}\n';
  assert.deepEqual(await entriesOf(text), [
    { index: 0, line: 4, value: { a: 1, b: 'x,y' } },
    { index: 1, line: 5, value: { a: '}"{' } },
    { index: 2, line: 5, value: null },
    { index: 3, line: 5, value: [1, [2]] },
  ]);
  assert.deepEqual(await entriesOf('[{"a": 1}]', { acceptsBareArray: true }), [{ index: 0, line: 1, value: { a: 1 } }]);
  assert.deepEqual(await entriesOf('{"rows": []}'), []);
});

test('reads what JSON.parse reads, for documents of every shape', async () => {
  const random = seededRandom(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const value = (depth: number): unknown => {
    const kind = depth > 2 ? pick(['s', 'n', 'b']) : pick(['s', 'n', 'b', 'o', 'a']);
    if (kind === 's') return pick(['', 'plain', 'with "quotes"', 'back\\slash', 'new\nline', '}]{[,:', 'é😀']);
    if (kind === 'n') return pick([0, -1.5, 1e21, 42]);
    if (kind === 'b') return pick([true, false, null]);
    if (kind === 'o') return Object.fromEntries(Array.from({ length: Math.floor(random() * 3) }, (_, i) => [`k${i}`, value(depth + 1)]));
    return Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1));
  };
  for (let round = 0; round < 300; round += 1) {
    const rows = Array.from({ length: Math.floor(random() * 5) }, () => value(1));
    const document = random() < 0.5 ? { before: value(1), rows, after: value(1) } : { rows };
    const text = JSON.stringify(document, null, random() < 0.5 ? 2 : undefined);
    const entries = await entriesOf(text);
    assert.ok(Array.isArray(entries), `${text}: ${String(entries)}`);
    assert.deepEqual(
      entries.map((e) => e.value),
      JSON.parse(text).rows,
      text,
    );
  }
});

test('a document that is not JSON, or holds no array, is refused with the reason and the line', async () => {
  const cases: [string, string, RegExp][] = [
    ['{"rows": [1, 2', 'notJson', /expected , or \] after an entry on line 1, found the end of the file/],
    ['{"rows": [1 2]}', 'notJson', /expected , or \]/],
    ['{"rows": [{"a": tru}]}', 'notJson', /entry 1 \(line 1\)/],
    ['{"rows": [1]} x', 'notJson', /expected the end of the file/],
    ['{"rows": 5}', 'noArray', /must be an object with a "rows" array/],
    ['[1, 2]', 'noArray', /"rows" array/],
    ['"rows"', 'noArray', /"rows" array/],
    ['{"other": [1]}', 'noArray', /"rows" array/],
    ['{"rows": [1], "rows": [2]}', 'notJson', /second time/],
    ['nonsense', 'notJson', /not valid JSON/],
    ['', 'notJson', /not valid JSON/],
    ['{\n\n"rows": [\n{"a": 1},\n{"a": 1}}', 'notJson', /line 5/],
  ];
  for (const [text, kind, message] of cases) {
    const result = await entriesOf(text);
    assert.ok(result instanceof JsonReadError, `${text} is refused`);
    assert.equal(result.kind, kind, text);
    assert.match(result.message, message, text);
  }
});

test('an entry past the limits stops the reading at that entry, naming its position and line', async () => {
  const wide = `{"rows": [{"a": 1},\n{${Array.from({ length: 300_000 }, (_, i) => `"k${i}": 1`).join(',')}}]}`;
  const tooLong = await entriesOf(wide, { maxEntryChars: 10_000 });
  assert.ok(tooLong instanceof JsonReadError);
  assert.deepEqual([tooLong.kind, tooLong.line, tooLong.index], ['entryTooLong', 2, 1]);
  assert.match(tooLong.message, /Entry 2 of "rows" on line 2 is longer than 10,000 characters/);
  const deep = await entriesOf(`{"rows": [${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}]}`, { maxDepth: 8 });
  assert.ok(deep instanceof JsonReadError);
  assert.equal(deep.kind, 'tooDeep');
  assert.match(deep.message, /nested more than 8 levels deep/);
  const hugeString = await entriesOf(`{"rows": ["${'x'.repeat(5_000_000)}"]}`, { maxEntryChars: 1000 });
  assert.ok(hugeString instanceof JsonReadError);
  assert.equal(hugeString.kind, 'entryTooLong');
  const hugeOther = await entriesOf(`{"note": "${'x'.repeat(5_000_000)}", "rows": []}`, { maxEntryChars: 1000 });
  assert.ok(hugeOther instanceof JsonReadError);
  assert.match(hugeOther.message, /The value of "note" on line 1 is longer than 1,000 characters/);
});

test('a large document is read a batch at a time: other work runs before it is finished', async () => {
  const text = JSON.stringify({ rows: Array.from({ length: 200_000 }, (_, i) => ({ time: '2026-11-30T10:00:00Z', value: i })) });
  let isDone = false;
  let ranMeanwhile = 0;
  const timer = setInterval(() => {
    if (!isDone) ranMeanwhile += 1;
  }, 1);
  const entries = await entriesOf(text);
  isDone = true;
  clearInterval(timer);
  assert.ok(Array.isArray(entries));
  assert.equal(entries.length, 200_000);
  assert.ok(ranMeanwhile > 0, 'a timer fired while the file was read');
});
