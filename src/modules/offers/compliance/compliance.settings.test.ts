import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSettings, settingsOf } from '../../../platform/settings.ts';
import { offersSettings } from '../offers.settings.ts';

const CHECKABLE =
  'tier_plan_name, technology, early_termination_fee, bundle_discounts_url, typical_download_speed, typical_upload_speed, typical_latency, customer_support_phone, customer_support_web, accessibility_features';

test('names wrong compliance settings, and reads the fields a profile requires', () => {
  assert.deepEqual(checkSettings(offersSettings, { compliance: { mandatoryFields: ['typical_latency', 'monthly_price', 7] } }), [
    `/modules/offers/compliance/mandatoryFields/1: must be one of ${CHECKABLE} (policy links are always checked)`,
    `/modules/offers/compliance/mandatoryFields/2: must be one of ${CHECKABLE} (policy links are always checked)`,
  ]);
  assert.deepEqual(checkSettings(offersSettings, { compliance: { mandatoryFields: 'typical_latency', strict: true } }), [
    '/modules/offers/compliance/strict: unknown setting (known: mandatoryFields)',
    '/modules/offers/compliance/mandatoryFields: must be a list of column names',
  ]);
  assert.deepEqual(settingsOf(offersSettings, { compliance: { mandatoryFields: ['accessibility_features'] } }).compliance.mandatoryFields, [
    'accessibility_features',
  ]);
  assert.deepEqual(settingsOf(offersSettings, undefined).compliance.mandatoryFields, [
    'typical_download_speed',
    'typical_upload_speed',
    'typical_latency',
    'customer_support_phone',
    'customer_support_web',
  ]);
});
