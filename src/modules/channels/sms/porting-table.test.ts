import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { createSmsOutboxRepository } from '../../../platform/sms/index.ts';

const databases = openTestDatabases();

for (const database of databases.all) {
  test(`${database.dialect}: the porting table is replaced whole in one transaction, in chunks past 500 numbers, and read by keyed hash`, async () => {
    const platform = await createTestPlatform(await database.fresh());
    const repository = createSmsOutboxRepository(platform.db.kysely);
    const hash = (i: number) => platform.sms.hashNumber(`+2547120${String(i).padStart(5, '0')}`);
    assert.equal(await repository.portedRouteOf(hash(1)), undefined, 'an empty table ports nothing');

    const first = Array.from({ length: 1203 }, (_, i) => ({ numberHash: hash(i), route: i % 2 === 0 ? 'op-demo-1' : 'op-demo-2' }));
    assert.equal(await repository.replacePorting(first, '2026-12-01T09:00:00.000Z'), 1203);
    assert.deepEqual(await Promise.all([0, 1, 1202].map((i) => repository.portedRouteOf(hash(i)))), ['op-demo-1', 'op-demo-2', 'op-demo-1']);
    const rows = await platform.db.kysely.selectFrom('sms_ported_numbers').select(['route', 'updated_at']).orderBy('number_hash').execute();
    assert.equal(rows.length, 1203);
    assert.ok(rows.every((row) => row.updated_at === '2026-12-01T09:00:00.000Z'));

    // A second list replaces the first: numbers it leaves out are no longer ported.
    assert.equal(await repository.replacePorting([{ numberHash: hash(1), route: 'op-demo-3' }], '2026-12-02T09:00:00.000Z'), 1);
    assert.deepEqual(await Promise.all([0, 1, 1202].map((i) => repository.portedRouteOf(hash(i)))), [undefined, 'op-demo-3', undefined]);

    // A list the database refuses in its second chunk leaves the table as it was: one transaction.
    const broken = Array.from({ length: 600 }, (_, i) => ({ numberHash: hash(i), route: i === 550 ? (null as unknown as string) : 'op-demo-2' }));
    await assert.rejects(repository.replacePorting(broken, '2026-12-03T09:00:00.000Z'));
    assert.deepEqual(await Promise.all([0, 1].map((i) => repository.portedRouteOf(hash(i)))), [undefined, 'op-demo-3']);

    assert.equal(await repository.replacePorting([], '2026-12-03T09:00:00.000Z'), 0);
    assert.equal(await repository.portedRouteOf(hash(1)), undefined);
    assert.deepEqual(await platform.db.kysely.selectFrom('sms_ported_numbers').select('route').execute(), []);
  });
}
