import { test } from 'node:test';
import { loadCatalogs } from './i18n/index.ts';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { seededRandom } from './seeded-random.ts';
import { readCsvBatches, readCsvFile, readCsvRecords, type CsvRecord } from './csv-records.ts';

test('records carry the line they start on, across quoted line breaks, blank lines and a byte order mark', () => {
  const read = readCsvRecords('\uFEFFa,b\n1,"two\nlines"\n\n3, 4 \n');
  assert.ok('records' in read);
  assert.deepEqual(read.records, [
    { cells: ['a', 'b'], line: 1 },
    { cells: ['1', 'two\nlines'], line: 2 },
    { cells: ['3', ' 4 '], line: 5 },
  ]);
  const trimmed = readCsvRecords('a,b\n3, 4 \n', { trim: true });
  assert.ok('records' in trimmed);
  assert.deepEqual(trimmed.records[1]?.cells, ['3', '4']);
});

test('a file that is not CSV gives the reason and the line', () => {
  const read = readCsvRecords('a,b\n1,"open\n');
  assert.ok('error' in read);
  assert.match(read.error.reason, /quote/i);
  assert.equal(read.error.line, 2);
  const stray = readCsvRecords('a,b\n1,2\nx"y,3\n');
  assert.ok('error' in stray);
  assert.equal(stray.error.line, 3);
  const after = readCsvRecords('a,b\n"1"x,2\n');
  assert.ok('error' in after);
  assert.match(after.error.reason, /after the closing quote/);
});

/** A random CSV text of awkward cells: quotes, commas, CR, LF and CRLF inside quotes, empty cells and lines. */
function randomCsv(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const cell = () => pick(['', 'a', 'bc', ' d ', '"q""u,o\nte"', '"x\r\ny"', '"\r"', '""', '"a,b"', 'é€😀', '1.5', '-2']);
  const lines: string[] = [];
  const count = 1 + Math.floor(random() * 8);
  for (let l = 0; l < count; l += 1) lines.push(random() < 0.1 ? '' : Array.from({ length: 1 + Math.floor(random() * 4) }, cell).join(','));
  const end = pick(['\n', '\r\n']);
  return lines.join(end) + pick(['', end]);
}

test('reads as csv-parse does, cells and lines, whatever the pieces the file is cut into', async () => {
  const random = seededRandom(13);
  for (let round = 0; round < 400; round += 1) {
    const text = randomCsv(random);
    const reference = (parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as { record: string[] }[]).map(
      (r) => r.record,
    );
    const whole = readCsvRecords(text);
    assert.ok('records' in whole, JSON.stringify(text));
    assert.deepEqual(
      whole.records.map((r) => r.cells),
      reference,
      JSON.stringify(text),
    );
    for (const sliceChars of [1, 2, 3, 7]) {
      const pieces: CsvRecord[] = [];
      for await (const batch of readCsvBatches(text, { sliceChars })) pieces.push(...batch);
      assert.deepEqual(pieces, whole.records, `${JSON.stringify(text)} in pieces of ${sliceChars}`);
    }
  }
});

test('a record past the limits is refused at its line, before the rest of the file is read', async () => {
  const wide = `a,b\n1,2\n${','.repeat(1_000_000)}\n`;
  const tooWide = await readCsvFile(wide, { maxColumns: 64 });
  assert.deepEqual(tooWide, { error: { reason: 'Line 3 has more than 64 cells.', line: 3, key: 'csv.error.tooManyColumns', values: { line: 3, max: 64 } } });
  const long = `a,b\n"x${'y'.repeat(5_000_000)}",2\n`;
  const tooLong = await readCsvFile(long, { maxRecordChars: 1000 });
  assert.deepEqual(tooLong, {
    error: { reason: 'Line 2 is longer than 1,000 characters.', line: 2, key: 'csv.error.recordTooLong', values: { line: 2, max: 1000 } },
  });
  // The key says the same in the reader's language.
  assert.equal(loadCatalogs().translator('fr')(tooLong.error.key, tooLong.error.values), 'La ligne 2 dépasse 1\u202f000 caractères.');
  const quotedLines = await readCsvFile('a\n"1\n2\n3"\n', { maxRecordChars: 1000 });
  assert.ok('records' in quotedLines);
  assert.deepEqual(quotedLines.records, [
    { cells: ['a'], line: 1 },
    { cells: ['1\n2\n3'], line: 2 },
  ]);
});

test('a large file is read a slice at a time: other work runs before it is finished', async () => {
  const text = `a,b,c\n${'1,"two",3\n'.repeat(300_000)}`;
  let isDone = false;
  let ranMeanwhile = 0;
  const timer = setInterval(() => {
    if (!isDone) ranMeanwhile += 1;
  }, 1);
  const read = await readCsvFile(text);
  isDone = true;
  clearInterval(timer);
  assert.ok('records' in read);
  assert.equal(read.records.length, 300_001);
  assert.ok(ranMeanwhile > 0, 'a timer fired while the file was read');
});
