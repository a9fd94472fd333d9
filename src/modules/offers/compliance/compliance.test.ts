import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCompliance, findingsOf } from './compliance.ts';
import { OFFER_FILE, validateOfferRows, type OfferRecord } from '../catalogue/offer-file.ts';
import { parseTabularCsv } from '../catalogue/tabular-file.ts';
import { DEFAULT_COMPLIANCE_SETTINGS } from './compliance.settings.ts';
import type { ComparableOffer } from '../comparison/ranking.ts';
import { offerCsv, offerRow, planId } from '../testing/offer-rows.ts';

const COMPLETE = {
  typical_upload_speed: '5',
  typical_latency: '40',
  customer_support_phone: '+254 700 000 100',
  customer_support_web: 'https://test.example/support',
  privacy_policy_url: 'https://test.example/privacy',
  network_management_policy_url: 'https://test.example/network',
  data_allowance_policy_url: 'https://test.example/data',
};

function records(rows: Record<string, string>[]): OfferRecord[] {
  const validation = validateOfferRows(parseTabularCsv(offerCsv(rows), OFFER_FILE).rows, { isLenient: false, currency: 'KES', today: '2026-12-01' });
  assert.deepEqual(validation.problems, []);
  return validation.offers.map((o) => o.record);
}

const comparable = (record: OfferRecord, isStale = false): ComparableOffer => ({
  record,
  operatorName: 'x',
  lastUpdated: '2026-12-01T09:00:00.000Z',
  isStale,
  version: 1,
});
const mandatory = DEFAULT_COMPLIANCE_SETTINGS.mandatoryFields;

test('a complete offer has no finding', () => {
  const [complete] = records([offerRow({ unique_plan_id: planId('M', 1, 'OK'), ...COMPLETE })]);
  assert.ok(complete);
  assert.deepEqual(findingsOf(comparable(complete), mandatory), []);
});

test('reports missing mandatory fields, missing policy links and a promotion without an end date, each with its columns', () => {
  const [bare, promo, unlimited] = records([
    offerRow({ unique_plan_id: planId('M', 1, 'BARE'), typical_download_speed: '' }),
    offerRow({ unique_plan_id: planId('M', 1, 'PROMO'), ...COMPLETE, is_promotional: 'Yes' }),
    offerRow({
      unique_plan_id: planId('F', 1, 'UNL'),
      ...COMPLETE,
      data_allowance_policy_url: '',
      monthly_data_allow: 'Unlimited',
      is_promotional: 'Yes',
      effective_to: '2027-01-01',
    }),
  ]);
  assert.ok(bare && promo && unlimited);
  assert.deepEqual(
    findingsOf(comparable(bare), mandatory).map((f) => [f.kind, f.columns]),
    [
      ['missing_fields', ['typical_download_speed', 'typical_upload_speed', 'typical_latency', 'customer_support_phone', 'customer_support_web']],
      ['missing_policy_links', ['privacy_policy_url', 'network_management_policy_url', 'data_allowance_policy_url']],
    ],
  );
  assert.deepEqual(
    findingsOf(comparable(promo), mandatory).map((f) => [f.kind, f.columns]),
    [['promotion_without_end', ['effective_to']]],
  );
  // An unlimited plan has no data cap, so no data allowance policy is required; its promotion ends.
  assert.deepEqual(findingsOf(comparable(unlimited), mandatory), []);
  assert.deepEqual(findingsOf(comparable(bare), ['accessibility_features']).map((f) => f.columns)[0], ['accessibility_features']);
});

test('flags an introductory price whose duration is missing, as older versions may carry', () => {
  const [intro] = records([
    offerRow({ unique_plan_id: planId('M', 1, 'INTRO'), ...COMPLETE, intro_rate: 'Yes', intro_rate_price: '100', intro_rate_time: '3' }),
  ]);
  assert.ok(intro);
  assert.deepEqual(findingsOf(comparable(intro), mandatory), []);
  const older: OfferRecord = { ...intro, introRate: { price: '100', months: 0 } };
  assert.deepEqual(
    findingsOf(comparable(older), mandatory).map((f) => [f.kind, f.columns]),
    [['intro_without_duration', ['intro_rate_time']]],
  );
});

test('counts current and stale offers per operator and lists operators without any', () => {
  const [a, b, c] = records([
    offerRow({ unique_plan_id: planId('M', 1, 'A'), ...COMPLETE }),
    offerRow({ unique_plan_id: planId('M', 1, 'B'), ...COMPLETE, customer_support_web: '' }),
    offerRow({ unique_plan_id: planId('M', 2, 'C'), ...COMPLETE, operator_id: 'OP-T2' }),
  ]);
  assert.ok(a && b && c);
  const report = checkCompliance(
    [comparable(b), comparable(a), comparable(c, true)],
    [
      { id: 'OP-T1', name: 'One' },
      { id: 'OP-T2', name: 'Two' },
      { id: 'OP-T3', name: 'Three' },
    ],
    DEFAULT_COMPLIANCE_SETTINGS,
  );
  assert.deepEqual(
    report.map((o) => [o.operatorId, o.currentOffers, o.staleOffers, o.findings.map((f) => `${f.planId} ${f.kind}`), o.operatorFinding]),
    [
      ['OP-T1', 2, 0, [`${planId('M', 1, 'B')} missing_fields`], null],
      // Every offer stale, or none at all: a finding on the operator, never "no finding".
      ['OP-T2', 0, 1, [], 'all_stale'],
      ['OP-T3', 0, 0, [], 'no_offers'],
    ],
  );
});

test('an operator whose only current offers are add-ons has no plan to compare: a finding on the operator', () => {
  const [base, addon] = records([
    offerRow({ unique_plan_id: planId('M', 1, 'BASE'), ...COMPLETE }),
    offerRow({ unique_plan_id: planId('M', 1, 'ADDON'), ...COMPLETE, addon_of: planId('M', 1, 'BASE') }),
  ]);
  assert.ok(base && addon);
  const operators = [{ id: 'OP-T1', name: 'One' }];
  const settings = DEFAULT_COMPLIANCE_SETTINGS;
  assert.deepEqual(
    checkCompliance([comparable(base, true), comparable(addon)], operators, settings).map((o) => [o.currentOffers, o.staleOffers, o.operatorFinding]),
    [[1, 1, 'only_addons']],
  );
  assert.deepEqual(
    checkCompliance([comparable(base), comparable(addon)], operators, settings).map((o) => o.operatorFinding),
    [null],
  );
});
