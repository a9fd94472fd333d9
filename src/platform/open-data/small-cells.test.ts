import { test } from 'node:test';
import assert from 'node:assert/strict';
import { publishedCount, publishedFields, schemaFields, SMALL_CELL_MISSING_VALUES, suppressSmallCells, withSuppressedColumns } from './small-cells.ts';

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

test('a withheld count is written one way: null (an empty CSV cell) with its <column>_suppressed true', () => {
  assert.deepEqual(publishedFields('reports', publishedCount(3, 5)), { reports: null, reports_suppressed: true });
  assert.deepEqual(publishedFields('reports', publishedCount(0, 5)), { reports: 0, reports_suppressed: false });
  assert.deepEqual(publishedFields('reports', publishedCount(7, 5)), { reports: 7, reports_suppressed: false });
  // A value the rule does not withhold but that is missing for another reason stays apart from a withheld one.
  assert.deepEqual(publishedFields('rate', { value: null, isSuppressed: false }), { rate: null, rate_suppressed: false });
  assert.deepEqual(withSuppressedColumns(['week', 'reports', 'note'], ['reports']), ['week', 'reports', 'reports_suppressed', 'note']);
});

test('each Table Schema declares the flag after its column, as a boolean, with only the empty cell missing', () => {
  const fields = schemaFields(
    [
      { name: 'week', type: 'string', description: 'The week.' },
      { name: 'reports', type: 'integer', description: 'Reports.', constraints: { minimum: 0 } },
    ],
    ['reports'],
  );
  assert.deepEqual(
    fields.map((f) => [f.name, f.type]),
    [
      ['week', 'string'],
      ['reports', 'integer'],
      ['reports_suppressed', 'boolean'],
    ],
  );
  assert.match(fields[1]?.description ?? '', /Empty when withheld by the small-cell rule \(see reports_suppressed\)/);
  assert.deepEqual(fields[1]?.constraints, { minimum: 0 });
  assert.deepEqual(SMALL_CELL_MISSING_VALUES, ['']);
});
