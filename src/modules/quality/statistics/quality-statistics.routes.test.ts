import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../../offers/index.ts';
import { createQualityStatisticsServiceFor, qualityModule } from '../index.ts';
import { placeOfPosition } from '../measurements/measurement-place.ts';
import { createMeasurementRepository } from '../measurements/measurement.repository.ts';
import { DEMO_REGIONS_FILE } from './quality-statistics.demo.ts';
import { measurementRow } from '../testing/measurement-rows.ts';

const modules = [offersModule, qualityModule];
const databases = openTestDatabases(allMigrations(modules));
const PLACE = placeOfPosition(-4.05, 39.67, { stored: 8, published: [6, 8] });
const CELL = PLACE.h3Cell;

async function setup(database: (typeof databases.all)[number]) {
  const platform = await createTestPlatform(await database.fresh(), { modules });
  await offersModule.seedDemo?.(platform);
  const statistics = createQualityStatisticsServiceFor(platform);
  await statistics.importRegions({ text: readFileSync(DEMO_REGIONS_FILE, 'utf8'), source: 'demo', actor: { type: 'system', id: null } });
  const rows = ['OP-DEMO-1', 'OP-DEMO-4'].flatMap((operator, o) =>
    Array.from({ length: 10 }, (_, k) => {
      const at = `2026-11-${String(11 + k).padStart(2, '0')}T08:00:00.000Z`;
      return measurementRow(PLACE, {
        id: `r-${o}-${String(k).padStart(3, '0')}`,
        measured_at: at,
        operator_id: operator,
        download_kbps: 10_000 + o * 30_000 + k * 1_000,
        upload_kbps: 3_000,
        latency_ms: 50,
        device_hash: `${operator}-${k % 5}`,
      });
    }),
  );
  await createMeasurementRepository(platform.db.kysely).insertMeasurements(rows);
  await statistics.aggregate();
  return buildApp(platform, modules);
}

const problemFields = (body: string) => (JSON.parse(body) as { errors?: { field: string }[] }).errors?.map((e) => e.field);

