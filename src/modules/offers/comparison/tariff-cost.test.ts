import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OFFER_FILE, validateOfferRows, type OfferRecord } from '../catalogue/offer-file.ts';
import { parseTabularCsv } from '../catalogue/tabular-file.ts';
import { costOffer, type CostRules, type UsageProfile } from './tariff-cost.ts';
import { offerCsv, offerRow } from '../testing/offer-rows.ts';

const RULES: CostRules = { prepaidRule: 'whole_repurchases', minorUnits: 2 };
const PROFILE: UsageProfile = { serviceType: 'mobile', dataGb: '2', voiceMinutes: 70, sms: 20, minDownloadMbps: null, months: 12 };

function record(overrides: Record<string, string> = {}): OfferRecord {
  const parsed = parseTabularCsv(offerCsv([offerRow(overrides)]), OFFER_FILE);
  const validation = validateOfferRows(parsed.rows, { isLenient: true, currency: 'KES', today: '2026-12-01' });
  assert.deepEqual(validation.problems, []);
  const found = validation.offers[0]?.record;
  assert.ok(found);
  return found;
}

function cost(offer: OfferRecord, profile: Partial<UsageProfile> = {}, rules: Partial<CostRules> = {}, addons: OfferRecord[] = []) {
  const outcome = costOffer(offer, addons, { ...PROFILE, ...profile }, { ...RULES, ...rules });
  assert.ok(outcome.isEligible, `expected eligible, got ${JSON.stringify(outcome)}`);
  return outcome;
}

const lines = (outcome: ReturnType<typeof cost>) =>
  Object.fromEntries(outcome.lines.map((l) => [`${l.kind}${l.detail ? `:${l.detail}` : ''}`, l.amount.toFixed(2)]));

test('a monthly plan that covers the usage costs its price times the months', () => {
  const outcome = cost(record());
  assert.equal(outcome.total.toFixed(2), '6000.00');
  assert.equal(outcome.monthly.toFixed(2), '500.00');
  assert.equal(outcome.purchases, 12);
});

test('counts the introductory price for its months and the full price after', () => {
  const outcome = cost(record({ intro_rate: 'Yes', intro_rate_price: '199.99', intro_rate_time: '3' }));
  assert.deepEqual(lines(outcome), { intro_price: '599.97', price: '4500.00' });
  assert.equal(outcome.total.toFixed(2), '5099.97');
});

test('adds one-time fees once, monthly provider fees every month, and a tax amount every month', () => {
  const outcome = cost(
    record({
      single_purchase_fee_descr: 'SIM|Delivery',
      single_purchase_fees: '100|50',
      monthly_provider_fee_descr: 'Service',
      monthly_provider_fee: '20',
      tax: '10.5',
    }),
  );
  assert.deepEqual(lines(outcome), {
    price: '6000.00',
    'one_time_fee:SIM': '100.00',
    'one_time_fee:Delivery': '50.00',
    'monthly_fee:Service': '240.00',
    tax: '126.00',
  });
  assert.equal(outcome.total.toFixed(2), '6516.00');
  assert.equal(cost(record({ tax: 'Varies' })).isTaxVarying, true);
});

test('charges pay-as-you-go voice, SMS and data beyond the allowance', () => {
  const outcome = cost(record({ monthly_data_allow: '1', voice_minutes: '50', sms_count: '0' }));
  // Each month: 1 GB × 200, 20 min × 4, 20 SMS × 1.
  assert.deepEqual(lines(outcome), { price: '6000.00', data_payg: '2400.00', voice_payg: '960.00', sms_payg: '240.00' });
});

test('charges overage per increment, rounding the increments up', () => {
  const outcome = cost(
    record({ monthly_data_allow: '1', over_usage_data_price: '150', over_usage_data_price_unit: 'per_increment', additional_data_increment: '0.75' }),
  );
  // 1 GB beyond the allowance needs 2 increments of 0.75 GB each month.
  assert.equal(lines(outcome)['data_overage'], '3600.00');
});

