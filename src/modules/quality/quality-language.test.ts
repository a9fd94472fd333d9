import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { createWebClient } from '../../../test/helpers/staff.ts';
import { allMigrations } from '../../platform/create.ts';
import { AppError } from '../../platform/http/errors.ts';
import { offersModule } from '../offers/index.ts';
import { createQualityStatisticsServiceFor, qualityModule } from './index.ts';
import { ImportAbandoned } from './imports/quality-import.service.ts';
import { createQualityApiApp } from './testing/api-app.ts';

// Every problem and error detail of the quality module comes from its catalogues, so that the API
// (which follows Accept-Language, docs/api.md) and the pages speak the person's language: asked
// in Chinese or Arabic, no English sentence is left in an answer.
const modules = [offersModule, qualityModule];
const databases = openTestDatabases(allMigrations(modules));
const LANGUAGES = ['zh', 'ar'] as const;

/** Three Latin words in a row: an English sentence left in an answer (identifiers, codes and units never make one). */
const ENGLISH_WORDS = /\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}\b/;

interface Problem {
  title: string;
  detail: string;
  errors?: { field: string; line?: number; message: string }[];
}

async function setup(database: (typeof databases.all)[number]) {
  return createQualityApiApp(database);
}

/** The words a person reads in a problem+json answer, checked for English, with the request named in the failure. */
function assertNoEnglish(what: string, reply: LightMyRequestResponse, language: string): Problem {
  assert.match(String(reply.headers['content-type']), /^application\/problem\+json/, what);
  const problem = reply.json<Problem>();
  for (const words of [problem.detail, ...(problem.errors ?? []).map((e) => e.message)]) {
    assert.doesNotMatch(words, ENGLISH_WORDS, `${what} in ${language}: "${words}"`);
  }
  assert.equal(reply.headers['content-language'], language, `${what}: the whole answer is in ${language}`);
  return problem;
}

