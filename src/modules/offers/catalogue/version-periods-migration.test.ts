import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { migrateToLatest } from '../../../platform/db/index.ts';
import { offersModule } from '../index.ts';

const REPAIR = '2026-12-10-20-offers-05-version-periods';
const all = allMigrations([offersModule]);
// The database as an earlier release left it, before the repair and every migration named after it ran.
const before = Object.fromEntries(Object.entries(all).filter(([name]) => name < REPAIR));
const fromRepair = Object.keys(all)
  .filter((name) => name >= REPAIR)
  .sort();
const databases = openTestDatabases(before);

const AT = '2026-11-01T08:00:00.000Z';

for (const database of databases.all) {
  test(`the repair closes the versions that overlap, as the pages showed them, and leaves sound histories alone [${database.dialect}]`, async () => {
    assert.ok(REPAIR in all, 'the repair is one of the module migrations');
    const db = await database.fresh();
    const k = db.kysely;
    await k.insertInto('operators').values({ licence_id: 'OP-T1', name: 'Test Mobile', created_at: AT, updated_at: AT }).execute();
    // One accepted import of each file, for the versions below to name.
    const accepted = (id: string) => ({
      id,
      operator_id: 'OP-T1',
      source: 'cli',
      format: 'csv',
      row_count: 1,
      new_versions: 1,
      confirmed: 0,
      actor_type: 'system',
      actor_id: null,
      created_at: AT,
    });
    await k.insertInto('offer_imports').values(accepted('imp')).execute();
    await k.insertInto('roaming_imports').values(accepted('rimp')).execute();
    // [plan, version, from, to, published]
    const versions: [string, number, string, string | null, string][] = [
      // Published again twice with a new price and the first start date: three open-ended versions.
      ['P', 1, '2026-11-16', null, '2026-11-16T08:00:00.000Z'],
      ['P', 2, '2026-11-16', null, '2026-12-01T09:00:00.000Z'],
      ['P', 3, '2026-11-16', null, '2026-12-01T10:00:00.000Z'],
      // A change scheduled before the end of the version it replaces.
      ['Q', 1, '2026-11-01', '2026-12-31', '2026-11-01T08:00:00.000Z'],
      ['Q', 2, '2026-12-20', null, '2026-12-05T08:00:00.000Z'],
      // A change published for days already past: never shown, so it never applied.
      ['S', 1, '2026-11-01', null, '2026-11-01T08:00:00.000Z'],
      ['S', 2, '2026-11-05', '2026-11-10', '2026-12-01T08:00:00.000Z'],
      ['S', 3, '2026-12-10', null, '2026-12-08T08:00:00.000Z'],
      // A sound history.
      ['R', 1, '2026-11-01', '2026-11-15', '2026-11-01T08:00:00.000Z'],
      ['R', 2, '2026-11-20', null, '2026-11-18T08:00:00.000Z'],
    ];
    for (const plan of ['P', 'Q', 'R', 'S']) {
      await k
        .insertInto('offer_plans')
        .values({
          plan_id: plan,
          operator_id: 'OP-T1',
          service_type: 'mobile',
          latest_version: versions.filter((v) => v[0] === plan).length,
          first_published_at: AT,
          last_confirmed_at: AT,
        })
        .execute();
    }
    for (const [plan, version, from, to, published] of versions) {
      const row = {
        id: `${plan}${version}`,
        plan_id: plan,
        version,
        operator_id: 'OP-T1',
        effective_from: from,
        effective_to: to,
        published_at: published,
        content_hash: `h${version}`,
        record: '{}',
      };
      await k
        .insertInto('offer_versions')
        .values({ ...row, import_id: 'imp' })
        .execute();
    }
    await k
      .insertInto('roaming_rates')
      .values({ plan_id: 'P', destination: 'UG', operator_id: 'OP-T1', latest_version: 2, first_published_at: AT, last_confirmed_at: AT })
      .execute();
    for (const [version, published] of [
      [1, '2026-11-16T08:00:00.000Z'],
      [2, '2026-12-03T08:00:00.000Z'],
    ] as const) {
      await k
        .insertInto('roaming_rate_versions')
        .values({
          id: `r${version}`,
          plan_id: 'P',
          destination: 'UG',
          version,
          operator_id: 'OP-T1',
          import_id: 'rimp',
          effective_from: '2026-11-16',
          effective_to: null,
          published_at: published,
          content_hash: `h${version}`,
          record: '{}',
        })
        .execute();
    }

    assert.deepEqual(await migrateToLatest(db, all), fromRepair);

    const offers = await k
      .selectFrom('offer_versions')
      .select(['plan_id', 'version', 'effective_from', 'effective_to'])
      .orderBy('plan_id')
      .orderBy('version')
      .execute();
    assert.deepEqual(
      offers.map((v) => [v.plan_id, v.version, v.effective_from, v.effective_to]),
      [
        ['P', 1, '2026-11-16', '2026-12-01'],
        ['P', 2, '2026-12-01', '2026-12-01'],
        ['P', 3, '2026-12-01', null],
        ['Q', 1, '2026-11-01', '2026-12-20'],
        ['Q', 2, '2026-12-20', null],
        ['R', 1, '2026-11-01', '2026-11-15'],
        ['R', 2, '2026-11-20', null],
        ['S', 1, '2026-11-01', '2026-12-10'],
        ['S', 2, '2026-12-01', '2026-12-01'],
        ['S', 3, '2026-12-10', null],
      ],
    );
    const rates = await k.selectFrom('roaming_rate_versions').select(['version', 'effective_from', 'effective_to']).orderBy('version').execute();
    assert.deepEqual(
      rates.map((v) => [v.version, v.effective_from, v.effective_to]),
      [
        [1, '2026-11-16', '2026-12-03'],
        [2, '2026-12-03', null],
      ],
    );
  });
}
