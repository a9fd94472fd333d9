import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.ts';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../test/helpers/platform.ts';
import { allMigrations } from '../../platform/create.ts';
import { offersModule } from '../offers/index.ts';
import { qualityModule } from './index.ts';

const modules = [offersModule, qualityModule];
const databases = openTestDatabases(allMigrations(modules));

/** Values a person or a script may put in any parameter: words, numbers out of range, odd characters. */
const BAD_VALUES = [
  'en',
  '',
  ' ',
  '0000-00',
  '0001-01',
  '0099-12',
  '9999-12',
  '10000-01',
  '2026-1',
  '2026-13',
  '-1',
  '1e309',
  'NaN',
  '99999999999999999999',
  '[]',
  'null',
  '%00',
  '１２',
  '٢٠٢٦-١٠',
  'x'.repeat(300),
];

/** The quality pages, with the query parameters each reads. */
const PAGES: Record<string, string[]> = {
  '/quality': ['operator', 'technology', 'metric', 'period', 'view', 'resolution', 'lang'],
  '/quality/kpis': ['operator', 'kpi', 'from', 'to', 'lang'],
  '/quality/methodology': ['lang'],
  '/speedtest': ['lang'],
  '/speedtest/methodology': ['lang'],
};

interface OpenApiParameter {
  in: string;
  name: string;
}

/** The quality API routes that take a query, read from the OpenAPI document, with their query parameters. */
async function apiRoutes(app: Awaited<ReturnType<typeof buildApp>>): Promise<Record<string, string[]>> {
  const document = (await app.inject('/api/openapi.json')).json<{ paths: Record<string, Record<string, { parameters?: OpenApiParameter[] }>> }>();
  const routes: Record<string, string[]> = {};
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/v1/quality/') || path.includes('{')) continue;
    const get = operations['get'];
    if (get) routes[path] = (get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  }
  return routes;
}

for (const database of databases.all) {
  test(`a month that is not one answers 400 on the KPI results API and a 422 form on the page, never a 500 [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules });
    await offersModule.seedDemo?.(platform);
    const app = await buildApp(platform, modules);
    for (const query of ['to=en', 'from=en', 'to=2026-1', 'from=0050-01&to=0050-02', 'to=%00']) {
      const api = await app.inject(`/api/v1/quality/kpis/results?${query}`);
      assert.equal(api.statusCode, 400, `${query}: ${api.body}`);
      assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
      const field = query.startsWith('to') ? 'querystring/to' : 'querystring/from';
      assert.ok(
        api.json<{ errors: { field: string }[] }>().errors.some((e) => e.field === field),
        `${query} names ${field}: ${api.body}`,
      );
    }
    const page = await app.inject({ url: '/quality/kpis?to=en', headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 422, page.body.slice(0, 300));
    assert.match(page.body, /class="error-summary"/);
    assert.match(page.body, /href="#field-to"/);
    assert.match(page.body, /id="field-to"/, 'the form comes back to choose again');
    const french = await app.inject({ url: '/quality/kpis?from=abc&lang=fr', headers: { accept: 'text/html' } });
    assert.equal(french.statusCode, 422);
    assert.match(french.body, /Choisissez un premier mois/);
    await app.close();
  });

  test(`open data is served for months that are over, and a month past the year 9999 or before 1900 is not one [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules });
    const app = await buildApp(platform, modules);
    for (const name of [
      'measurements-9999-12.csv',
      'measurements-9999-12.json',
      'measurements-0001-01.csv',
      'measurements-0099-12.json',
      'measurements-2027-01.csv',
    ]) {
      const reply = await app.inject(`/api/v1/quality/open-data/${name}`);
      assert.equal(reply.statusCode, 404, `${name}: ${reply.statusCode}`);
    }
    assert.equal((await app.inject('/api/v1/quality/open-data/measurements-2026-10.csv')).statusCode, 200);
    await app.close();
  });

  test(`every quality route, page and API, answers bad values of each of its parameters without a 5xx [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules });
    await offersModule.seedDemo?.(platform);
    await qualityModule.seedDemo?.(platform);
    const app = await buildApp(platform, modules);
    const api = await apiRoutes(app);
    assert.ok(api['/api/v1/quality/kpis/results']?.includes('to'), `the OpenAPI document lists the quality routes: ${Object.keys(api).join(', ')}`);
    const failures: string[] = [];
    for (const [routes, accept] of [
      [PAGES, 'text/html'],
      [api, 'application/json'],
    ] as const) {
      for (const [path, parameters] of Object.entries(routes)) {
        for (const parameter of [...parameters, 'unknown']) {
          for (const value of BAD_VALUES) {
            const url = `${path}?${parameter}=${encodeURIComponent(value)}`;
            const reply = await app.inject({ url, headers: { accept } });
            if (reply.statusCode >= 500) failures.push(`${reply.statusCode} ${url.slice(0, 80)}`);
          }
          const twice = await app.inject({ url: `${path}?${parameter}=a&${parameter}=b`, headers: { accept } });
          if (twice.statusCode >= 500) failures.push(`${twice.statusCode} ${path} with ${parameter} twice`);
        }
      }
    }
    assert.deepEqual(failures, []);
    await app.close();
  });
}
