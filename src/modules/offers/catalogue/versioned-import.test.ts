import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  contentHash,
  fileRejection,
  findKnownOperators,
  importRevision,
  importRowOf,
  sortVersions,
  versionRowOf,
  type FileImportRequest,
} from './versioned-import.ts';
import { fileProblem, type FileProblem } from './file-messages.ts';

const record = (planId: string, price: string, effectiveFrom = '2026-12-01') => ({ planId, operatorId: 'OP-1', price, effectiveFrom, effectiveTo: null });
const request: FileImportRequest = { text: '', format: 'json', source: 'api', actor: { type: 'token', id: 'tok-1' } };

test('the content hash ignores the start date only', () => {
  assert.equal(contentHash(record('A', '10')), contentHash(record('A', '10', '2027-01-01')));
  assert.notEqual(contentHash(record('A', '10')), contentHash(record('A', '11')));
});

test('confirms entries published again unchanged and gives the others their next version', () => {
  const unchanged = record('A', '10');
  const latest = new Map([
    ['A', { latest_version: 3, content_hash: contentHash(unchanged) }],
    ['B', { latest_version: 1, content_hash: contentHash(record('B', '5')) }],
  ]);
  const sorted = sortVersions([record('A', '10', '2027-01-01'), record('B', '6'), record('C', '1')], (r) => latest.get(r.planId));
  assert.deepEqual(
    sorted.confirmed.map((r) => r.planId),
    ['A'],
  );
  assert.deepEqual(
    sorted.versions.map((v) => [v.record.planId, v.version]),
    [
      ['B', 2],
      ['C', 1],
    ],
  );
  const [first] = sorted.versions;
  assert.ok(first);
  assert.deepEqual(versionRowOf(first, 'v-1', 'imp-1', '2026-12-01T08:00:00.000Z'), {
    id: 'v-1',
    plan_id: 'B',
    version: 2,
    operator_id: 'OP-1',
    import_id: 'imp-1',
    effective_from: '2026-12-01',
    effective_to: null,
    published_at: '2026-12-01T08:00:00.000Z',
    content_hash: contentHash(record('B', '6')),
    record: JSON.stringify(record('B', '6')),
  });
});

test('an import row names its operator when the request or the file has only one', () => {
  const counts = { rows: 3, newVersions: 2, confirmed: 1 };
  assert.equal(importRowOf(request, 'imp-1', 'now', { ...counts, operatorIds: new Set(['OP-1']) }).operator_id, 'OP-1');
  assert.equal(importRowOf(request, 'imp-1', 'now', { ...counts, operatorIds: new Set(['OP-1', 'OP-2']) }).operator_id, null);
  const row = importRowOf({ ...request, operatorId: 'OP-9' }, 'imp-1', 'now', { ...counts, operatorIds: new Set(['OP-1', 'OP-2']) });
  assert.deepEqual(row, {
    id: 'imp-1',
    operator_id: 'OP-9',
    source: 'api',
    format: 'json',
    row_count: 3,
    new_versions: 2,
    confirmed: 1,
    actor_type: 'token',
    actor_id: 'tok-1',
    created_at: 'now',
  });
});

test('an operator the import names must exist; the others are returned when they do', async () => {
  const problems: FileProblem[] = [];
  const known = await findKnownOperators(['OP-1', 'OP-9'], { ...request, operatorId: 'OP-9' }, async (id) => id === 'OP-1', problems);
  assert.deepEqual([...known], ['OP-1']);
  assert.deepEqual(problems, [
    {
      field: 'operator_id',
      message: 'No operator has the licence id OP-9; add it first (kinga operators add).',
      key: 'offers.import.operator.unknown',
      values: { operator: 'OP-9' },
    },
  ]);
});

test('a rejection lists the problems by line, then in the order of the columns', () => {
  const error = fileRejection(
    [
      fileProblem('/rows/1/a_col', 2, 'offers.import.cell.required'),
      fileProblem('a_col', 1, 'offers.import.addon.self'),
      fileProblem('/rows/1/b_col', 2, 'offers.import.date.invalid', { value: 'z' }),
      fileProblem('operator_id', undefined, 'offers.import.operator.missing'),
    ],
    ['b_col', 'a_col'],
    'ITEMS_REJECTED',
  );
  assert.equal(error.code, 'ITEMS_REJECTED');
  assert.equal(error.message, 'The file was rejected and nothing was imported: 4 problems were found.');
  assert.deepEqual(
    error.fileProblems.map((p) => p.key),
    ['offers.import.operator.missing', 'offers.import.addon.self', 'offers.import.date.invalid', 'offers.import.cell.required'],
  );
  // The API's problems are the English words alone: no key or values reach problem+json.
  assert.deepEqual(error.problems[2], { field: '/rows/1/b_col', line: 2, message: '"z" is not a date written YYYY-MM-DD.' });
  assert.deepEqual(Object.keys(error.problems[0] ?? {}), ['field', 'message']);
});

test('the import revision is read again after a second, when the clock goes back, or at once after an import', async () => {
  let reads = 0;
  const revision = importRevision(async () => `r${++reads}`);
  assert.equal(await revision.at(10_000), 'r1');
  assert.equal(await revision.at(10_999), 'r1');
  assert.equal(await revision.at(11_000), 'r2');
  assert.equal(await revision.at(5_000), 'r3');
  revision.invalidate();
  assert.equal(await revision.at(5_001), 'r4');
});
