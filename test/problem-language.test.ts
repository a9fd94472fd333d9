import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { allMigrations } from '../src/platform/create.ts';
import { devicesModule } from '../src/modules/devices/index.ts';
import { modules as everyModule } from '../src/modules/index.ts';
import { offersModule } from '../src/modules/offers/index.ts';
import { offerCsv, offerRow, planId } from '../src/modules/offers/testing/offer-rows.ts';
import { createDemoApiApp } from './helpers/api-tokens.ts';
import { openTestDatabases } from './helpers/db.ts';
import { englishSentencesIn } from './helpers/english-sentences.ts';
import { createTestPlatform } from './helpers/platform.ts';

// Issue 13 item 10 (class): problem+json keeps `title` as the stable code, and words `detail` and
// each `errors[].message` in the language the request's Accept-Language asks for, wherever the
// error carries a message key; English when no language is asked or none of them is offered.
const modules = [offersModule, devicesModule];
const databases = openTestDatabases(allMigrations(modules));

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Array<{ field: string; line?: number; message: string }>;
}

async function setup(database: (typeof databases.all)[number]) {
  const { platform, app, token } = await createDemoApiApp(database, modules, { tokenName: 'language' });
  const say = (language: 'en' | 'fr' | 'ar' | 'es' | 'ru' | 'zh', key: string, values?: Record<string, string | number>) =>
    platform.catalogs.translator(language)(key, values);
  return { platform, app, token, say };
}

function problemOf(reply: LightMyRequestResponse): Problem {
  assert.match(String(reply.headers['content-type']), /^application\/problem\+json/);
  return reply.json<Problem>();
}

