import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal } from 'decimal.js';
import { convertPrice, measureAffordability, meetsTarget } from './affordability.ts';
import { OFFER_FILE, validateOfferRows, type OfferRecord } from '../catalogue/offer-file.ts';
import { parseTabularCsv } from '../catalogue/tabular-file.ts';
import type { AffordabilitySettings, AffordabilityTarget } from './affordability.settings.ts';
import { DEFAULT_OFFER_SETTINGS } from '../offers.settings.ts';
import type { ComparableOffer } from '../comparison/ranking.ts';
import { offerCsv, offerRow, planId } from '../testing/offer-rows.ts';

const LT2: AffordabilityTarget = { id: 'lt2', name: 'Below 2%', operator: '<', thresholdPercent: '2', source: null };
const LTE2: AffordabilityTarget = { id: 'lte2', name: 'At most 2%', operator: '<=', thresholdPercent: '2', source: null };
const RULES = { prepaidRule: 'whole_repurchases' as const, minorUnits: 2 };

/** GNI of 120,000 a year is 10,000 a month: 200 is exactly 2%. */
const SETTINGS: AffordabilitySettings = {
  exchangeRate: { value: '130', year: 2025, source: 'test', sourceUrl: null },
  pppFactor: { value: '50', year: 2024, source: 'test', sourceUrl: null },
  gniPerCapita: { value: '120000', currency: 'KES', year: 2024, source: 'test', sourceUrl: null },
  isSocialTariffIncluded: false,
  isOneTimeFeeIncluded: false,
  baskets: [],
};

function records(rows: Record<string, string>[]): OfferRecord[] {
  const validation = validateOfferRows(parseTabularCsv(offerCsv(rows), OFFER_FILE).rows, { isLenient: false, currency: 'KES', today: '2026-12-01' });
  assert.deepEqual(validation.problems, []);
  return validation.offers.map((o) => o.record);
}

function comparable(record: OfferRecord, isStale = false): ComparableOffer {
  return { record, operatorName: record.operatorId === 'OP-T1' ? 'Test Mobile' : 'Other Mobile', lastUpdated: '2026-12-01T09:00:00.000Z', isStale, version: 1 };
}

const basket = (id: string) => {
  const found = DEFAULT_OFFER_SETTINGS.baskets.find((b) => b.id === id);
  assert.ok(found);
  return found;
};

test('a share exactly at the threshold fails "<" and passes "<="', () => {
  const at = convertPrice(new Decimal(200), SETTINGS, 'KES', [LT2, LTE2]);
  assert.equal(at.sharePercent?.toString(), '2');
  assert.deepEqual(
    at.targets.map((t) => t.isMet),
    [false, true],
  );
  assert.equal(meetsTarget(new Decimal('1.9999'), LT2), true);
  assert.equal(meetsTarget(new Decimal('2.0001'), LTE2), false);
});

test('converts with exact decimals: USD by the exchange rate, PPP dollars by the PPP factor, and GNI in USD through USD', () => {
  const priced = convertPrice(new Decimal(100), SETTINGS, 'KES', [LT2]);
  assert.equal(priced.usd?.toFixed(6), '0.769231');
  assert.equal(priced.ppp?.toString(), '2');
  assert.equal(priced.sharePercent?.toString(), '1');
  const inUsd = convertPrice(
    new Decimal(130),
    { ...SETTINGS, gniPerCapita: { value: '1200', currency: 'USD', year: 2024, source: 't', sourceUrl: null } },
    'KES',
    [LT2],
  );
  // 130 KES is 1 USD; monthly GNI is 100 USD: 1%.
  assert.equal(inUsd.sharePercent?.toString(), '1');
  const bare = convertPrice(new Decimal(130), { ...SETTINGS, exchangeRate: null, pppFactor: null, gniPerCapita: null }, 'KES', [LT2]);
  assert.deepEqual([bare.usd, bare.ppp, bare.sharePercent, bare.targets[0]?.isMet], [null, null, null, null]);
});

