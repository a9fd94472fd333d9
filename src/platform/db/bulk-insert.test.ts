import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { chunkSizes, createBulkInsert, inChunks } from './bulk-insert.ts';

const databases = openTestDatabases();

test('writes any number of rows in statements of a dozen shapes at most', () => {
  const shapes = new Set<number>();
  for (let total = 0; total <= 12_000; total += 1) {
    const sizes = chunkSizes(total, 2500);
    assert.equal(
      sizes.reduce((sum, n) => sum + n, 0),
      total,
    );
    for (const n of sizes) shapes.add(n);
  }
  assert.deepEqual(
    [...shapes].sort((a, b) => b - a),
    [2500, 2048, 1024, 512, 256, 128, 64, 32, 16, 8, 4, 2, 1],
  );
});

test('splits items into ordered slices of at most the size given', () => {
  const items = Array.from({ length: 1300 }, (_, i) => i);
  const slices = inChunks(items, 500);
  assert.deepEqual(
    slices.map((s) => s.length),
    [500, 500, 256, 32, 8, 4],
  );
  assert.deepEqual(slices.flat(), items);
  assert.deepEqual(inChunks([], 500), []);
});

for (const database of databases.all) {
  test(`inserts every row with its text, numbers, booleans and nulls, however many rows a statement holds [${database.dialect}]`, async () => {
    const db = await database.fresh();
    await sql`create table bulk_probe (n integer primary key, label text, share double precision, is_on boolean not null)`.execute(db.kysely);
    const insert = createBulkInsert(db.dialect, 'bulk_probe', ['n', 'label', 'share', 'is_on'], (r: { n: number; label: string | null }) => [
      r.n,
      r.label,
      r.n / 4,
      r.n % 2 === 0,
    ]);
    const rows = Array.from({ length: 7531 }, (_, i) => ({ n: i + 1, label: i % 3 === 0 ? null : `row ${i + 1}` }));
    await db.kysely.transaction().execute((trx) => insert.insert(trx, rows));
    await insert.insert(db.kysely, []);
    const { rows: stored } = await sql<{
      n: number;
      label: string | null;
      share: number;
      is_on: boolean | number;
    }>`select n, label, share, is_on from bulk_probe order by n`.execute(db.kysely);
    assert.equal(stored.length, 7531);
    assert.deepEqual({ ...stored[0], is_on: Boolean(stored[0]?.is_on) }, { n: 1, label: null, share: 0.25, is_on: false });
    assert.deepEqual({ ...stored[7530], is_on: Boolean(stored[7530]?.is_on) }, { n: 7531, label: null, share: 7531 / 4, is_on: false });
    assert.equal(stored[7529]?.label, 'row 7530');
    assert.equal(stored.filter((r) => Boolean(r.is_on)).length, 3765);
    await sql`drop table bulk_probe`.execute(db.kysely);
  });
}
