import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROAMING_FILE, validateRoamingRows, type RoamingValidationOptions } from './roaming-file.ts';
import { parseTabularCsv, parseTabularFile } from '../catalogue/tabular-file.ts';
import { offersSettings } from '../offers.settings.ts';
import { checkSettings, settingsOf } from '../../../platform/settings.ts';
import { roamingCsv, roamingRow } from '../testing/roaming-rows.ts';

const options: RoamingValidationOptions = { currency: 'KES', homeCountry: 'KE', zoneIds: new Set(['eac']), today: '2026-12-01' };

function problemsOf(text: string, format: 'csv' | 'json' = 'csv', extra: Partial<RoamingValidationOptions> = {}): string[] {
  const parsed = parseTabularFile(text, format, ROAMING_FILE);
  const validation = validateRoamingRows(parsed.rows, { ...options, ...extra });
  return [...parsed.problems, ...validation.problems].map((p) => `${p.line ?? '-'} ${p.field}: ${p.message}`);
}

test('a valid file gives one record per row, with defaults and normalised amounts', () => {
  const parsed = parseTabularCsv(
    roamingCsv([
      roamingRow({ data_per_mb: '02.50' }),
      roamingRow({ destination: 'eac', included_data_mb: 'Unlimited', fair_use_mb: '2000', fair_use_price_per_mb: '1.5', currency: '' }),
    ]),
    ROAMING_FILE,
  );
  const validation = validateRoamingRows(parsed.rows, options);
  assert.deepEqual(validation.problems, []);
  const [first, second] = validation.rates.map((r) => r.record);
  assert.deepEqual(
    [first?.dataPerMb, first?.includedDataMb, first?.validityDays, first?.effectiveFrom, first?.bundlePrice],
    ['2.5', '0', 30, '2026-12-01', null],
  );
  assert.deepEqual([second?.destination, second?.includedDataMb, second?.fairUseMb, second?.currency], ['eac', null, '2000', 'KES']);
});

test('every wrong cell is reported with its line, column and reason', () => {
  const problems = problemsOf(
    roamingCsv([
      roamingRow({ voice_out_per_min: '15 KES', data_per_mb: 'N/A' }),
      roamingRow({ destination: 'XX' }),
      roamingRow({ destination: 'ug' }),
      roamingRow({ destination: 'KE' }),
      roamingRow({ destination: 'asia' }),
      roamingRow({ destination: 'BI', currency: 'USD' }),
      roamingRow({ destination: 'TZ', bundle_price: '500', included_data_mb: '1000' }),
      roamingRow({ destination: 'RW', included_data_mb: 'Unlimited' }),
      roamingRow({ destination: 'TZ', unique_plan_id: 'PLAN-1', sms_out_each: '1,5' }),
    ]),
  );
  assert.deepEqual(problems, [
    '2 voice_out_per_min: "15 KES" is not a price per minute: write the number alone, without a unit or currency (the unit is given by the column).',
    '2 data_per_mb: "N/A" is not allowed here; leave the cell empty when there is no value.',
    '3 destination: "XX" is not an ISO 3166-1 alpha-2 country code.',
    '4 destination: Write country codes in capitals: UG.',
    '5 destination: KE is the home country of this jurisdiction; roaming rates are for abroad.',
    '6 destination: "asia" is neither an ISO 3166-1 alpha-2 country code nor a zone of this jurisdiction (eac, world).',
    '7 currency: Rates must be in KES, the currency of this jurisdiction, not USD.',
    '8 validity_days: A roaming bundle needs the number of days it lasts in validity_days.',
    '9 fair_use_mb: Unlimited roaming data needs its fair-use limit in MB in fair_use_mb.',
    '10 unique_plan_id: "PLAN-1" is not a plan id: F or M, a 10-digit registration number, then capital letters or digits, as in the offer file.',
    '10 sms_out_each: "1,5" uses a comma for decimals; write 1.5.',
  ]);
});

test('a plan appears once per destination, and rows of another operator are refused when the import names one', () => {
  const problems = problemsOf(roamingCsv([roamingRow(), roamingRow({ data_per_mb: '3' }), roamingRow({ destination: 'TZ', operator_id: 'OP-T2' })]), 'csv', {
    operatorId: 'OP-T1',
  });
  assert.deepEqual(problems, [
    '3 destination: The plan M1234567890ABCDEFGHIJ12345 already has a rate for UG on line 2; give one row per plan and destination.',
    '4 operator_id: This row belongs to OP-T2, but this import is for OP-T1 only.',
  ]);
});