test('finds the cheapest eligible offer of the market and of each operator, leaving out promotions, stale offers and social tariffs', () => {
  const [cheapPromo, cheapSocial, cheapStale, fair, dearer, otherDear] = records([
    offerRow({ unique_plan_id: planId('M', 1, 'PROMO'), monthly_price: '50', is_promotional: 'Yes' }),
    offerRow({ unique_plan_id: planId('M', 1, 'SOCIAL'), monthly_price: '60', social_tariff: 'Yes' }),
    offerRow({ unique_plan_id: planId('M', 2, 'STALE'), operator_id: 'OP-T2', monthly_price: '70' }),
    offerRow({ unique_plan_id: planId('M', 1, 'FAIR'), monthly_price: '150' }),
    offerRow({ unique_plan_id: planId('M', 1, 'DEAR'), monthly_price: '400' }),
    offerRow({ unique_plan_id: planId('M', 2, 'DEAR'), operator_id: 'OP-T2', monthly_price: '300', effective_from: '2026-11-01' }),
  ]);
  assert.ok(cheapPromo && cheapSocial && cheapStale && fair && dearer && otherDear);
  const offers = [comparable(cheapPromo), comparable(cheapSocial), comparable(cheapStale, true), comparable(fair), comparable(dearer), comparable(otherDear)];
  const operators = [
    { id: 'OP-T1', name: 'Test Mobile' },
    { id: 'OP-T2', name: 'Other Mobile' },
    { id: 'OP-T3', name: 'No Offers' },
  ];
  const [data, fixed] = measureAffordability({
    offers,
    operators,
    baskets: [
      { basket: basket('itu-mobile-data'), targets: [LT2] },
      { basket: basket('itu-fixed'), targets: [LT2] },
    ],
    settings: SETTINGS,
    rules: RULES,
    currency: 'KES',
  });
  assert.ok(data && fixed);
  assert.equal(data.cheapest?.offer.record.planId, planId('M', 1, 'FAIR'));
  assert.equal(data.cheapest?.local.toString(), '150');
  assert.equal(data.cheapest?.sharePercent?.toString(), '1.5');
  assert.deepEqual(
    data.cheapest?.targets.map((t) => t.isMet),
    [true],
  );
  assert.deepEqual(
    data.operators.map((o) => [o.operatorId, o.priced?.offer.record.planId ?? null, o.note]),
    [
      ['OP-T1', planId('M', 1, 'FAIR'), null],
      ['OP-T2', planId('M', 2, 'DEAR'), null],
      ['OP-T3', null, 'no_current_offer'],
    ],
  );
  assert.deepEqual(
    data.operators[1]?.priced?.targets.map((t) => t.isMet),
    [false],
    '300 is 3% of monthly GNI',
  );
  assert.deepEqual(data.excluded, { stale: 1, promotional: 1, socialTariff: 1 });
  // No fixed offers at all: every operator is listed with a note, none dropped.
  assert.equal(fixed.cheapest, null);
  assert.deepEqual(
    fixed.operators.map((o) => o.note),
    ['no_current_offer', 'no_current_offer', 'no_current_offer'],
  );

  const withSocial = measureAffordability({
    offers,
    operators,
    baskets: [{ basket: basket('itu-mobile-data'), targets: [LT2] }],
    settings: { ...SETTINGS, isSocialTariffIncluded: true },
    rules: RULES,
    currency: 'KES',
  });
  assert.equal(withSocial[0]?.cheapest?.offer.record.planId, planId('M', 1, 'SOCIAL'));
});

test('an operator whose offers cannot serve a basket is listed as having no eligible offer', () => {
  const [slow] = records([
    offerRow({
      unique_plan_id: planId('F', 1, 'SLOW'),
      connection_type: 'DSL',
      typical_download_speed: '0.2',
      monthly_data_allow: '',
      voice_minutes: '0',
      sms_count: '0',
    }),
  ]);
  assert.ok(slow);
  const [fixed] = measureAffordability({
    offers: [comparable(slow)],
    operators: [{ id: 'OP-T1', name: 'Test Mobile' }],
    baskets: [{ basket: basket('itu-fixed'), targets: [LT2] }],
    settings: SETTINGS,
    rules: RULES,
    currency: 'KES',
  });
  assert.deepEqual(
    fixed?.operators.map((o) => o.note),
    ['no_eligible_offer'],
  );
  assert.equal(fixed?.cheapest, null);
});

