import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../index.ts';
import { createOffersApiApp, uploadRequest } from '../testing/api-app.ts';
import { roamingCsv, roamingRow } from '../testing/roaming-rows.ts';

const databases = openTestDatabases(allMigrations([offersModule]));
const SAVANNA_500 = 'M9900000001SVM2GB100000000';
const BAOBAB_6GB = 'M9900000002BBM6GB150000000';

const upload = (bearer: string | null, body: string, contentType?: string, query?: string) =>
  uploadRequest('/api/v1/offers/roaming/imports', bearer, body, contentType, query);

interface EstimateBody {
  currency: string;
  ranking: string;
  limit: { amount: string; alertAt: string; isDefault: boolean };
  results: {
    rank: number;
    isCheapest: boolean;
    planId: string;
    operatorId: string;
    rateDestination: string;
    totalCost: string;
    breakdown: { kind: string; quantity: string; amount: string }[];
    billShock: { alert: { day: number; dataMb: string; spent: string } | null; cutOff: { day: number } | null } | null;
  }[];
}

for (const database of databases.all) {
  test(`the roaming upload imports with an operator token and reports every wrong line as problem+json [${database.dialect}]`, async () => {
    const { app, token } = await createOffersApiApp(database);
    const bearer = await token('OP-DEMO-1');
    const accepted = await app.inject(upload(bearer, roamingCsv([roamingRow({ unique_plan_id: SAVANNA_500, operator_id: '', destination: 'RW' })])));
    assert.equal(accepted.statusCode, 201, accepted.body);
    assert.deepEqual({ ...accepted.json<Record<string, unknown>>(), importId: 'x' }, { importId: 'x', rows: 1, newRates: 1, newVersions: 1, confirmed: 0 });
    const json = JSON.stringify({ rates: [{ unique_plan_id: SAVANNA_500, destination: 'BI', data_per_mb: 2.5 }] });
    assert.equal((await app.inject(upload(bearer, json, 'application/json'))).statusCode, 201);

    const bad = roamingCsv([
      roamingRow({ unique_plan_id: SAVANNA_500, operator_id: '', destination: 'XX', data_per_mb: 'two' }),
      roamingRow({ unique_plan_id: SAVANNA_500, operator_id: '', destination: 'RW', currency: 'USD' }),
    ]);
    const rejected = await app.inject(upload(bearer, bad));
    assert.equal(rejected.statusCode, 422);
    assert.match(String(rejected.headers['content-type']), /application\/problem\+json/);
    const problem = rejected.json<{ title: string; errors: { line: number; field: string; message: string }[] }>();
    assert.equal(problem.title, 'ROAMING_FILE_REJECTED');
    assert.deepEqual(
      problem.errors.map((e) => `${e.line} ${e.field}`),
      ['2 destination', '2 data_per_mb', '3 currency'],
    );
  });

  test(`an operator's token may not write another operator's roaming rates: 403 with every such line, nothing imported [${database.dialect}]`, async () => {
    const { app, token } = await createOffersApiApp(database);
    const theirs = roamingCsv([
      roamingRow({ unique_plan_id: SAVANNA_500, operator_id: '', destination: 'RW' }),
      roamingRow({ unique_plan_id: BAOBAB_6GB, operator_id: '', destination: 'RW' }),
      roamingRow({ unique_plan_id: BAOBAB_6GB, operator_id: 'OP-DEMO-2', destination: 'BI' }),
    ]);
    const refused = await app.inject(upload(await token('OP-DEMO-1'), theirs));
    assert.equal(refused.statusCode, 403, refused.body);
    const problem = refused.json<{ title: string; errors: { line: number; field: string; message: string }[] }>();
    assert.equal(problem.title, 'OFFERS_OTHER_OPERATOR');
    assert.deepEqual(
      problem.errors.map((e) => `${e.line} ${e.field}`),
      ['3 unique_plan_id', '4 operator_id'],
    );
    assert.match(problem.errors[0]?.message ?? '', /belongs to operator OP-DEMO-2, not OP-DEMO-1/);
    const export_ = (await app.inject('/api/v1/offers/export/roaming-current.json')).json<{ rates: Record<string, string>[] }>();
    assert.equal(export_.rates.filter((r) => r['destination'] === 'RW' && r['unique_plan_id'] === SAVANNA_500).length, 0, 'nothing was imported');
  });

  test(`the roaming upload refuses a missing token, a token without offers:write, and another operator's import [${database.dialect}]`, async () => {
    const { app, token } = await createOffersApiApp(database);
    const csv = roamingCsv([roamingRow({ unique_plan_id: BAOBAB_6GB, operator_id: 'OP-DEMO-2', destination: 'BI' })]);
    assert.equal((await app.inject(upload(null, csv))).statusCode, 401);
    assert.equal((await app.inject(upload(await token('OP-DEMO-2', ['devices:upload']), csv))).statusCode, 403);
    const other = await app.inject(upload(await token('OP-DEMO-1'), csv, 'text/csv', '?operator=OP-DEMO-2'));
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().title, 'OFFERS_OTHER_OPERATOR');
    assert.equal((await app.inject(upload(await token(''), csv))).statusCode, 201);
  });

  test(`the estimate API ranks plans by the cost of the stay with decimal strings, a breakdown and bill-shock points [${database.dialect}]`, async () => {
    const { app } = await createOffersApiApp(database);
    const reply = await app.inject('/api/v1/offers/roaming/estimate?destination=ug&days=7&data_mb=3000&voice_out_min=30&voice_in_min=30&sms=10');
    assert.equal(reply.statusCode, 200, reply.body);
    const body = reply.json<EstimateBody>();
    assert.equal(body.currency, 'KES');
    assert.match(body.ranking, /Ascending total cost/);
    assert.deepEqual(body.limit, { amount: '5000.00', alertShare: '0.8', alertAt: '4000.00', isDefault: true });
    assert.ok(body.results.length >= 4);
    const totals = body.results.map((r) => Number(r.totalCost));
    assert.deepEqual(
      totals,
      [...totals].sort((a, b) => a - b),
    );
    for (const [index, r] of body.results.entries()) {
      assert.equal(r.rank, index + 1);
      assert.match(r.totalCost, /^\d+\.\d{2}$/);
      assert.equal(r.isCheapest, Number(r.totalCost) === totals[0]);
      for (const line of r.breakdown) assert.match(line.amount, /^\d+\.\d{2}$/);
    }
    // Savanna's Combo 500 pays as it goes in Uganda: 30×15 + 30×5 + 10×5 + 3000 MB × 2 = 6650; the alert fires at 4000.
    const savanna = body.results.find((r) => r.planId === SAVANNA_500);
    assert.deepEqual(savanna && [savanna.rateDestination, savanna.totalCost], ['UG', '6650.00']);
    assert.equal(savanna?.billShock?.alert?.spent, '4000.00');
    assert.equal(savanna?.billShock?.alert?.day, 5);
    assert.ok(savanna?.billShock?.cutOff);

    const invalid = await app.inject('/api/v1/offers/roaming/estimate?destination=KE&days=0&data_mb=lots&limit=-5');
    assert.equal(invalid.statusCode, 422);
    assert.deepEqual(
      invalid.json<{ errors: { field: string }[] }>().errors.map((e) => e.field),
      ['destination', 'days', 'data_mb', 'limit'],
    );
  });

  test(`the travel page works as a plain GET form, highlights the cheapest and answers 422 with the input kept [${database.dialect}]`, async () => {
    const { app } = await createOffersApiApp(database);
    const first = await app.inject({ url: '/offers/roaming', headers: { accept: 'text/html' } });
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /<form method="get" action="\/offers\/roaming"/);
    assert.match(first.body, /<option value="UG">Uganda<\/option>/);
    assert.doesNotMatch(first.body, /<option value="KE">/, 'the home country is not a destination');
    assert.doesNotMatch(first.body, /Cheapest for this trip/);
    const page = await app.inject({
      url: '/offers/roaming?destination=UG&days=7&data_mb=3000&voice_out_min=30&voice_in_min=30&sms=10&limit=3000',
      headers: { accept: 'text/html' },
    });
    assert.equal(page.statusCode, 200);
    assert.equal((page.body.match(/Cheapest for this trip/g) ?? []).length, 1);
    assert.match(page.body, /cheapest first; when two totals are equal, by plan id/);
    assert.match(page.body, /With your limit of KES\s?3,000\.00, you are alerted when you have spent KES\s?2,400\.00 \(80% of the limit\)/);
    assert.match(page.body, /Alert at KES\s?2,400\.00: day \d/);
    assert.match(page.body, /<option value="UG" selected>Uganda<\/option>/);
    assert.equal((page.body.match(/<h1>/g) ?? []).length, 1);
    const bad = await app.inject({ url: '/offers/roaming?destination=Atlantis&days=400', headers: { accept: 'text/html' } });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /class="error-summary"/);
    assert.match(bad.body, /href="#field-destination"/);
    assert.match(bad.body, /href="#field-days"/);
    assert.match(bad.body, /value="400"/);
    assert.match(bad.body, /Enter the length of the trip as a whole number of days from 1 to 90\./);
    const frenchBad = await app.inject({ url: '/offers/roaming?destination=KE&lang=fr', headers: { accept: 'text/html' } });
    assert.equal(frenchBad.statusCode, 422);
    assert.match(frenchBad.body, /C’est le pays d’origine/, 'the home country is refused for what it is');
    const arabic = await app.inject({ url: '/offers/roaming?destination=UG&days=7&lang=ar', headers: { accept: 'text/html' } });
    assert.match(arabic.body, /كم سيكلفني هاتفي في الخارج؟/);
    assert.match(arabic.body, /أوغندا/);
    const french = await app.inject({ url: '/offers/roaming?lang=fr', headers: { accept: 'text/html' } });
    assert.match(french.body, /Combien me coûtera mon téléphone à l'étranger/);
  });

  test(`current roaming rates are open data in CSV and JSON that import back unchanged, and stale rates get a notice on the travel page [${database.dialect}]`, async () => {
    const { platform, app, token } = await createOffersApiApp(database);
    const csv = await app.inject('/api/v1/offers/export/roaming-current.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8; header=present/);
    assert.match(String(csv.headers['link']), /<https:\/\/creativecommons\.org\/licenses\/by\/4\.0\/>; rel="license"/);
    assert.match(String(csv.headers['content-disposition']), /filename="offers-roaming-current-2026-12-01\.csv"/);
    const lines = csv.body.trimEnd().split('\r\n');
    assert.equal(
      lines[0],
      'unique_plan_id,operator_id,destination,currency,voice_out_per_min,voice_in_per_min,sms_out_each,data_per_mb,included_voice_min,included_sms,included_data_mb,bundle_price,validity_days,daily_fee,fair_use_mb,fair_use_price_per_mb,effective_from,effective_to',
    );
    assert.equal(lines.length, 1 + 23);
    const json = await app.inject('/api/v1/offers/export/roaming-current.json');
    const document = json.json<{ licence: { url: string }; onDate: string; rates: Record<string, string>[] }>();
    assert.equal(document.licence.url, 'https://creativecommons.org/licenses/by/4.0/');
    assert.equal(document.rates.length, 23);
    assert.ok(document.rates.some((r) => r['included_data_mb'] === 'Unlimited'));
    // The export is a roaming file: published again by the regulator, every rate is confirmed, none changes.
    const regulator = await token('');
    const back = await app.inject(upload(regulator, csv.body));
    assert.equal(back.statusCode, 201, back.body);
    assert.deepEqual(back.json(), { ...back.json<object>(), rows: 23, newRates: 0, newVersions: 0, confirmed: 23 });
    const backJson = await app.inject(upload(regulator, json.body, 'application/json'));
    assert.deepEqual(backJson.json<{ newVersions: number; confirmed: number }>().confirmed, 23);

    // 15 days later nothing was confirmed again: every rate is stale, left out and announced.
    platform.clock.advance(15 * 86_400_000);
    const estimate = await app.inject('/api/v1/offers/roaming/estimate?destination=UG&days=7');
    const body = estimate.json<{ results: unknown[]; stale: number; freshnessDays: number }>();
    assert.deepEqual([body.results.length, body.freshnessDays], [0, 14]);
    assert.ok(body.stale >= 4, String(body.stale));
    const page = await app.inject({ url: '/offers/roaming?destination=UG&days=7', headers: { accept: 'text/html' } });
    assert.match(page.body, /plans are left out: their operators have not published or confirmed their rates for this destination in the last 14 days/);
    const french = await app.inject({ url: '/offers/roaming?destination=UG&days=7&lang=fr', headers: { accept: 'text/html' } });
    assert.match(french.body, /forfaits sont écartés : leurs opérateurs n’ont ni publié ni confirmé leurs tarifs pour cette destination depuis 14 jours/);
    assert.equal((await app.inject('/api/v1/offers/export/roaming-current.json')).json().rates.length, 23, 'stale rates are still published');
  });

  test(`serves the JSON Schema of the roaming file with the jurisdiction's zones [${database.dialect}]`, async () => {
    const { app } = await createOffersApiApp(database);
    const reply = await app.inject('/api/v1/formats/roaming.schema.json');
    assert.equal(reply.statusCode, 200);
    assert.match(String(reply.headers['content-type']), /application\/schema\+json/);
    const schema = reply.json<{ properties: { rates: { items: { properties: Record<string, { anyOf?: { enum?: string[] }[] }>; required: string[] } } } }>();
    const { items } = schema.properties.rates;
    assert.equal(Object.keys(items.properties).length, 18);
    assert.deepEqual(items.required, ['unique_plan_id', 'destination']);
    assert.deepEqual(items.properties['destination']?.anyOf?.[1]?.enum, ['eac', 'europe', 'world']);
    const spec = (await app.inject('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    assert.ok(spec.paths['/api/v1/offers/roaming/imports'] && spec.paths['/api/v1/offers/roaming/estimate']);
  });
}
