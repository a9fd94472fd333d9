import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../index.ts';
import { createDemoOffersApp } from '../testing/api-app.ts';
import { HISTORY_EXPORT_COLUMNS } from './offer-export.ts';
import { OFFER_FILE, OFFER_COLUMNS, validateOfferRows } from './offer-file.ts';
import { parseTabularCsv, parseTabularJson } from './tabular-file.ts';

const databases = openTestDatabases(allMigrations([offersModule]));

for (const database of databases.all) {
  test(`the current CSV export is an RFC 4180 national offer file that imports back with no error, under the stated licence [${database.dialect}]`, async () => {
    const { app } = await createDemoOffersApp(database);
    const reply = await app.inject('/api/v1/offers/export/current.csv');
    assert.equal(reply.statusCode, 200);
    assert.match(String(reply.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.equal(reply.headers['content-disposition'], 'attachment; filename="offers-current-2026-12-01.csv"');
    assert.match(String(reply.headers['link']), /<https:\/\/creativecommons\.org\/licenses\/by\/4\.0\/>; rel="license"/);
    const rows: string[][] = parse(reply.body, { relax_column_count: false });
    assert.deepEqual(rows[0], [...OFFER_COLUMNS]);
    assert.equal(rows.length, 1 + 29);
    assert.ok(reply.body.endsWith('\r\n'));
    const parsed = parseTabularCsv(reply.body, OFFER_FILE);
    const validation = validateOfferRows(parsed.rows, {
      isLenient: false,
      currency: 'KES',
      today: '2026-12-01',
      eligibilityIds: new Set(['social-assistance', 'disability', 'older-person']),
    });
    assert.deepEqual([...parsed.problems, ...validation.problems], []);
    assert.equal(validation.offers.length, 29);
    assert.equal(validation.offers.find((o) => o.record.planId === 'M9900000001SVM10GB30000000')?.record.monthlyPrice, '1000');

    const json = await app.inject('/api/v1/offers/export/current.json');
    assert.equal(json.statusCode, 200);
    assert.equal(json.headers['content-disposition'], 'attachment; filename="offers-current-2026-12-01.json"');
    const document = JSON.parse(json.body) as { licence: { name: string; url: string }; onDate: string; offers: unknown[] };
    assert.equal(document.licence.url, 'https://creativecommons.org/licenses/by/4.0/');
    const fromJson = parseTabularJson(json.body, OFFER_FILE);
    const jsonValidation = validateOfferRows(fromJson.rows, {
      isLenient: false,
      currency: 'KES',
      today: '2026-12-01',
      eligibilityIds: new Set(['social-assistance', 'disability', 'older-person']),
    });
    assert.deepEqual([...fromJson.problems, ...jsonValidation.problems], []);
    assert.deepEqual(
      jsonValidation.offers.map((o) => o.record),
      validation.offers.map((o) => o.record),
    );
  });

  test(`the history exports hold every version with its number and publication time, and are in the OpenAPI document [${database.dialect}]`, async () => {
    const { app } = await createDemoOffersApp(database);
    const csv = await app.inject('/api/v1/offers/export/history.csv');
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.headers['content-disposition'], 'attachment; filename="offers-history-2026-12-01.csv"');
    const rows: string[][] = parse(csv.body, { relax_column_count: false });
    assert.deepEqual(rows[0], [...HISTORY_EXPORT_COLUMNS]);
    // 29 plans first published, and one price change: 30 versions.
    assert.equal(rows.length, 1 + 30);
    const changed = rows.filter((r) => r[0] === 'M9900000001SVM10GB30000000').map((r) => [r[5], r.at(-2)]);
    assert.deepEqual(changed, [
      ['1100', '1'],
      ['1000', '2'],
    ]);
    const json = await app.inject('/api/v1/offers/export/history.json');
    const document = JSON.parse(json.body) as { licence: { url: string }; offers: { unique_plan_id: string; version: number; published_at: string }[] };
    assert.equal(document.offers.length, 30);
    assert.ok(document.offers.every((o) => typeof o.version === 'number' && /^\d{4}-\d{2}-\d{2}T/.test(o.published_at)));
    const spec = (await app.inject('/api/openapi.json')).json<{
      paths: Record<string, { get?: { responses?: Record<string, { content?: Record<string, unknown> }> } }>;
    }>();
    for (const path of [
      '/api/v1/affordability',
      '/api/v1/offers/export/current.csv',
      '/api/v1/offers/export/current.json',
      '/api/v1/offers/export/history.csv',
      '/api/v1/offers/export/history.json',
    ]) {
      assert.ok(spec.paths[path], `${path} is in the OpenAPI document`);
    }
    assert.ok(spec.paths['/api/v1/offers/export/current.csv']?.get?.responses?.['200']?.content?.['text/csv']);
  });
}
