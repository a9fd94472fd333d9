import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { createOfferServiceFor, offersModule } from '../index.ts';
import { offerCsv, offerRow } from '../testing/offer-rows.ts';
import { createPublishingPlatform, DAY, PLAN_A as A, PLAN_B as B } from '../testing/publishing-platform.ts';
import { presentAffordability } from './affordability.presenter.ts';
import { createAffordabilityServiceFor } from './affordability.wiring.ts';

const databases = openTestDatabases(allMigrations([offersModule]));
const SYSTEM = { type: 'system', id: null } as const;

async function setup(database: (typeof databases.all)[number]) {
  const published = await createPublishingPlatform(database);
  return { ...published, affordability: createAffordabilityServiceFor(published.platform, published.offers) };
}

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return error.code;
  }
  return 'accepted';
}

for (const database of databases.all) {
  test(`measures affordability today and on past dates from the stored versions, with each day's freshness [${database.dialect}]`, async () => {
    const { platform, publish, affordability } = await setup(database);
    // 2026-12-01: A at 300, B at 250.
    await publish([offerRow({ unique_plan_id: A, monthly_price: '300' }), offerRow({ unique_plan_id: B, operator_id: 'OP-T2', monthly_price: '250' })]);
    // 2026-12-11: A drops to 150 (version 2).
    platform.clock.advance(10 * DAY);
    await publish([offerRow({ unique_plan_id: A, monthly_price: '150' })]);
    // 2026-12-16: B has not been published for 15 days: stale.
    platform.clock.advance(5 * DAY);

    const today = await affordability.affordability();
    assert.equal(today.onDate, '2026-12-16');
    const data = today.baskets.find((b) => b.basket.id === 'itu-mobile-data');
    assert.ok(data);
    assert.equal(data.cheapest?.offer.record.planId, A);
    assert.equal(data.cheapest?.local.toString(), '150');
    assert.deepEqual(
      data.operators.map((o) => [o.operatorId, o.priced?.offer.record.planId ?? null, o.note]),
      [
        ['OP-T1', A, null],
        ['OP-T2', null, 'no_current_offer'],
        ['OP-T3', null, 'no_current_offer'],
      ],
    );
    assert.equal(data.excluded.stale, 1);
    // Demo profile: 129.35 KES per USD, GNI 2150 USD a year. 150 KES is 0.6472...% of monthly GNI.
    const shown = presentAffordability(today).baskets.find((b) => b.id === 'itu-mobile-data');
    assert.deepEqual(
      [shown?.cheapest?.price.amount, shown?.cheapest?.usd, shown?.cheapest?.ppp, shown?.cheapest?.shareOfMonthlyGniPercent],
      ['150.00', '1.16', '3.01', '0.65'],
    );
    assert.deepEqual(shown?.cheapest?.targets, [
      { id: 'broadband-commission-2025', isMet: true },
      { id: 'national-plan-2027', isMet: true },
    ]);

    const before = await affordability.affordability('2026-12-05');
    const past = before.baskets.find((b) => b.basket.id === 'itu-mobile-data');
    assert.equal(before.isToday, false);
    assert.equal(past?.cheapest?.offer.record.planId, B);
    assert.deepEqual(
      past?.operators.map((o) => o.priced?.local.toString() ?? o.note),
      ['300', '250', 'no_current_offer'],
    );

    // B is confirmed unchanged today: fresh today, but still stale on the day before.
    await publish([offerRow({ unique_plan_id: B, operator_id: 'OP-T2', monthly_price: '250' })]);
    const confirmed = (await affordability.affordability()).baskets.find((b) => b.basket.id === 'itu-mobile-data');
    assert.equal(confirmed?.operators[1]?.priced?.offer.record.planId, B);
    const dayBefore = (await affordability.affordability('2026-12-15')).baskets.find((b) => b.basket.id === 'itu-mobile-data');
    assert.equal(dayBefore?.operators[1]?.note, 'no_current_offer');
    assert.equal(dayBefore?.cheapest?.offer.record.planId, A);

    const empty = (await affordability.affordability('2026-11-30')).baskets;
    assert.ok(empty.every((b) => b.cheapest === null && b.operators.length === 3));
  });

  test(`today's measure reuses the comparison's cached offers and follows imports, new operators and imports made elsewhere [${database.dialect}]`, async () => {
    const { platform, offers, publish, affordability } = await setup(database);
    await publish([offerRow({ unique_plan_id: A, monthly_price: '300' })]);
    const first = await affordability.affordability();
    const again = await affordability.affordability();
    // Nothing changed: the same measure, from the same cached offers the comparison ranks.
    assert.equal(again.baskets, first.baskets);
    assert.equal((await offers.offersInEffect()).offers, (await offers.offersInEffect()).offers);
    const data = (report: typeof first) => report.baskets.find((b) => b.basket.id === 'itu-mobile-data');
    assert.equal(data(first)?.cheapest?.local.toString(), '300');

    // An import through the shared service is seen at once, with the same clock.
    await publish([offerRow({ unique_plan_id: A, monthly_price: '120' })]);
    const imported = await affordability.affordability();
    assert.notEqual(imported.baskets, first.baskets);
    assert.equal(data(imported)?.cheapest?.local.toString(), '120');

    // A new operator is listed at once, with a note.
    await offers.addOperator(SYSTEM, 'OP-T4', 'New Mobile');
    assert.deepEqual(
      data(await affordability.affordability())?.operators.map((o) => o.operatorId),
      ['OP-T1', 'OP-T2', 'OP-T3', 'OP-T4'],
    );

    // An operator added by another process (the CLI) is listed once the revision is read again.
    await createOfferServiceFor(platform).addOperator(SYSTEM, 'OP-T5', 'Elsewhere Mobile');
    platform.clock.advance(1000);
    assert.ok(data(await affordability.affordability())?.operators.some((o) => o.operatorId === 'OP-T5'));

    // An import by another process (here another service over the same database) is seen once the revision is read again.
    await createOfferServiceFor(platform).importOffers({
      text: offerCsv([offerRow({ unique_plan_id: B, operator_id: 'OP-T2', monthly_price: '90' })]),
      format: 'csv',
      isLenient: false,
      source: 'cli',
      actor: SYSTEM,
    });
    platform.clock.advance(1000);
    assert.equal(data(await affordability.affordability())?.cheapest?.offer.record.planId, B);
  });

  test(`refuses a date that is not a calendar date or is in the future [${database.dialect}]`, async () => {
    const { affordability } = await setup(database);
    assert.equal(await codeOf(affordability.affordability('yesterday')), 'AFFORDABILITY_DATE_INVALID');
    assert.equal(await codeOf(affordability.affordability('2026-02-30')), 'AFFORDABILITY_DATE_INVALID');
    assert.equal(await codeOf(affordability.affordability('2026-12-02')), 'AFFORDABILITY_DATE_FUTURE');
    assert.equal(await codeOf(affordability.affordability('2026-12-01')), 'accepted');
  });
}