for (const database of databases.all) {
  test(`a platform error is worded in the language Accept-Language asks for, among the profile's, and in English otherwise [${database.dialect}]`, async () => {
    const { app, say } = await setup(database);
    const missing = (acceptLanguage?: string) =>
      app.inject({ url: '/api/v1/nothing-here', headers: acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage } });

    const english = await missing();
    assert.equal(english.statusCode, 404);
    assert.deepEqual(
      { ...problemOf(english), instance: undefined },
      { type: 'https://kinga.example/problems/not-found', title: 'NOT_FOUND', status: 404, detail: 'Nothing was found at this address.', instance: undefined },
    );
    assert.equal(english.headers['content-language'], 'en');

    const french = await missing('fr-CA,fr;q=0.9,en;q=0.5');
    assert.equal(problemOf(french).title, 'NOT_FOUND', 'the code never changes');
    assert.equal(problemOf(french).detail, say('fr', 'error.notFound.detail'));
    assert.notEqual(problemOf(french).detail, problemOf(english).detail);
    assert.equal(french.headers['content-language'], 'fr');

    const russian = await missing('de, ru;q=0.5');
    assert.equal(problemOf(russian).detail, say('ru', 'error.notFound.detail'), 'the first offered language asked for');
    assert.equal(russian.headers['content-language'], 'ru');
    const unknown = await missing('de, it');
    assert.equal(problemOf(unknown).detail, 'Nothing was found at this address.', 'English when no language asked for is offered');
    assert.equal(unknown.headers['content-language'], 'en');

    const refused = await app.inject({
      url: '/api/v1/offers/imports',
      method: 'POST',
      headers: { authorization: 'Bearer kinga_00000000_nope', 'accept-language': 'ar', 'content-type': 'text/csv' },
      payload: 'x',
    });
    assert.equal(refused.statusCode, 401);
    assert.equal(problemOf(refused).title, 'TOKEN_REFUSED');
    assert.equal(problemOf(refused).detail, say('ar', 'error.tokenRefused.detail'));
    assert.equal(refused.headers['content-language'], 'ar');
  });

  test(`a refused offer file names each problem in the language asked for, the kind of value included, and says which words stayed English [${database.dialect}]`, async () => {
    const { app, token, say } = await setup(database);
    const bearer = await token('OP-DEMO-1', ['offers:write']);
    const bad = offerCsv([offerRow({ unique_plan_id: planId('M', 9900000001, 'LANGBAD'), operator_id: 'OP-DEMO-1', monthly_price: 'cheap' })]);
    const upload = (acceptLanguage: string | undefined, body = bad) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/offers/imports',
        payload: body,
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${bearer}`, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
      });

    const english = problemOf(await upload(undefined));
    const frenchReply = await upload('fr');
    const french = problemOf(frenchReply);
    assert.equal(french.title, 'OFFER_FILE_REJECTED');
    assert.deepEqual(
      french.errors?.map((e) => `${e.line} ${e.field}`),
      english.errors?.map((e) => `${e.line} ${e.field}`),
    );
    const price = french.errors?.find((e) => e.field === 'monthly_price');
    assert.equal(price?.message, say('fr', 'offers.import.number.invalid', { value: 'cheap', what: say('fr', 'offers.import.what.price') }));
    assert.match(price?.message ?? '', /« cheap » n’est pas un prix/, 'the kind of value is said in French too');
    assert.equal(french.detail, english.detail, 'a detail without a message key stays in English');
    assert.equal(frenchReply.headers['content-language'], 'fr, en');

    const theirs = offerCsv([offerRow({ unique_plan_id: planId('M', 9900000001, 'LANGOTHER'), operator_id: 'OP-DEMO-2' })]);
    const forbidden = await upload('es', theirs);
    assert.equal(forbidden.statusCode, 403);
    const other = problemOf(forbidden).errors?.[0];
    assert.equal(other?.message, say('es', 'offers.import.operator.other', { operator: 'OP-DEMO-2', importOperator: 'OP-DEMO-1' }));
    assert.doesNotMatch(JSON.stringify(problemOf(forbidden)), /[\uFDD0-\uFDEF]/, 'no fallback mark leaves Kinga');
  });

  test(`a refused operator dump names its lines in the language asked for [${database.dialect}]`, async () => {
    const { app, token, say } = await setup(database);
    const bearer = await token('OP-DEMO-1', ['devices:upload']);
    const rows = Array.from(
      { length: 40 },
      (_, i) => `202611${String(1 + (i % 28)).padStart(2, '0')},35209900${100000 + i},63902${1000000000 + i},2547${10000000 + i},4G`,
    );
    const dump = ['date,imei,imsi,msisdn,rat', ...rows].join('\n').replace('20261102,', '2026-11-31,') + '\n';
    const upload = (fileName: string, acceptLanguage: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/devices/dumps?fileName=${fileName}`,
        payload: dump,
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${bearer}`, 'accept-language': acceptLanguage },
      });
    const reply = await upload('OP-DEMO-1_20261101_20261130.csv', 'zh');
    assert.equal(reply.statusCode, 422);
    const line = problemOf(reply).errors?.find((e) => e.line === 3);
    assert.equal(line?.message, say('zh', 'devices.dumpFile.line.dateFormat', { line: 3 }));
    assert.notEqual(line?.message, 'Line 3: the date must be YYYYMMDD.');

    const elsewhere = await upload('OP-DEMO-2_20261101_20261130.csv', 'fr');
    assert.equal(elsewhere.statusCode, 403);
    const expected = say('fr', 'devices.dumpFile.operator.otherOperator', { named: 'OP-DEMO-2', operator: 'OP-DEMO-1' });
    assert.equal(problemOf(elsewhere).detail, expected);
    assert.equal(problemOf(elsewhere).errors?.[0]?.message, expected);
  });
}

// Issue 13 item 10 (class): the schema problems of every route of the OpenAPI document are said
// in the language asked for, the field named, with no word of the validator's English left.
const everyDatabase = openTestDatabases(allMigrations(everyModule));
for (const database of everyDatabase.all) {
  test(`every API route says the problems of a request its schema refuses in Chinese and Arabic, when asked [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: everyModule, env: { RATE_LIMIT_WRITES_PER_MINUTE: '1000000' } });
    const app = await buildApp(platform, everyModule);
    const spec = (await app.inject('/api/openapi.json')).json<{
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: unknown }>>;
    }>();
    const refusals: string[] = [];
    let said = 0;
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const url = path.replace(/\{[^}]+\}/g, '%20'.repeat(3));
        const query = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => `${p.name}=${encodeURIComponent('%%nope%%'.repeat(40))}`);
        const requests = [
          { url: `${url}${query.length > 0 ? `?${query.join('&')}` : ''}` },
          ...(operation.requestBody
            ? [
                { url, payload: { unexpected: [1, 2] } },
                { url, payload: [] },
              ]
            : []),
        ];
        for (const language of ['zh', 'ar'] as const) {
          for (const request of requests) {
            const reply = await app.inject({ method: method.toUpperCase() as 'GET', ...request, headers: { 'accept-language': language } });
            if (reply.statusCode !== 400 || !String(reply.headers['content-type']).startsWith('application/problem+json')) continue;
            const problem = problemOf(reply);
            if (problem.title !== 'INVALID_REQUEST') continue;
            said += 1;
            const english = englishSentencesIn([problem.detail, ...(problem.errors ?? []).map((e) => e.message)].join('\n'));
            if (reply.headers['content-language'] !== language || english.length > 0)
              refusals.push(
                `${method.toUpperCase()} ${path} in ${language}: Content-Language ${String(reply.headers['content-language'])}; ${english.join(' | ')}`,
              );
          }
        }
      }
    }
    assert.ok(said >= 40, `only ${said} refusals by a schema were seen`);
    assert.deepEqual(refusals, []);
    await app.close();
  });
}
