import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadCatalogs } from '../../../platform/i18n/index.ts';
import { sayFileProblem, type FileProblem } from './file-messages.ts';
import { validateOfferRows, OFFER_FILE } from './offer-file.ts';
import { validateRoamingRows, ROAMING_FILE } from '../roaming/roaming-file.ts';
import { parseTabularFile } from './tabular-file.ts';
import { offerCsv, offerRow, planId } from '../testing/offer-rows.ts';

const catalogs = loadCatalogs();
const folder = (language: string) => JSON.parse(readFileSync(new URL(`./locales/${language}.json`, import.meta.url), 'utf8')) as Record<string, string>;

/** Files with most kinds of mistakes, offers and roaming rates, CSV and JSON. */
function problemsOfBadFiles(): FileProblem[] {
  const offerOptions = { isLenient: false, currency: 'KES', today: '2026-12-01', operatorId: 'OP-1' };
  const bad = offerRow({
    unique_plan_id: 'M123',
    operator_id: 'OP-2',
    currency: 'usd',
    monthly_price: '1,250',
    typical_latency: '13 ms',
    typical_download_speed: '5 - 10',
    tax: 'Some',
    intro_rate: 'maybe',
    contract_terms_url: 'ftp://x',
    single_purchase_fee_descr: 'A|B',
    single_purchase_fees: '10',
    over_usage_data_price_unit: 'per_mb',
    validity_days: '0',
    effective_from: '2026-13-01',
    addon_of: 'nope',
  });
  const csv = parseTabularFile(
    offerCsv([bad])
      .replace('unique_plan_id,', 'unique_plan_id,colour,')
      .replace(/\r\nM123,/, '\r\nM123,red,'),
    'csv',
    OFFER_FILE,
  );
  const offers = validateOfferRows(csv.rows, offerOptions);
  const json = parseTabularFile(JSON.stringify({ offers: [{ unique_plan_id: planId('M', 1, 'A'), monthly_price: [] }, 'x'] }), 'json', OFFER_FILE);
  const roaming = parseTabularFile(
    'unique_plan_id,destination,currency,data_per_mb,included_data_mb,fair_use_price_per_mb,bundle_price,validity_days\r\nM1234567890A,ug,EUR,0,5 MB,,10,\r\n',
    'csv',
    ROAMING_FILE,
  );
  const rates = validateRoamingRows(roaming.rows, { currency: 'KES', homeCountry: 'KE', zoneIds: new Set(['eac']), today: '2026-12-01' });
  return [...csv.problems, ...offers.problems, ...json.problems, ...roaming.problems, ...rates.problems];
}

test('every importer message has an English, French and Arabic text, and the English one is what the API says', () => {
  const en = folder('en');
  const fr = folder('fr');
  const ar = folder('ar');
  assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort());
  assert.deepEqual(Object.keys(ar).sort(), Object.keys(en).sort());
  const problems = problemsOfBadFiles();
  assert.ok(problems.length >= 20, `${problems.length} problems`);
  const english = catalogs.translator('en');
  for (const problem of problems) {
    assert.ok(problem.key in en, problem.key);
    // The catalogue the pages read says exactly what the API and the CLI say.
    assert.equal(sayFileProblem(english, problem.key, problem.values), problem.message);
  }
});

test('French and Arabic say each problem in their own words, with the values of the file kept', () => {
  const french = catalogs.translator('fr');
  const arabic = catalogs.translator('ar');
  for (const problem of problemsOfBadFiles()) {
    const fr = sayFileProblem(french, problem.key, problem.values);
    const ar = sayFileProblem(arabic, problem.key, problem.values);
    assert.notEqual(fr, problem.message, problem.key);
    assert.notEqual(ar, problem.message, problem.key);
    assert.match(ar, /[\u0600-\u06FF]/, `${problem.key} is in Arabic`);
    for (const value of Object.values(problem.values)) {
      if (
        typeof value === 'string' &&
        /^[\w\-.,: |]+$/.test(value) &&
        !/^(offer|rate|price|speed|latency|days|messages|months|minutes|amount|amountEntry|allowance|increment|pricePerMb|mbOrUnlimited|mb)$/.test(value)
      ) {
        assert.ok(fr.includes(value), `${problem.key}: "${value}" in "${fr}"`);
      }
    }
  }
  assert.equal(
    sayFileProblem(french, 'offers.import.number.unit', { value: '13 ms', what: 'latency' }),
    '« 13 ms » n’est pas une latence en millisecondes : écrivez le nombre seul, sans unité ni devise (la colonne donne l’unité).',
  );
  assert.equal(sayFileProblem(french, 'offers.import.file.noRows', { entry: 'rate' }), 'Le fichier a une ligne d’en-tête mais aucun tarif.');
});

test('the offer file and the roaming file accept and refuse the same number and boolean spellings, with the same words', () => {
  const offerProblem = (value: string) => {
    const parsed = parseTabularFile(offerCsv([offerRow({ unique_plan_id: planId('M', 1, 'A'), data_price_per_gb: value })]), 'csv', OFFER_FILE);
    return validateOfferRows(parsed.rows, { isLenient: false, currency: 'KES', today: '2026-12-01' }).problems.map((p) => [p.key, p.values['fixed'] ?? null]);
  };
  const roamingProblem = (value: string) => {
    const parsed = parseTabularFile(
      `unique_plan_id,operator_id,destination,data_per_mb\r\nM1234567890A,OP-T1,UG,${value.includes(',') ? `"${value}"` : value}\r\n`,
      'csv',
      ROAMING_FILE,
    );
    return validateRoamingRows(parsed.rows, { currency: 'KES', homeCountry: 'KE', zoneIds: new Set(), today: '2026-12-01' }).problems.map((p) => [
      p.key,
      p.values['fixed'] ?? null,
    ]);
  };
  for (const value of ['2,5', '1,500', '5 KES', 'KES 5', '1 - 2', '-5', 'N/A', '2.50']) {
    assert.deepEqual(offerProblem(value), roamingProblem(value), value);
  }
  assert.deepEqual(offerProblem('2,5'), [['offers.import.number.decimalComma', '2.5']]);
  assert.deepEqual(offerProblem('2.50'), []);
  // JSON: numbers and booleans are read the same way by both.
  const json = (format: typeof OFFER_FILE | typeof ROAMING_FILE) =>
    parseTabularFile(
      JSON.stringify([{ unique_plan_id: 'M1234567890A', destination: 'UG', monthly_price: 1e-7, data_per_mb: 0.5, is_promotional: true }]),
      'json',
      format,
    );
  assert.equal(json(OFFER_FILE).rows[0]?.cells['monthly_price'], '0.0000001');
  assert.equal(json(ROAMING_FILE).rows[0]?.cells['data_per_mb'], '0.5');
  const booleans = parseTabularFile(
    JSON.stringify({ rates: [{ unique_plan_id: 'M1234567890A', destination: 'UG', data_per_mb: true }] }),
    'json',
    ROAMING_FILE,
  );
  assert.deepEqual(booleans.problems, [], 'a boolean is read as Yes, as in the offer file');
  assert.equal(booleans.rows[0]?.cells['data_per_mb'], 'Yes');
});