test('an unknown or misspelled header column rejects the file, with a suggestion', () => {
  const problems = problemsOf(roamingCsv([roamingRow()], ['unique_plan_id', 'operator_id', 'destination', 'data_per_mo', 'colour']));
  assert.deepEqual(problems.slice(0, 2), [
    '1 data_per_mo: Unknown column "data_per_mo"; did you mean "data_per_mb"?',
    '1 colour: Unknown column "colour"; docs/formats/roaming.md lists the columns.',
  ]);
  assert.deepEqual(
    problemsOf('unique_plan_id,data_per_mb\r\nM1234567890ABCDEFGHIJ12345,2\r\n')[0],
    '1 destination: The header has no destination column, which every file needs.',
  );
});

test('a JSON file names fields by JSON pointer and lines by position', () => {
  const text = JSON.stringify({ rates: [roamingRow(), { ...roamingRow({ destination: 'ZZ' }), data_per_mb: 2, roaming: 'yes' }] });
  assert.deepEqual(problemsOf(text, 'json'), [
    '2 /rates/1/roaming: Unknown column "roaming"; docs/formats/roaming.md lists the columns.',
    '2 /rates/1/destination: "ZZ" is not an ISO 3166-1 alpha-2 country code.',
  ]);
  assert.deepEqual(problemsOf('{"offers": []}', 'json'), ['- /rates: The file must be an object with a "rates" array.']);
});

test('the roaming profile block is checked, and defaults apply when it is absent', () => {
  const roaming = (block: unknown) => checkSettings(offersSettings, { roaming: block });
  assert.deepEqual(roaming({ alertShare: 0.8, defaultLimit: '5000', zones: [{ id: 'eac', name: 'EAC', countries: ['UG', 'TZ'] }] }), []);
  assert.deepEqual(
    roaming({
      alertShare: 1.2,
      defaultLimit: 5000,
      colour: 'red',
      zones: [{ id: 'w', name: '', countries: ['UG', 'xx'], rate: 1 }, 'eac', { id: 'eac', name: 'EAC', countries: [] }],
    }),
    [
      '/modules/offers/roaming/colour: unknown setting (known: alertShare, defaultLimit, maxStayDays, zones)',
      '/modules/offers/roaming/alertShare: must be a number between 0 and 1 (exclusive), such as 0.8',
      '/modules/offers/roaming/defaultLimit: must be a decimal string above zero, such as "5000"',
      '/modules/offers/roaming/zones/0/rate: unknown field (known: id, name, countries)',
      '/modules/offers/roaming/zones/0/id: must be 2 to 32 lower-case letters, digits and dashes, starting with a letter',
      '/modules/offers/roaming/zones/0/name: must be a name',
      '/modules/offers/roaming/zones/0/countries/1: must be an ISO 3166-1 alpha-2 country code, such as "UG"',
      '/modules/offers/roaming/zones/1: must be an object with id, name and countries',
      '/modules/offers/roaming/zones/2/countries: must be a non-empty list of ISO 3166-1 alpha-2 codes',
    ],
  );
  // What one zone says of another, and a code of the right form that names no country, once the block has the right form.
  const zone = (id: string, countries: string[]) => ({ id, name: id.toUpperCase(), countries });
  assert.deepEqual(roaming({ zones: [zone('world', ['UG']), zone('eac', ['UG', 'XX']), zone('eac', ['TZ'])] }), [
    '/modules/offers/roaming/zones/0/id: "world" is reserved for the rest of the world',
    '/modules/offers/roaming/zones/1/countries/1: "XX" is not an ISO 3166-1 alpha-2 country code',
    '/modules/offers/roaming/zones/2/id: the zone eac is declared twice',
  ]);
  assert.deepEqual(roaming({ maxStayDays: 0 }), ['/modules/offers/roaming/maxStayDays: must be a whole number of days from 1 to 366']);
  assert.deepEqual(roaming('eac'), ['/modules/offers/roaming: must be an object']);
  assert.deepEqual(settingsOf(offersSettings, undefined).roaming, { alertShare: '0.8', defaultLimit: '5000', maxStayDays: 90, zones: [] });
  assert.equal(settingsOf(offersSettings, { roaming: { alertShare: 0.9 } }).roaming.alertShare, '0.9');
});