for (const database of databases.all) {
  test(`the quality API's refusals are worded in Chinese and Arabic when asked, every problem and detail [${database.dialect}]`, async () => {
    const { app, token } = await setup(database);
    const regulator = await token('', ['quality:write', 'quality:kpis']);
    const operatorToken = await token('OP-DEMO-1', ['quality:write', 'quality:kpis']);
    const badCsv = [
      'time,operator,technology,download_kbps,upload_kbps,latency_ms,loss,latitude,longitude,device_id,source,download_duration_ms,colour',
      '2026-13-01T00:00:00Z,OP-NOPE,6G,fast,,,2,-1.2,,bad id,speedtest,1000,red',
      '2099-01-01T00:00:00Z,,4G,,,,,,,,,,',
      ',OP-DEMO-1,4G,1000,,,,,,,,',
    ].join('\n');
    const badJson = JSON.stringify({
      measurements: [{ time: '2026-11-30T10:00:00Z', download_kbps: 1000, extra: 1 }, 'row', { time: 'yesterday', latency_ms: [1] }],
    });
    const badKpis = [
      'operator,month,region,technology,kpi,numerator,denominator',
      'OP-DEMO-2,2026-13,ZZZ,6G,speed,-1,0',
      ',2099-01,NAI,4G,dropped_call,5,4',
      'OP-DEMO-1,2026-10,NAI,all,dropped_call,1,10',
      'OP-DEMO-1,2026-10,NAI,all,dropped_call,1,10',
    ].join('\n');
    const post = (url: string, bearer: string, payload: string, language: string, type = 'text/csv') =>
      app.inject({ method: 'POST', url, payload, headers: { 'content-type': type, authorization: `Bearer ${bearer}`, 'accept-language': language } });
    const get = (url: string, language: string) => app.inject({ url, headers: { 'accept-language': language } });

    for (const language of LANGUAGES) {
      const requests: [string, Promise<LightMyRequestResponse>, number][] = [
        ['a measurement file with mistakes', post('/api/v1/quality/measurements', regulator, badCsv, language), 422],
        ['a measurement file that is not CSV', post('/api/v1/quality/measurements', regulator, 'time,technology\n"2026-11-30T10:00:00Z,4G\n', language), 422],
        [
          'a measurement file of too many columns',
          post('/api/v1/quality/measurements', regulator, `${Array.from({ length: 70 }, (_, i) => `c${i}`).join(',')}\n`, language),
          422,
        ],
        ['a JSON measurement file with mistakes', post('/api/v1/quality/measurements', regulator, badJson, language, 'application/json'), 422],
        ['a JSON measurement file without its array', post('/api/v1/quality/measurements', regulator, '{"rows": []}', language, 'application/json'), 422],
        ['a file that is not JSON', post('/api/v1/quality/measurements', regulator, '{"measurements": [{"time": }]}', language, 'application/json'), 422],
        ['an empty JSON array', post('/api/v1/quality/measurements', regulator, '{"measurements": []}', language, 'application/json'), 422],
        ['an empty measurement file', post('/api/v1/quality/measurements', regulator, ' ', language), 422],
        ['a header without rows', post('/api/v1/quality/measurements', regulator, 'time,technology\n', language), 422],
        [
          "another operator's measurements",
          post(
            '/api/v1/quality/measurements',
            operatorToken,
            'time,operator,technology,latency_ms\n2026-11-30T10:00:00Z,OP-DEMO-2,4G,30\n2026-11-30T10:00:00Z,,4G,30\n',
            language,
          ),
          403,
        ],
        ['a KPI file with mistakes', post('/api/v1/quality/kpis?operator=OP-DEMO-1', regulator, badKpis, language), 422],
        ['a KPI file naming no operator', post('/api/v1/quality/kpis', regulator, badKpis, language), 422],
        ['a KPI file of an unknown operator', post('/api/v1/quality/kpis?operator=OP-NOPE', regulator, badKpis, language), 422],
        ["another operator's KPI file", post('/api/v1/quality/kpis?operator=OP-DEMO-2', operatorToken, badKpis, language), 403],
        ["another operator's KPI rows", post('/api/v1/quality/kpis', operatorToken, badKpis, language), 403],
        ['an empty KPI file', post('/api/v1/quality/kpis?operator=OP-DEMO-1', regulator, '', language), 422],
        ['KPI results with wrong filters', get('/api/v1/quality/kpis/results?operator=OP-NOPE&kpi=speed&from=2026-11&to=2026-02', language), 422],
        ['cells at an unpublished resolution', get('/api/v1/quality/cells?resolution=7', language), 422],
        ['regions over an unpublished period', get('/api/v1/quality/regions?period=60', language), 422],
        ['open data of a month not over', get('/api/v1/quality/open-data/measurements-2099-12.csv', language), 404],
        ['an open data file that does not exist', get('/api/v1/quality/open-data/devices.csv', language), 404],
        ['an ndt7 test that does not exist', get('/api/v1/quality/ndt7-tests/00000000-0000-4000-8000-000000000000', language), 404],
      ];
      for (const [what, reply, status] of requests) {
        const answer = await reply;
        assert.equal(answer.statusCode, status, `${what}: ${answer.body}`);
        const problem = assertNoEnglish(what, answer, language);
        assert.match(problem.title, /^[A-Z][A-Z0-9_]+$/, 'the code stays the stable code');
      }
    }

    const english = (await post('/api/v1/quality/measurements', regulator, badCsv, 'en')).json<Problem>();
    assert.match(english.detail, /^The measurement file was rejected with \d+ problems; nothing was imported\.$/);
    assert.ok(
      english.errors?.some(
        (e) =>
          e.field === 'time' && e.line === 2 && e.message === '"2026-13-01T00:00:00Z" must be an ISO 8601 instant with a zone, such as 2026-11-30T14:05:00Z.',
      ),
    );
    await app.close();
  });

  test(`a refused region file and the statistics' refusals are worded in the reader's language [${database.dialect}]`, async () => {
    const { platform } = await setup(database);
    const statistics = createQualityStatisticsServiceFor(platform);
    const feature = (code: unknown, geometry: unknown) => ({ type: 'Feature', properties: { code, name: '' }, geometry });
    const files = [
      'not json',
      JSON.stringify({ type: 'Feature' }),
      JSON.stringify({ type: 'FeatureCollection', features: [] }),
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          feature('A B', { type: 'Point', coordinates: [0, 0] }),
          feature('X', {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
              ],
            ],
          }),
          feature('X', { type: 'MultiPolygon', coordinates: [] }),
          { type: 'Thing' },
          feature('Y', {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 1],
              ],
            ],
          }),
          feature('Z', {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [500, 1],
                [0, 0],
              ],
            ],
          }),
          feature('W', { type: 'Polygon', coordinates: [] }),
        ],
      }),
    ];
    for (const text of files) {
      const error = await statistics.importRegions({ text, source: 'test', actor: { type: 'system', id: null } }).then(
        () => assert.fail('the file is refused'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof AppError);
      for (const language of LANGUAGES) {
        const t = platform.catalogs.translator(language);
        for (const words of [error.detailIn(t), ...error.problemsIn(t).map((p) => p.message)])
          assert.doesNotMatch(words, ENGLISH_WORDS, `${text.slice(0, 40)} in ${language}: "${words}"`);
      }
    }
    await assert.rejects(
      statistics.query({ level: 'cell', resolution: 7, metric: 'download' }),
      (e: unknown) =>
        e instanceof AppError && LANGUAGES.every((l) => !ENGLISH_WORDS.test(e.problemsIn(platform.catalogs.translator(l))[0]?.message ?? 'no problem named')),
    );
    await assert.rejects(
      statistics.query({ level: 'region', metric: 'jitter' as 'download' }),
      (e: unknown) => e instanceof AppError && LANGUAGES.every((l) => !ENGLISH_WORDS.test(e.detailIn(platform.catalogs.translator(l)))),
    );
    // An import whose staging was cleared while it was written asks the sender to send it again, in their language.
    const abandoned: unknown = new ImportAbandoned('0b6f3c1e-1111-4222-8333-944445555666');
    assert.ok(abandoned instanceof AppError, 'an abandoned import is an answer to its sender, not a fault of the server');
    for (const language of LANGUAGES) assert.doesNotMatch(abandoned.detailIn(platform.catalogs.translator(language)), ENGLISH_WORDS, language);
  });

  test(`the quality pages, their refused forms included, hold no English sentence in Chinese and Arabic [${database.dialect}]`, async () => {
    const { platform, app } = await setup(database);
    const { jurisdiction } = platform.config;
    const operators = await platform.db.kysely.selectFrom('operators').select('name').execute();
    // Names the profile and the register give, said as they are in every language.
    const names = [jurisdiction.authority.name, ...operators.map((o) => o.name), 'Creative Commons Attribution 4.0 International'];
    const mainOf = (page: string) =>
      (/<main[^>]*>(.*)<\/main>/s.exec(page)?.[1] ?? '')
        .replace(/<(script|style|code)[^>]*>.*?<\/\1>/gs, ' ')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&[a-z#0-9]+;/g, ' ');
    for (const language of LANGUAGES) {
      const person = createWebClient(app);
      const pages: [string, LightMyRequestResponse][] = [];
      for (const url of [
        '/quality',
        '/quality/methodology',
        '/quality/kpis',
        '/speedtest',
        '/speedtest/methodology',
        '/quality?metric=jitter&view=list',
        '/quality/kpis?from=2026-13',
        '/quality/open-data/nothing',
      ]) {
        pages.push([url, await person.get(`${url}${url.includes('?') ? '&' : '?'}lang=${language}`)]);
      }
      await person.get(`/speedtest?lang=${language}`);
      pages.push([
        'the refused speed test form',
        await person.post(`/speedtest/results?lang=${language}`, { technology: '7G', place: 'district', district: 'atlantis', lang: language }),
      ]);
      for (const [url, reply] of pages) {
        let text = mainOf(reply.body);
        for (const name of names) text = text.replaceAll(name, ' ');
        assert.doesNotMatch(text, ENGLISH_WORDS, `${url} in ${language}: ${ENGLISH_WORDS.exec(text)?.[0] ?? ''}`);
      }
    }
    await app.close();
  });
}
