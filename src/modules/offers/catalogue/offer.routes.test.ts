import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../index.ts';
import { createOffersApiApp, uploadRequest } from '../testing/api-app.ts';
import { offerCsv, offerRow, planId } from '../testing/offer-rows.ts';

const databases = openTestDatabases(allMigrations([offersModule]));

const upload = (bearer: string | null, body: string, contentType?: string, query?: string) =>
  uploadRequest('/api/v1/offers/imports', bearer, body, contentType, query);

for (const database of databases.all) {
  test(`the upload API imports with an operator token and reports every wrong line as problem+json [${database.dialect}]`, async () => {
    const { app, token } = await createOffersApiApp(database);
    const bearer = await token('OP-DEMO-1');
    const good = offerCsv([offerRow({ unique_plan_id: planId('M', 9900000001, 'APINEW'), operator_id: '' })]);
    const accepted = await app.inject(upload(bearer, good));
    assert.equal(accepted.statusCode, 201, accepted.body);
    assert.deepEqual(
      { ...accepted.json<Record<string, unknown>>(), importId: 'x' },
      { importId: 'x', rows: 1, newPlans: 1, newVersions: 1, confirmed: 0, warnings: [] },
    );

    const json = JSON.stringify({ offers: [{ ...offerRow({ unique_plan_id: planId('M', 9900000001, 'APIJSON') }), operator_id: 'OP-DEMO-1' }] });
    assert.equal((await app.inject(upload(bearer, json, 'application/json'))).statusCode, 201);

    const bad = offerCsv([
      offerRow({ unique_plan_id: planId('M', 9900000001, 'APIBAD'), operator_id: 'OP-DEMO-1', typical_download_speed: '67 - 622', tax: 'Some' }),
      offerRow({ unique_plan_id: planId('M', 9900000001, 'APIBAD2'), operator_id: '', monthly_price: '' }),
    ]);
    const rejected = await app.inject(upload(bearer, bad));
    assert.equal(rejected.statusCode, 422);
    assert.match(String(rejected.headers['content-type']), /application\/problem\+json/);
    const problem = rejected.json<{ title: string; errors: { line: number; field: string; message: string }[] }>();
    assert.equal(problem.title, 'OFFER_FILE_REJECTED');
    assert.deepEqual(
      problem.errors.map((e) => `${e.line} ${e.field}`),
      ['2 tax', '2 typical_download_speed', '3 monthly_price'],
    );
  });

  test(`an operator's token may not write another operator's offers: 403 with every such line, nothing imported; a regulator token may [${database.dialect}]`, async () => {
    const { app, token } = await createOffersApiApp(database);
    const bearer = await token('OP-DEMO-1');
    // A row naming another operator, and a row taking over another operator's published plan.
    const theirs = offerCsv([
      offerRow({ unique_plan_id: planId('M', 9900000001, 'MINE'), operator_id: '', tax: 'Some' }),
      offerRow({ unique_plan_id: planId('M', 9900000002, 'THEIRS'), operator_id: 'OP-DEMO-2' }),
      offerRow({ unique_plan_id: 'M9900000002BBM6GB150000000', operator_id: '', monthly_price: '1' }),
    ]);
    for (const [body, type] of [
      [theirs, 'text/csv'],
      [JSON.stringify({ offers: [offerRow({ unique_plan_id: planId('M', 9900000002, 'THEIRS'), operator_id: 'OP-DEMO-2' })] }), 'application/json'],
    ] as const) {
      const refused = await app.inject(upload(bearer, body, type));
      assert.equal(refused.statusCode, 403, refused.body);
      assert.match(String(refused.headers['content-type']), /application\/problem\+json/);
      const problem = refused.json<{ title: string; detail: string; errors: { line: number; field: string; message: string }[] }>();
      assert.equal(problem.title, 'OFFERS_OTHER_OPERATOR');
      assert.match(problem.detail, /OP-DEMO-1/);
      if (type === 'text/csv') {
        assert.deepEqual(
          problem.errors.map((e) => `${e.line} ${e.field}`),
          ['3 operator_id', '4 unique_plan_id'],
        );
        assert.match(problem.errors[0]?.message ?? '', /This row belongs to OP-DEMO-2, but this import is for OP-DEMO-1 only/);
      } else
        assert.deepEqual(
          problem.errors.map((e) => `${e.line} ${e.field}`),
          ['1 /offers/0/operator_id'],
        );
    }
    const page = await app.inject({ url: '/offers/M9900000002BBM6GB150000000', headers: { accept: 'text/html' } });
    assert.doesNotMatch(page.body, /KES\s?1\.00 for/, "the other operator's offer is unchanged");
    // A regulator token names any operator in its rows; naming one for the import, it is told of the rows of another (422).
    const regulator = await token('');
    assert.equal(
      (await app.inject(upload(regulator, offerCsv([offerRow({ unique_plan_id: planId('M', 9900000002, 'THEIRS'), operator_id: 'OP-DEMO-2' })])))).statusCode,
      201,
    );
    const named = await app.inject(
      upload(
        regulator,
        offerCsv([offerRow({ unique_plan_id: planId('M', 9900000002, 'OTHER'), operator_id: 'OP-DEMO-2' })]),
        'text/csv',
        '?operator=OP-DEMO-1',
      ),
    );
    assert.equal(named.statusCode, 422);
  });

  test(`the upload API refuses a missing token, a token without offers:write, and another operator's import [${database.dialect}]`, async () => {
    const { app, token } = await createOffersApiApp(database);
    const csv = offerCsv([offerRow({ unique_plan_id: planId('M', 9900000001, 'X') })]);
    assert.equal((await app.inject(upload(null, csv))).statusCode, 401);
    assert.equal((await app.inject(upload(await token('OP-DEMO-1', ['devices:upload']), csv))).statusCode, 403);
    const scoped = await token('OP-DEMO-1');
    const other = await app.inject(upload(scoped, csv, 'text/csv', '?operator=OP-DEMO-2'));
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().title, 'OFFERS_OTHER_OPERATOR');
    // A regulator token (no operator) may import for any operator named in the rows.
    const regulator = await token('');
    const forTwo = offerCsv([offerRow({ unique_plan_id: planId('M', 9900000002, 'REG'), operator_id: 'OP-DEMO-2' })]);
    assert.equal((await app.inject(upload(regulator, forTwo))).statusCode, 201);
  });

  test(`the offer page shows a version by date with schema.org JSON-LD allowed by the CSP [${database.dialect}]`, async () => {
    const { app } = await createOffersApiApp(database);
    const id = 'M9900000001SVM10GB30000000';
    const page = await app.inject({ url: `/offers/${id}`, headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /version 2/);
    const ld = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(page.body)?.[1];
    assert.ok(ld, 'a JSON-LD data block');
    const offer = JSON.parse(ld) as { '@type': string; identifier: string; price: string; priceCurrency: string };
    assert.deepEqual([offer['@type'], offer.identifier, offer.price, offer.priceCurrency], ['Offer', id, '1000', 'KES']);
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    const before = await app.inject({
      url: `/offers/${id}?on=${new Date(Date.parse('2026-12-01') - 10 * 86_400_000).toISOString().slice(0, 10)}`,
      headers: { accept: 'text/html' },
    });
    assert.equal(before.statusCode, 200);
    assert.match(before.body, /version 1/);
    assert.match(before.body, /KES\s?1,100\.00/);
    assert.equal((await app.inject({ url: '/offers/M0000000000NOPE00000000000', headers: { accept: 'text/html' } })).statusCode, 404);
    assert.equal((await app.inject({ url: `/offers/${id}?on=yesterday`, headers: { accept: 'text/html' } })).statusCode, 422);
  });

  test(`serves the JSON Schema of the offer file [${database.dialect}]`, async () => {
    const { app } = await createOffersApiApp(database);
    const reply = await app.inject('/api/v1/formats/offers.schema.json');
    assert.equal(reply.statusCode, 200);
    assert.match(String(reply.headers['content-type']), /application\/schema\+json/);
    const schema = reply.json<{ properties: { offers: { items: { properties: Record<string, unknown>; required: string[] } } } }>();
    const columns = Object.keys(schema.properties.offers.items.properties);
    assert.equal(columns.length, 47);
    assert.ok(columns.includes('over_usage_data_price_unit') && columns.includes('customer_support_web'));
    assert.ok(schema.properties.offers.items.required.includes('unique_plan_id'));
    const spec = (await app.inject('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    assert.ok(spec.paths['/api/v1/offers/imports'] && spec.paths['/api/v1/offers/compare']);
  });
}
