import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OFFER_FILE, validateOfferRows } from '../catalogue/offer-file.ts';
import { parseTabularCsv } from '../catalogue/tabular-file.ts';
import { rankOffers, type ComparableOffer } from './ranking.ts';
import { offerCsv, offerRow, planId } from '../testing/offer-rows.ts';
import { DEFAULT_OFFER_SETTINGS, offersSettings } from '../offers.settings.ts';
import { checkSettings, settingsOf } from '../../../platform/settings.ts';
import { parseUsageQuery } from './usage-query.ts';

function offers(rows: Record<string, string>[], stale: readonly string[] = []): ComparableOffer[] {
  const validation = validateOfferRows(parseTabularCsv(offerCsv(rows), OFFER_FILE).rows, { isLenient: false, currency: 'KES', today: '2026-12-01' });
  assert.deepEqual(validation.problems, []);
  return validation.offers.map(({ record }) => ({
    record,
    operatorName: 'Op',
    lastUpdated: '2026-12-01T00:00:00Z',
    isStale: stale.includes(record.planId),
    version: 1,
  }));
}

const PROFILE = { serviceType: 'mobile' as const, dataGb: '2', voiceMinutes: 70, sms: 20, minDownloadMbps: null, months: 12 };
const RULES = { prepaidRule: 'whole_repurchases' as const, minorUnits: 2 };

test('ranks by ascending total cost and breaks ties by plan id, whatever the input order', () => {
  const a = planId('M', 1, 'AAA');
  const b = planId('M', 1, 'BBB');
  const c = planId('M', 1, 'CCC');
  const list = offers([
    offerRow({ unique_plan_id: c, monthly_price: '400' }),
    offerRow({ unique_plan_id: b, monthly_price: '500' }),
    offerRow({ unique_plan_id: a, monthly_price: '500' }),
  ]);
  for (const order of [list, [...list].reverse()]) {
    const ranking = rankOffers(order, PROFILE, RULES);
    assert.deepEqual(
      ranking.results.map((r) => [r.rank, r.offer.record.planId]),
      [
        [1, c],
        [2, a],
        [3, b],
      ],
    );
  }
});

test('leaves stale offers out unless asked, never ranks add-ons alone, and counts what cannot serve the profile', () => {
  const base = planId('M', 1, 'BASE');
  const addon = planId('M', 1, 'ADDON');
  const old = planId('M', 1, 'OLD');
  const slow = planId('F', 1, 'FIXED');
  const list = offers(
    [
      offerRow({ unique_plan_id: base }),
      offerRow({ unique_plan_id: addon, addon_of: base, monthly_price: '1' }),
      offerRow({ unique_plan_id: old, monthly_price: '1' }),
      offerRow({ unique_plan_id: planId('M', 1, 'NODATA'), monthly_data_allow: '0.1', data_price_per_gb: '' }),
      offerRow({ unique_plan_id: slow, connection_type: 'Fiber' }),
    ],
    [old],
  );
  const ranking = rankOffers(list, PROFILE, RULES);
  assert.deepEqual(
    ranking.results.map((r) => r.offer.record.planId),
    [base],
  );
  assert.equal(ranking.staleLeftOut, 1);
  assert.deepEqual(ranking.ineligible, [{ planId: planId('M', 1, 'NODATA'), reason: 'no_more_data' }]);
  const withStale = rankOffers(list, PROFILE, RULES, true);
  assert.deepEqual(
    withStale.results.map((r) => r.offer.record.planId),
    [old, base],
  );
});

test('checks the module settings and reports every wrong field with its path', () => {
  assert.deepEqual(checkSettings(offersSettings, undefined), []);
  assert.deepEqual(checkSettings(offersSettings, { freshnessDays: 7, prepaidRule: 'pro_rata' }), []);
  const problems = checkSettings(offersSettings, {
    freshnessDays: 0,
    prepaidRule: 'weekly',
    colour: 1,
    baskets: [{ id: 'X', name: '', serviceType: 'tv', dataGb: 2 }],
  });
  // The list of known settings grows with the module; the message must name the basic ones.
  assert.match(problems[0] ?? '', /^\/modules\/offers\/colour: unknown setting \(known: freshnessDays, prepaidRule, presets, baskets, defaultMonths[,)]/);
  assert.deepEqual(problems.slice(1), [
    '/modules/offers/freshnessDays: must be a whole number of days from 1 to 365',
    '/modules/offers/prepaidRule: must be one of min_30_days, whole_repurchases, pro_rata',
    '/modules/offers/baskets/0/id: must be lower-case letters, digits and dashes',
    '/modules/offers/baskets/0/name: must be a name',
    '/modules/offers/baskets/0/serviceType: must be mobile or fixed',
    '/modules/offers/baskets/0/dataGb: must be a decimal string such as "2" or "0.5"',
  ]);
  const defaults = settingsOf(offersSettings, undefined);
  assert.deepEqual(
    { freshnessDays: defaults.freshnessDays, prepaidRule: defaults.prepaidRule, defaultMonths: defaults.defaultMonths },
    { freshnessDays: 14, prepaidRule: 'whole_repurchases', defaultMonths: 12 },
  );
  assert.deepEqual(
    [defaults.presets, defaults.baskets, defaults.socialTariffs],
    [DEFAULT_OFFER_SETTINGS.presets, DEFAULT_OFFER_SETTINGS.baskets, { eligibility: [] }],
  );
  const resolved = settingsOf(offersSettings, {
    freshnessDays: 7,
    baskets: [{ id: 'b1', name: 'B', serviceType: 'fixed', dataGb: '5', minDownloadMbps: '0.256' }],
  });
  assert.equal(resolved.freshnessDays, 7);
  assert.equal(resolved.prepaidRule, DEFAULT_OFFER_SETTINGS.prepaidRule);
  assert.deepEqual(resolved.baskets, [
    { id: 'b1', name: 'B', profile: { serviceType: 'fixed', dataGb: '5', voiceMinutes: 0, sms: 0, minDownloadMbps: '0.256' } },
  ]);
});

test('reads a usage profile from query parameters, a preset giving the values that were not typed', () => {
  const parsed = parseUsageQuery({ type: 'mobile', data_gb: '2', voice_min: '70', sms: '20', months: '12' }, DEFAULT_OFFER_SETTINGS);
  assert.deepEqual(parsed.profile, PROFILE);
  const basket = parseUsageQuery({ preset: 'itu-fixed' }, DEFAULT_OFFER_SETTINGS);
  assert.deepEqual(basket.profile, { serviceType: 'fixed', dataGb: '5', voiceMinutes: 0, sms: 0, minDownloadMbps: '0.256', months: 12 });
  const overridden = parseUsageQuery({ preset: 'heavy', data_gb: '7' }, DEFAULT_OFFER_SETTINGS);
  assert.equal(overridden.profile?.dataGb, '7');
  assert.equal(overridden.profile?.voiceMinutes, 500);
  const bad = parseUsageQuery({ type: 'tv', data_gb: 'lots', voice_min: '-1', months: '99', preset: 'nope' }, DEFAULT_OFFER_SETTINGS);
  assert.equal(bad.profile, null);
  assert.deepEqual(
    bad.problems.map((p) => p.field),
    ['type', 'preset', 'data_gb', 'voice_min', 'months'],
  );
  assert.equal(bad.values['data_gb'], 'lots', 'the typed value is kept for the form');
});
