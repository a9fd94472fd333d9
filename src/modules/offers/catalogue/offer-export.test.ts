import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { DEMO_OFFERS_CSV } from '../demo/offers.demo.ts';
import { HISTORY_EXPORT_COLUMNS, csvField, csvLine, currentCsvLine, historyCsvLine, offerCells } from './offer-export.ts';
import { OFFER_FILE, OFFER_COLUMNS, validateOfferRows, type OfferRecord } from './offer-file.ts';
import { parseTabularCsv } from './tabular-file.ts';
import { offerCsv, offerRow, planId } from '../testing/offer-rows.ts';

// The demo profile's eligibility criteria of social tariffs, which the demo file names.
const OPTIONS = { isLenient: false, currency: 'KES', today: '2026-12-01', eligibilityIds: new Set(['social-assistance', 'disability', 'older-person']) };

function validRecords(text: string): OfferRecord[] {
  const parsed = parseTabularCsv(text, OFFER_FILE);
  const validation = validateOfferRows(parsed.rows, OPTIONS);
  assert.deepEqual([...parsed.problems, ...validation.problems], []);
  return validation.offers.map((o) => o.record);
}

test('quotes fields as RFC 4180 asks: commas, quotes and line breaks, quotes doubled, CRLF line ends', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvLine(['a', 'b,c', '']), 'a,"b,c",\r\n');
});

test('every demo offer and every tricky cell exports to a file that imports back to the same offers', () => {
  const demo = validRecords(readFileSync(DEMO_OFFERS_CSV, 'utf8'));
  const tricky = validRecords(
    offerCsv([
      offerRow({
        unique_plan_id: planId('M', 1, 'TRICKY'),
        service_plan_name: 'Plan "Plus", with commas',
        accessibility_features: 'Large print\nBraille bills',
        intro_rate: 'Yes',
        intro_rate_price: '250.5',
        intro_rate_time: '3',
        contract_req: 'Yes',
        contract_time: '12',
        contract_terms_url: 'https://test.example/terms?a=1,b=2',
        early_termination_fee: '1000',
        single_purchase_fee_descr: 'SIM|Delivery',
        single_purchase_fees: '100|50',
        tax: '16.5',
        over_usage_data_price: '20',
        over_usage_data_price_unit: 'per_increment',
        additional_data_increment: '0.5',
        voice_minutes: '',
        sms_count: '0',
        effective_from: '2026-11-01',
        effective_to: '2027-02-01',
        is_promotional: 'Yes',
        social_tariff: 'Yes',
      }),
      offerRow({ unique_plan_id: planId('F', 1, 'VARIES'), tax: 'Varies', monthly_data_allow: '', validity_days: '' }),
    ]),
  );
  const records = [...demo, ...tricky];
  const exported = csvLine(OFFER_COLUMNS) + records.map(currentCsvLine).join('');
  assert.deepEqual(validRecords(exported), records);
  // A strict RFC 4180 reader (no relaxed column counts) reads the same number of cells on every line.
  const strict: string[][] = parse(exported, { relax_column_count: false });
  assert.equal(strict.length, records.length + 1);
  assert.ok(strict.every((row) => row.length === OFFER_COLUMNS.length));
});

test('the history line adds the version and the publication time after the national columns', () => {
  const [record] = validRecords(offerCsv([offerRow({ unique_plan_id: planId('M', 1, 'H') })]));
  assert.ok(record);
  const line = historyCsvLine({ record, version: 3, publishedAt: '2026-12-01T09:00:00.000Z' });
  const [cells] = parse(line);
  assert.equal(cells?.length, HISTORY_EXPORT_COLUMNS.length);
  assert.deepEqual(cells?.slice(-2), ['3', '2026-12-01T09:00:00.000Z']);
  assert.equal(offerCells(record).monthly_data_allow, '5');
  assert.equal(offerCells({ ...record, dataAllowanceGb: null }).monthly_data_allow, 'Unlimited');
});
