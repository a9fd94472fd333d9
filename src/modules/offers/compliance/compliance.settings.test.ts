import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOfferSettings } from '../offers.settings.ts';
import { DEFAULT_COMPLIANCE_SETTINGS, resolveComplianceSettings } from './compliance.settings.ts';

test('names wrong compliance settings, and reads the fields a profile requires', () => {
  assert.deepEqual(checkOfferSettings({ compliance: { mandatoryFields: ['typical_latency', 'monthly_price', 7] } }), [
    '/modules/offers/compliance/mandatoryFields/1: must be one of tier_plan_name, technology, early_termination_fee, bundle_discounts_url, typical_download_speed, typical_upload_speed, typical_latency, customer_support_phone, customer_support_web, accessibility_features (policy links are always checked)',
    '/modules/offers/compliance/mandatoryFields/2: must be one of tier_plan_name, technology, early_termination_fee, bundle_discounts_url, typical_download_speed, typical_upload_speed, typical_latency, customer_support_phone, customer_support_web, accessibility_features (policy links are always checked)',
  ]);
  assert.deepEqual(resolveComplianceSettings({ compliance: { mandatoryFields: ['accessibility_features'] } }).mandatoryFields, ['accessibility_features']);
  assert.deepEqual(resolveComplianceSettings(undefined), DEFAULT_COMPLIANCE_SETTINGS);
  assert.deepEqual(DEFAULT_COMPLIANCE_SETTINGS.mandatoryFields, [
    'typical_download_speed',
    'typical_upload_speed',
    'typical_latency',
    'customer_support_phone',
    'customer_support_web',
  ]);
});
