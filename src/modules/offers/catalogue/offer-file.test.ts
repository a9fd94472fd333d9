import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OFFER_FILE, OFFER_COLUMNS, validateOfferRows, type OfferValidationOptions } from './offer-file.ts';
import { closestColumn, parseTabularCsv, parseTabularJson } from './tabular-file.ts';
import { offerCsv, offerRow } from '../testing/offer-rows.ts';

const OPTIONS: OfferValidationOptions = { isLenient: false, currency: 'KES', today: '2026-12-01' };

function check(rows: Record<string, string>[], options: Partial<OfferValidationOptions> = {}) {
  const parsed = parseTabularCsv(offerCsv(rows), OFFER_FILE);
  const validation = validateOfferRows(parsed.rows, { ...OPTIONS, ...options });
  return { ...validation, problems: [...parsed.problems, ...validation.problems] };
}

function problemAt(result: ReturnType<typeof check>, field: string, line = 2) {
  const found = result.problems.find((p) => p.field === field && p.line === line);
  assert.ok(found, `expected a problem on line ${line}, column ${field}; got ${JSON.stringify(result.problems)}`);
  return found.message;
}

test('accepts a valid row and normalises it into an offer record', () => {
  const result = check([offerRow({ monthly_price: '0500.50', monthly_data_allow: 'Unlimited', voice_minutes: '', sms_count: '0' })]);
  assert.deepEqual(result.problems, []);
  const [offer] = result.offers;
  assert.equal(offer?.line, 2);
  assert.equal(offer?.record.monthlyPrice, '500.5');
  assert.equal(offer?.record.serviceType, 'mobile');
  assert.equal(offer?.record.dataAllowanceGb, null, 'Unlimited data');
  assert.equal(offer?.record.voiceMinutes, null, 'an empty voice cell is unlimited');
  assert.equal(offer?.record.smsCount, 0, '0 SMS is none');
  assert.equal(offer?.record.effectiveFrom, '2026-12-01', 'effective from the import date by default');
});

test('rejects text in numeric columns with the line, the column and a reason', () => {
  const result = check([
    offerRow({ typical_latency: '13 Milliseconds' }),
    offerRow({ unique_plan_id: 'M1234567890ABCDEFGHIJ00002', typical_download_speed: '67 - 622' }),
    offerRow({ unique_plan_id: 'M1234567890ABCDEFGHIJ00003', monthly_price: 'NULL' }),
    offerRow({ unique_plan_id: 'M1234567890ABCDEFGHIJ00004', early_termination_fee: '1,500' }),
  ]);
  assert.match(problemAt(result, 'typical_latency', 2), /without a unit/);
  assert.match(problemAt(result, 'typical_download_speed', 3), /is a range/);
  assert.match(problemAt(result, 'monthly_price', 4), /"NULL" is not allowed here; leave the cell empty/);
  assert.match(problemAt(result, 'early_termination_fee', 5), /thousands separator; write 1500/);
  assert.equal(result.offers.length, 0);
});

test('rejects lists whose counts disagree', () => {
  const result = check([offerRow({ single_purchase_fee_descr: 'Installation|Router', single_purchase_fees: '2500' })]);
  assert.match(problemAt(result, 'single_purchase_fees'), /lists 1 amount\(s\) but single_purchase_fee_descr lists 2/);
  const ok = check([offerRow({ monthly_provider_fee_descr: 'Service|Equipment', monthly_provider_fee: '50|100' })]);
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.offers[0]?.record.monthlyFees, [
    { description: 'Service', amount: '50' },
    { description: 'Equipment', amount: '100' },
  ]);
});

test('a file written to the FCC data dictionary imports as it is: semicolons separate list entries, as bars do', () => {
  const fcc = {
    unique_plan_id: 'F1234567890ABCDEFGHIJ12345',
    provider_name: 'Test Fibre',
    service_plan_name: 'Fibre 100',
    connection_type: 'Fiber',
    monthly_price: '49.99',
    single_purchase_fee_descr: 'Installation; Router deposit',
    single_purchase_fees: '99.00;50',
    monthly_provider_fee_descr: 'Equipment rental; Line maintenance',
    monthly_provider_fee: '10;2.50',
  };
  const result = check([fcc], { operatorId: 'OP-T1' });
  assert.deepEqual(result.problems, []);
  const record = result.offers[0]?.record;
  assert.deepEqual(record?.oneTimeFees, [
    { description: 'Installation', amount: '99' },
    { description: 'Router deposit', amount: '50' },
  ]);
  assert.deepEqual(record?.monthlyFees, [
    { description: 'Equipment rental', amount: '10' },
    { description: 'Line maintenance', amount: '2.5' },
  ]);
  // A cell that uses bars keeps its semicolons: each cell is split on the separator it uses.
  const mixed = check([{ ...fcc, monthly_provider_fee_descr: 'Rental; with router|Maintenance', monthly_provider_fee: '10;2.50' }], { operatorId: 'OP-T1' });
  assert.deepEqual(mixed.offers[0]?.record.monthlyFees, [
    { description: 'Rental; with router', amount: '10' },
    { description: 'Maintenance', amount: '2.5' },
  ]);
  const uneven = check([{ ...fcc, single_purchase_fees: '99' }], { operatorId: 'OP-T1' });
  assert.match(
    problemAt(uneven, 'single_purchase_fees'),
    /lists 1 amount\(s\) but single_purchase_fee_descr lists 2 description\(s\); separate entries with "\|" or ";"/,
  );
});