for (const database of databases.all) {
  test(`GET /api/v1/quality/cells answers the published cells, cached, as JSON or GeoJSON; a bad parameter is named [${database.dialect}]`, async () => {
    const app = await setup(database);
    const ok = await app.inject({ url: '/api/v1/quality/cells?resolution=8&operator=OP-DEMO-1&metric=download&period=90' });
    assert.equal(ok.statusCode, 200);
    assert.match(String(ok.headers['cache-control']), /^public, max-age=\d+$/);
    assert.ok(ok.headers['last-modified']);
    const body = ok.json();
    assert.equal(body.unit, 'kbit/s');
    assert.equal(body.resolution, 8);
    assert.deepEqual(
      body.cells.map((c: { cell: string; technology: string; tests: number; devices: number; median: number }) => [
        c.cell,
        c.technology,
        c.tests,
        c.devices,
        c.median,
      ]),
      [[CELL, 'all', 10, 5, 14_500]],
    );
    // Each published share says its comparison, as the profile states it: the demo's speeds are "at
    // least" (>=), so the test at exactly 10 Mbit/s counts (10 of 10; "more than" gave 9 of 10).
    assert.deepEqual(
      body.cells[0].shareAbove.map((s: { threshold: number; operator: string; share: number }) => [s.threshold, s.operator, s.share]),
      [
        [2000, '>=', 1],
        [10_000, '>=', 1],
        [30_000, '>=', 0],
      ],
    );

    const geo = await app.inject({ url: '/api/v1/quality/cells?resolution=6&format=geojson' });
    assert.equal(geo.statusCode, 200);
    assert.match(String(geo.headers['content-type']), /^application\/geo\+json/);
    const collection = geo.json();
    assert.equal(collection.type, 'FeatureCollection');
    assert.equal(collection.features.length, 2, 'one cell, two operators');
    assert.equal(collection.features[0].geometry.type, 'Polygon');

    const badMetric = await app.inject({ url: '/api/v1/quality/cells?metric=jitter' });
    assert.equal(badMetric.statusCode, 400);
    assert.match(String(badMetric.headers['content-type']), /^application\/problem\+json/);
    assert.deepEqual(problemFields(badMetric.body), ['querystring/metric']);
    const badResolution = await app.inject({ url: '/api/v1/quality/cells?resolution=7' });
    assert.equal(badResolution.statusCode, 422);
    assert.deepEqual(problemFields(badResolution.body), ['resolution']);
  });

  test(`GET /api/v1/quality/regions answers each region's figures by code; GeoJSON carries the boundaries [${database.dialect}]`, async () => {
    const app = await setup(database);
    const ok = await app.inject({ url: '/api/v1/quality/regions?metric=latency&technology=4G' });
    assert.equal(ok.statusCode, 200);
    const body = ok.json();
    assert.equal(body.unit, 'ms');
    assert.deepEqual(
      body.regions.map((r: { region: string; name: string; operatorId: string; median: number }) => [r.region, r.name, r.operatorId, r.median]),
      [
        ['COA', 'Coast', 'OP-DEMO-1', 50],
        ['COA', 'Coast', 'OP-DEMO-4', 50],
      ],
    );
    const geo = await app.inject({ url: '/api/v1/quality/regions?format=geojson' });
    const features = geo.json().features as { properties: { code: string; statistics: unknown[] } }[];
    assert.equal(features.length, 8);
    assert.equal(features.find((f) => f.properties.code === 'COA')?.properties.statistics.length, 2);
    assert.equal(features.find((f) => f.properties.code === 'NAI')?.properties.statistics.length, 0);
    const bad = await app.inject({ url: '/api/v1/quality/regions?period=60' });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(problemFields(bad.body), ['period']);
  });

  test(`GET /api/v1/quality/operators compares operators nationally with their ties [${database.dialect}]`, async () => {
    const app = await setup(database);
    const ok = await app.inject({ url: '/api/v1/quality/operators?metric=download' });
    assert.equal(ok.statusCode, 200);
    assert.match(String(ok.headers['cache-control']), /^public/);
    const body = ok.json();
    assert.deepEqual(
      body.operators.map((o: { operatorId: string; name: string; median: number; tiedWith: string[] }) => [o.operatorId, o.name, o.median, o.tiedWith]),
      [
        ['OP-DEMO-4', 'Pwani Mobile', 44_500, []],
        ['OP-DEMO-1', 'Savanna Mobile', 14_500, []],
      ],
    );
    const bad = await app.inject({ url: '/api/v1/quality/operators?technology=6G' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(problemFields(bad.body), ['querystring/technology']);
  });

  test(`GET /api/v1/quality/advertised sets measured medians against advertised typical speeds [${database.dialect}]`, async () => {
    const app = await setup(database);
    const ok = await app.inject({ url: '/api/v1/quality/advertised?period=30' });
    assert.equal(ok.statusCode, 200);
    const body = ok.json();
    assert.equal(body.period.days, 30);
    const savanna = body.rows.find((r: { operatorId: string; metric: string }) => r.operatorId === 'OP-DEMO-1' && r.metric === 'download');
    assert.deepEqual([savanna.name, savanna.technology, savanna.measuredMedianKbps, savanna.advertisedKbps], ['Savanna Mobile', '4G', 14_500, 12_000]);
    const openapi = await app.inject({ url: '/api/openapi.json' });
    assert.equal(openapi.statusCode, 200);
    const paths = Object.keys(openapi.json().paths as Record<string, unknown>);
    for (const path of ['/api/v1/quality/cells', '/api/v1/quality/regions', '/api/v1/quality/operators', '/api/v1/quality/advertised'])
      assert.ok(paths.includes(path), path);
    const bad = await app.inject({ url: '/api/v1/quality/advertised?period=soon' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(problemFields(bad.body), ['querystring/period']);
  });
}
