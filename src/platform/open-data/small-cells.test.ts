import { test } from 'node:test';
import assert from 'node:assert/strict';
import { publishedCount, suppressSmallCells } from './small-cells.ts';

test('a count below the smallest count is withheld, zero and counts from the smallest up are published', () => {
  assert.deepEqual(publishedCount(0, 5), { value: 0, isSuppressed: false });
  assert.deepEqual(publishedCount(1, 5), { value: null, isSuppressed: true });
  assert.deepEqual(publishedCount(4, 5), { value: null, isSuppressed: true });
  assert.deepEqual(publishedCount(5, 5), { value: 5, isSuppressed: false });
});

test('a table with one withheld cell also withholds its smallest other non-zero cell, so the total reveals neither', () => {
  const cells = suppressSmallCells([40, 3, 0, 12, 9], 5);
  assert.deepEqual(
    cells.map((c) => c.value),
    [40, null, 0, 12, null],
  );
  // From the total (64) and the published cells (52), only the sum of the two withheld ones (12) can be learnt.
  const published = cells.reduce((sum, c) => sum + (c.value ?? 0), 0);
  assert.equal(64 - published, 12);
  assert.equal(cells.filter((c) => c.isSuppressed).length, 2);
});

test('two or more withheld cells need no complementary suppression, and no withheld cell none', () => {
  assert.deepEqual(
    suppressSmallCells([2, 3, 50], 5).map((c) => c.value),
    [null, null, 50],
  );
  assert.deepEqual(
    suppressSmallCells([5, 6, 0], 5).map((c) => c.value),
    [5, 6, 0],
  );
});