test('refuses a name that a spreadsheet would run as a formula, on its line and in its column, in CSV and JSON alike', () => {
  const result = check([
    offerRow({ provider_name: '=HYPERLINK("https://evil.example","Click")', service_plan_name: '+cmd|calc' }),
    offerRow({ unique_plan_id: 'M1234567890ABCDEFGHIJ00002', tier_plan_name: '-1+1', connection_type: '  @SUM(A1)', technology: '\t4G' }),
    offerRow({
      unique_plan_id: 'M1234567890ABCDEFGHIJ00003',
      accessibility_features: ' @1',
      single_purchase_fee_descr: 'SIM card;=2+5',
      single_purchase_fees: '100;5',
    }),
    // Such characters inside a name are harmless.
    offerRow({ unique_plan_id: 'M1234567890ABCDEFGHIJ00004', service_plan_name: 'Data+ 5 GB = 30 days', tier_plan_name: 'Gold - @home' }),
  ]);
  const formula = result.problems.filter((p) => p.key === 'offers.import.text.formula').map((p) => `${p.line} ${p.field}`);
  assert.deepEqual(formula.sort(), [
    '2 provider_name',
    '2 service_plan_name',
    '3 connection_type',
    '3 technology',
    '3 tier_plan_name',
    '4 accessibility_features',
    '4 single_purchase_fee_descr',
  ]);
  assert.equal(
    problemAt(result, 'provider_name'),
    'This text starts with "=", which spreadsheet programs take for the start of a formula; a name may not start with =, +, -, @, a tab or a carriage return. Reword its beginning.',
  );
  assert.match(problemAt(result, 'technology', 3), /starts with a tab,/);
  assert.match(problemAt(result, 'accessibility_features', 4), /starts with "@",/);
  assert.deepEqual(
    result.offers.map((o) => o.line),
    [5],
  );

  const json = validateOfferRows(
    parseTabularJson(JSON.stringify({ offers: [offerRow({ provider_name: '@cmd', accessibility_features: '\r=1' })] }), OFFER_FILE).rows,
    OPTIONS,
  );
  assert.deepEqual(
    json.problems.map((p) => `${p.line} ${p.field} ${p.key}`),
    ['1 /offers/0/provider_name offers.import.text.formula', '1 /offers/0/accessibility_features offers.import.text.formula'],
  );
  assert.match(json.problems[1]?.message ?? '', /starts with a carriage return,/);
});

test('rejects an introductory rate without its duration', () => {
  const result = check([offerRow({ intro_rate: 'Yes', intro_rate_price: '300' })]);
  assert.match(problemAt(result, 'intro_rate_time'), /needs its duration/);
  const priceOnly = check([offerRow({ intro_rate: '', intro_rate_price: '300' })]);
  assert.match(problemAt(priceOnly, 'intro_rate_time'), /needs its duration/);
});

test('rejects a contract without its terms URL', () => {
  const result = check([offerRow({ contract_req: 'Yes', contract_time: '12' })]);
  assert.match(problemAt(result, 'contract_terms_url'), /needs the web address of its terms/);
  const ok = check([offerRow({ contract_req: 'Yes', contract_time: '12', contract_terms_url: 'https://op.example/terms' })]);
  assert.deepEqual(ok.offers[0]?.record.contract, { months: 12, termsUrl: 'https://op.example/terms' });
});

test('accepts a tax as an amount, Varies or Included, and rejects anything else', () => {
  const result = check([offerRow({ tax: 'about 16%' })]);
  assert.match(problemAt(result, 'tax'), /neither an amount nor Varies or Included/);
  for (const [cell, kind] of [
    ['12.5', 'amount'],
    ['Varies', 'varies'],
    ['Varies by location', 'varies'],
    ['included', 'included'],
  ] as const) {
    assert.equal(check([offerRow({ tax: cell })]).offers[0]?.record.tax.kind, kind, cell);
  }
});

test('reports unknown and misspelled headers with the closest column', () => {
  const csv = offerCsv([offerRow()]).replace('monthly_price', 'monthy_price').replace('tier_plan_name', 'colour');
  const parsed = parseTabularCsv(csv, OFFER_FILE);
  const messages = parsed.problems.map((p) => `${p.line}:${p.field}:${p.message}`);
  assert.ok(
    messages.some((m) => m.includes('1:monthy_price:Unknown column "monthy_price"; did you mean "monthly_price"?')),
    messages.join('\n'),
  );
  assert.ok(
    messages.some((m) => m.includes('1:colour:Unknown column "colour"; docs/formats/offers.md')),
    messages.join('\n'),
  );
  assert.ok(
    messages.some((m) => m.includes('1:monthly_price:The header has no monthly_price column')),
    messages.join('\n'),
  );
  assert.equal(closestColumn('Monthly Price', OFFER_COLUMNS), 'monthly_price');
});

