import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCsvRecords } from './csv-records.ts';

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
  assert.equal(typeof read.error.line, 'number');
});