test('buys the cheapest combination of add-ons when it beats overage', () => {
  const base = record({ monthly_data_allow: '1', data_price_per_gb: '500' });
  const oneGb = record({
    unique_plan_id: 'M1234567890ADDON1GB0000000',
    addon_of: base.planId,
    monthly_price: '150',
    monthly_data_allow: '1',
    voice_minutes: '0',
    sms_count: '0',
  });
  const fiveGb = record({
    unique_plan_id: 'M1234567890ADDON5GB0000000',
    addon_of: base.planId,
    monthly_price: '400',
    monthly_data_allow: '5',
    voice_minutes: '0',
    sms_count: '0',
  });
  // 3 GB beyond the allowance: one 5 GB add-on (400) beats three 1 GB add-ons (450) and pay-as-you-go (1,500).
  const outcome = cost(base, { dataGb: '4' }, {}, [oneGb, fiveGb]);
  assert.deepEqual(outcome.addons, [{ planId: fiveGb.planId, quantity: 12 }]);
  assert.equal(lines(outcome)[`addon:${fiveGb.planId}`], '4800.00');
  // With 1.5 GB beyond: 2 × 1 GB (300) beats 5 GB (400) and 1 × 1 GB + 0.5 GB pay-as-you-go (150 + 250).
  const smaller = cost(base, { dataGb: '2.5' }, {}, [oneGb, fiveGb]);
  assert.deepEqual(smaller.addons, [{ planId: oneGb.planId, quantity: 24 }]);
  // When pay-as-you-go is cheaper than any add-on, no add-on is bought.
  const cheapData = record({ monthly_data_allow: '1', data_price_per_gb: '10' });
  assert.deepEqual(cost(cheapData, { dataGb: '4' }, {}, [oneGb, fiveGb]).addons, []);
});

test('an offer that sells no more of what the profile needs is not eligible', () => {
  assert.deepEqual(costOffer(record({ monthly_data_allow: '1', data_price_per_gb: '' }), [], PROFILE, RULES), { isEligible: false, reason: 'no_more_data' });
  assert.deepEqual(costOffer(record({ voice_minutes: '10', voice_price_per_minute: '' }), [], PROFILE, RULES), { isEligible: false, reason: 'no_more_voice' });
  assert.deepEqual(costOffer(record(), [], { ...PROFILE, serviceType: 'fixed' }, RULES), { isEligible: false, reason: 'service_type' });
  assert.deepEqual(costOffer(record({ typical_download_speed: '5' }), [], { ...PROFILE, minDownloadMbps: '10' }, RULES), {
    isEligible: false,
    reason: 'speed',
  });
  assert.deepEqual(costOffer(record({ typical_download_speed: '' }), [], { ...PROFILE, minDownloadMbps: '10' }, RULES), { isEligible: false, reason: 'speed' });
});

test('normalises a 7-day bundle by each of the three prepaid rules', () => {
  const weekly = record({ validity_days: '7', monthly_price: '100', monthly_data_allow: '1', voice_minutes: '', sms_count: '' });
  const profile = { dataGb: '3', months: 1 };
  // Only bundles valid at least 30 days: a weekly bundle is left out.
  assert.deepEqual(costOffer(weekly, [], { ...PROFILE, ...profile }, { ...RULES, prepaidRule: 'min_30_days' }), { isEligible: false, reason: 'validity' });
  // Whole repurchases over 30 days: 4 full weeks (0.7 GB each of usage, within 1 GB) and a 5th bundle for 2 days.
  const whole = cost(weekly, profile, { prepaidRule: 'whole_repurchases' });
  assert.equal(whole.purchases, 5);
  assert.deepEqual(lines(whole), { price: '500.00' });
  // Pro rata: 100 × 30/7 = 428.571..., allowance 30/7 GB covers 3 GB; rounded once at the end.
  const proRata = cost(weekly, profile, { prepaidRule: 'pro_rata' });
  assert.equal(proRata.total.toFixed(2), '428.57');
});

test("rounds once, at the end, to the currency's minor unit", () => {
  // 12 × 33.333 = 399.996: rounding each month first would give 12 × 33.33 = 399.96.
  const outcome = cost(record({ monthly_price: '33.333' }));
  assert.equal(outcome.total.toFixed(2), '400.00');
  assert.equal(cost(record({ monthly_price: '33.333' }), {}, { minorUnits: 0 }).total.toFixed(0), '400');
});