test('checks the plan id pattern, with a lenient mode that warns on short suffixes', () => {
  const short = offerRow({ unique_plan_id: 'M1234567890ABC' });
  const strict = check([short]);
  assert.match(problemAt(strict, 'unique_plan_id'), /does not match .*only with --lenient/);
  const lenient = check([short], { isLenient: true });
  assert.deepEqual(lenient.problems, []);
  assert.equal(lenient.offers.length, 1);
  assert.match(lenient.warnings[0]?.message ?? '', /suffix of 3 characters instead of 15; accepted in lenient mode/);
  const bad = check([offerRow({ unique_plan_id: 'X1234567890ABCDEFGHIJ12345' })], { isLenient: true });
  assert.match(problemAt(bad, 'unique_plan_id'), /does not match/);
});

test('rejects a plan id used by another plan in the same file', () => {
  const result = check([offerRow(), offerRow({ service_plan_name: 'Another plan' })]);
  assert.match(problemAt(result, 'unique_plan_id', 3), /already used by another plan on line 2/);
});

test('rejects an overage price without its unit, and a per-increment price without its increment', () => {
  assert.match(problemAt(check([offerRow({ over_usage_data_price: '100' })]), 'over_usage_data_price_unit'), /needs its unit/);
  assert.match(
    problemAt(check([offerRow({ over_usage_data_price: '100', over_usage_data_price_unit: 'per_increment' })]), 'additional_data_increment'),
    /size of the increment/,
  );
  const ok = check([offerRow({ over_usage_data_price: '100', over_usage_data_price_unit: 'per_increment', additional_data_increment: '10' })]);
  assert.deepEqual(ok.offers[0]?.record.overage, { price: '100', unit: 'per_increment', incrementGb: '10' });
});

test("rejects other operators' rows when the import names an operator, and fills empty operator cells", () => {
  const result = check([offerRow({ operator_id: 'OP-OTHER' }), offerRow({ unique_plan_id: 'M1234567890ABCDEFGHIJ00002', operator_id: '' })], {
    operatorId: 'OP-T1',
  });
  assert.match(problemAt(result, 'operator_id', 2), /belongs to OP-OTHER, but this import is for OP-T1 only/);
  assert.equal(result.problems.length, 1);
});

test('rejects prices in another currency and bad dates', () => {
  assert.match(problemAt(check([offerRow({ currency: 'USD' })]), 'currency'), /must be in KES/);
  assert.match(problemAt(check([offerRow({ effective_from: '2026-02-30' })]), 'effective_from'), /YYYY-MM-DD/);
  assert.match(problemAt(check([offerRow({ effective_from: '2026-12-10', effective_to: '2026-12-01' })]), 'effective_to'), /must come after/);
});

test('reports every problem of a file, not only the first', () => {
  const result = check([offerRow({ monthly_price: 'free', tax: 'some' }), offerRow({ unique_plan_id: 'M1', typical_latency: '20ms' })]);
  assert.deepEqual(
    result.problems.map((p) => `${p.line} ${p.field}`),
    ['2 monthly_price', '2 tax', '3 unique_plan_id', '3 typical_latency'],
  );
});

test('counts lines from the header and across quoted line breaks', () => {
  const csv = offerCsv([offerRow({ service_plan_name: 'Two\nlines' }), offerRow({ unique_plan_id: 'M1234567890ABCDEFGHIJ00002', monthly_price: 'x' })]);
  const parsed = parseTabularCsv(csv, OFFER_FILE);
  assert.deepEqual(
    parsed.rows.map((r) => r.line),
    [2, 4],
  );
  const problems = validateOfferRows(parsed.rows, OPTIONS).problems;
  assert.deepEqual(
    problems.map((p) => `${p.line} ${p.field}`),
    ['4 monthly_price'],
  );
});

test('reads the JSON form with the same rules, naming fields by JSON pointer', () => {
  const parsed = parseTabularJson(
    JSON.stringify({
      offers: [
        { ...offerRow(), monthly_price: 500, contract_req: true },
        { ...offerRow({ unique_plan_id: 'M1234567890ABCDEFGHIJ00002' }), typical_latency: '13 Milliseconds', colour: 'red' },
      ],
    }),
    OFFER_FILE,
  );
  assert.deepEqual(
    parsed.problems.map((p) => `${p.line} ${p.field}`),
    ['2 /offers/1/colour'],
  );
  const validation = validateOfferRows(parsed.rows, OPTIONS);
  assert.deepEqual(
    validation.problems.map((p) => `${p.line} ${p.field}`),
    ['1 /offers/0/contract_time', '1 /offers/0/contract_terms_url', '2 /offers/1/typical_latency'],
  );
  assert.match(parseTabularJson('{"offers": 3}', OFFER_FILE).problems[0]?.message ?? '', /"offers" array/);
  assert.match(parseTabularJson('{', OFFER_FILE).problems[0]?.message ?? '', /not valid JSON/);
});
