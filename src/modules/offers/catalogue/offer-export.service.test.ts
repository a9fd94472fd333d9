import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../index.ts';
import { createOfferExportServiceFor } from '../offers.wiring.ts';
import { offerRow, planId } from '../testing/offer-rows.ts';
import { createPublishingPlatform, DAY, PLAN_A as A, PLAN_B as B } from '../testing/publishing-platform.ts';

const databases = openTestDatabases(allMigrations([offersModule]));

async function setup(database: (typeof databases.all)[number]) {
  const published = await createPublishingPlatform(database);
  return { ...published, exports: createOfferExportServiceFor(published.platform, { historyPageSize: 2, offers: published.offers }) };
}

for (const database of databases.all) {
  test(`exports every current offer, stale ones included, and reads the whole history page by page [${database.dialect}]`, async () => {
    const { platform, publish, exports } = await setup(database);
    const C = planId('M', 1, 'C');
    await publish([offerRow({ unique_plan_id: C }), offerRow({ unique_plan_id: A }), offerRow({ unique_plan_id: B, operator_id: 'OP-T2' })]);
    platform.clock.advance(20 * DAY);
    await publish([offerRow({ unique_plan_id: A, monthly_price: '450' }), offerRow({ unique_plan_id: C, monthly_price: '350' })]);
    platform.clock.advance(DAY);
    await publish([offerRow({ unique_plan_id: A, monthly_price: '400' })]);
    const current = await exports.currentOffers();
    assert.deepEqual(
      current.records.map((r) => [r.planId, r.monthlyPrice]),
      [
        [A, '400'],
        [C, '350'],
        [B, '500'],
      ],
    );
    const history: string[] = [];
    for await (const v of exports.historyVersions()) history.push(`${v.record.planId} v${v.version} ${v.record.monthlyPrice} ${v.publishedAt.slice(0, 10)}`);
    assert.deepEqual(history, [
      `${A} v1 500 2026-12-01`,
      `${A} v2 450 2026-12-21`,
      `${A} v3 400 2026-12-22`,
      `${C} v1 500 2026-12-01`,
      `${C} v2 350 2026-12-21`,
      `${B} v1 500 2026-12-01`,
    ]);
  });
}