test('costs one month of 30 days by the prepaid rule: a weekly bundle is bought five times', () => {
  const [weekly] = records([offerRow({ unique_plan_id: planId('M', 1, 'WEEK'), monthly_price: '33.33', validity_days: '7', monthly_data_allow: '1' })]);
  assert.ok(weekly);
  const [whole] = measureAffordability({
    offers: [comparable(weekly)],
    operators: [],
    baskets: [{ basket: basket('itu-mobile-data'), targets: [LT2] }],
    settings: SETTINGS,
    rules: RULES,
    currency: 'KES',
  });
  assert.equal(whole?.cheapest?.local.toString(), '166.65');
  const [pro] = measureAffordability({
    offers: [comparable(weekly)],
    operators: [],
    baskets: [{ basket: basket('itu-mobile-data'), targets: [LT2] }],
    settings: SETTINGS,
    rules: { ...RULES, prepaidRule: 'pro_rata' },
    currency: 'KES',
  });
  // 33.33 × 30 / 7, kept exact: rounding happens once, when it is shown.
  assert.equal(pro?.cheapest?.local.toFixed(10), new Decimal('33.33').times(30).dividedBy(7).toFixed(10));
  const [min30] = measureAffordability({
    offers: [comparable(weekly)],
    operators: [{ id: 'OP-T1', name: 'Test Mobile' }],
    baskets: [{ basket: basket('itu-mobile-data'), targets: [LT2] }],
    settings: SETTINGS,
    rules: { ...RULES, prepaidRule: 'min_30_days' },
    currency: 'KES',
  });
  assert.equal(min30?.cheapest, null);
  assert.equal(min30?.operators[0]?.note, 'no_eligible_offer');
});

test('one-time fees are left out of the monthly price unless the profile includes them', () => {
  const [fibre] = records([
    offerRow({
      unique_plan_id: planId('F', 1, 'FIBRE'),
      connection_type: 'Fiber',
      monthly_price: '2800',
      monthly_data_allow: 'Unlimited',
      voice_minutes: '0',
      sms_count: '0',
      single_purchase_fee_descr: 'Installation',
      single_purchase_fees: '2500',
    }),
  ]);
  assert.ok(fibre);
  const measure = (isOneTimeFeeIncluded: boolean) =>
    measureAffordability({
      offers: [comparable(fibre)],
      operators: [],
      baskets: [{ basket: basket('itu-fixed'), targets: [LT2] }],
      settings: { ...SETTINGS, isOneTimeFeeIncluded },
      rules: RULES,
      currency: 'KES',
    })[0]?.cheapest?.local.toString();
  assert.equal(measure(false), '2800');
  assert.equal(measure(true), '5300');
});

test('an operator whose current offers of a type are all promotions or social tariffs is said so, not "no current offer"', () => {
  const [promo, social] = records([
    offerRow({ unique_plan_id: planId('M', 1, 'PROMO'), monthly_price: '50', is_promotional: 'Yes', effective_to: '2027-01-01' }),
    offerRow({ unique_plan_id: planId('M', 2, 'SOCIAL'), operator_id: 'OP-T2', monthly_price: '60', social_tariff: 'Yes' }),
  ]);
  assert.ok(promo && social);
  const operators = [
    { id: 'OP-T1', name: 'One' },
    { id: 'OP-T2', name: 'Two' },
  ];
  const [data] = measureAffordability({
    offers: [comparable(promo), comparable(social)],
    operators,
    baskets: [{ basket: basket('itu-mobile-data'), targets: [LT2] }],
    settings: SETTINGS,
    rules: RULES,
    currency: 'KES',
  });
  assert.deepEqual(
    data?.operators.map((o) => o.note),
    ['only_excluded_offers', 'only_excluded_offers'],
  );
  // A stale offer is not current: that operator has no current offer.
  const [stale] = measureAffordability({
    offers: [comparable(promo, true)],
    operators: operators.slice(0, 1),
    baskets: [{ basket: basket('itu-mobile-data'), targets: [LT2] }],
    settings: SETTINGS,
    rules: RULES,
    currency: 'KES',
  });
  assert.deepEqual(
    stale?.operators.map((o) => o.note),
    ['no_current_offer'],
  );
});
