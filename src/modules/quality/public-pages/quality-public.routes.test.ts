import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { latLngToCell } from 'h3-js';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../../offers/index.ts';
import { createMeasurementServiceFor, qualityModule } from '../index.ts';
import { createQualityStatisticsServiceFor } from '../statistics/quality-statistics.wiring.ts';

const modules = [offersModule, qualityModule];
const databases = openTestDatabases(allMigrations(modules));
const SYSTEM = { type: 'system' as const, id: null };
const HEADER = 'time,operator,technology,download_kbps,upload_kbps,latency_ms,latitude,longitude,accuracy_m,device_id';

/**
 * One operator's tests in Nairobi: 12 devices, each testing once on each of two days, with
 * download speeds `first`, `first + step`, ... (24 values), so the device-day medians are the
 * values themselves and the median is the mean of the 12th and 13th.
 */
function nairobiRows(operatorId: string, first: number, step: number): string[] {
  return Array.from({ length: 24 }, (_, i) => {
    const day = i < 12 ? '2026-11-20' : '2026-11-21';
    return `${day}T10:${String(i).padStart(2, '0')}:00Z,${operatorId},4G,${first + step * i},5000,40,-1.29,36.82,25,${operatorId}-device-${i % 12}`;
  });
}

/** A platform with the offers demo, the demo regions, and measurements of three operators aggregated. */
async function setup(database: (typeof databases.all)[number], extraRows: (operators: string[]) => string[] = () => []) {
  const platform = await createTestPlatform(await database.fresh(), { modules });
  await offersModule.seedDemo?.(platform);
  const app = await buildApp(platform, modules);
  const operators = (await createMeasurementServiceFor(platform).listOperators()).map((o) => o.id);
  assert.ok(operators.length >= 3, 'the offers demo has three operators or more');
  const [fast = '', slow = '', close = ''] = operators;
  const statistics = createQualityStatisticsServiceFor(platform);
  await statistics.importRegions({ text: readFileSync(new URL('../demo/regions.geojson', import.meta.url), 'utf8'), source: 'test', actor: SYSTEM });
  const rows = [...nairobiRows(fast, 40_000, 500), ...nairobiRows(slow, 10_000, 1000), ...nairobiRows(close, 12_000, 1000), ...extraRows(operators)];
  await createMeasurementServiceFor(platform).importMeasurements({
    text: [HEADER, ...rows].join('\n'),
    format: 'csv',
    operatorId: null,
    actor: SYSTEM,
    channel: 'cli',
  });
  await statistics.aggregate();
  return { platform, app, fast, slow, close, statistics };
}

const page = (app: Awaited<ReturnType<typeof setup>>['app'], url: string) => app.inject({ url, headers: { accept: 'text/html' } });

for (const database of databases.all) {
  test(`the quality page shows an operator's published figures by region, on the map and in the table [${database.dialect}]`, async () => {
    const { app, slow } = await setup(database);
    const reply = await page(app, `/quality?operator=${slow}&metric=download&period=90&view=region`);
    assert.equal(reply.statusCode, 200);
    const body = reply.body;
    assert.match(body, /<form method="get" action="\/quality"/);
    assert.match(body, /<svg[^>]*role="img"[^>]*aria-describedby="quality-map-desc quality-figures"/);
    assert.match(body, /<table id="quality-figures">/);
    // 24 device-days from 10 to 33 Mbit/s: the median is 21.5, the interval the 7th and 18th values.
    assert.match(body, /<th scope="col">Median \(Mbit\/s\)<\/th>/, 'the unit is in the heading');
    assert.match(body, /<th scope="row">Nairobi<\/th><td>24<\/td><td>12<\/td><td>21.5<\/td><td>[\d.]+<\/td><td>[\d.]+<\/td><td>16 to 27<\/td>/);
    assert.match(body, /data-region="NAI" d="M[^"]+" fill="#[0-9a-f]{6}"/, 'Nairobi is filled');
    assert.match(body, /data-region="NEA" d="M[^"]+" fill="#f2f2f2"/, 'a region with no figure is left blank');
    // The demo profile's speed thresholds are "at least" (>=): the device-day at exactly 10 Mbit/s
    // counts (24 of 24), as do the four from 30 Mbit/s (17%); "more than" would give 96% and 13%.
    assert.match(body, /<th scope="col">Share with at least 10 Mbit\/s<\/th>/);
    assert.match(body, /<td>16 to 27<\/td><td>100%<\/td><td>100%<\/td><td>17%<\/td>/);
    assert.match(body, /href="\/quality\/methodology#metric-download"/);
    assert.match(body, /href="\/speedtest"/);
    assert.ok(Buffer.byteLength(body) < 100_000, `the page weighs ${Buffer.byteLength(body)} bytes`);
    await app.close();
  });

  test(`operators are compared nationally, overlapping intervals shown as tied in words [${database.dialect}]`, async () => {
    const { app, platform, fast, slow, close } = await setup(database);
    const body = (await page(app, '/quality?metric=download&technology=4G')).body;
    const names = new Map((await createMeasurementServiceFor(platform).listOperators()).map((o) => [o.id, o.name]));
    const comparison = body.slice(body.indexOf('Operators compared across the country'));
    // Fastest first; the slow and the close operator overlap (16–27 and 18–29 Mbit/s), the fast one overlaps no one.
    assert.ok(comparison.indexOf(names.get(fast) ?? '?') < comparison.indexOf(names.get(slow) ?? '?'));
    assert.match(
      comparison,
      new RegExp(
        `${names.get(fast)}</th><td>24</td><td>12</td><td>45.8 Mbit/s</td><td>43 Mbit/s to 48.5 Mbit/s</td><td>Clearly different from every other operator</td>`,
      ),
    );
    assert.match(comparison, new RegExp(`${names.get(slow)}</th>[^]*?Tied with ${names.get(close)}</td>`));
    assert.match(comparison, new RegExp(`${names.get(close)}</th>[^]*?Tied with ${names.get(slow)}</td>`));
    await app.close();
  });

  test(`measured speeds are set against the speeds the offers advertise, as a percentage [${database.dialect}]`, async () => {
    const { app, statistics } = await setup(database);
    const advertised = await statistics.advertisedComparison({ periodDays: 90 });
    const body = (await page(app, '/quality')).body;
    assert.match(body, /Measured against advertised speeds/);
    if (advertised.length === 0) {
      assert.match(body, /No operator has both enough tests and offers that advertise a typical speed/);
    } else {
      const first = advertised[0];
      assert.ok(first);
      const percent = `${Math.round(first.ratio * 100)}%`;
      assert.ok(body.includes(`<td>${percent}</td>`), `the ratio ${percent} is shown`);
    }
    await app.close();
  });

  test(`the cell view draws one polygon per published cell and lists the same cell [${database.dialect}]`, async () => {
    const { app, slow } = await setup(database);
    const body = (await page(app, `/quality?operator=${slow}&view=cell&resolution=8`)).body;
    const cell = latLngToCell(-1.29, 36.82, 8);
    assert.match(
      body,
      new RegExp(`<th scope="row"><code dir="ltr">${cell}</code></th><td>Nairobi</td><td>24</td>`),
      'the cell, the region it lies in, its tests',
    );
    const svg = body.slice(body.indexOf('<svg'), body.indexOf('</svg>'));
    assert.equal((svg.match(/<path d="/g) ?? []).length, 1, 'one cell drawn');
    await app.close();
  });

  test(`with too many cells at the asked resolution, the page draws the coarser published one and says so [${database.dialect}]`, async () => {
    // 289 places 0.01° apart (as stored, about 1 km), each with 10 tests from 5 devices: too many cells at resolution 8.
    const grid = (operators: string[]) => {
      const rows: string[] = [];
      for (let a = 0; a < 17; a += 1) {
        for (let b = 0; b < 17; b += 1) {
          for (let k = 0; k < 10; k += 1)
            rows.push(
              `2026-11-2${k % 2}T08:00:00Z,${operators[0]},4G,${20_000 + a * 100 + b},4000,35,${(-1.2 - a * 0.01).toFixed(2)},${(36.7 + b * 0.01).toFixed(2)},25,grid-${a}-${b}-${k % 5}`,
            );
        }
      }
      return rows;
    };
    const { app, fast } = await setup(database, grid);
    const fine = await page(app, `/quality?operator=${fast}&view=cell&resolution=8`);
    assert.equal(fine.statusCode, 200);
    assert.match(
      fine.body,
      /There are too many cells at resolution 8 to draw on one page: the map and the table show the larger cells of resolution 6 instead/,
    );
    assert.match(fine.body, /Download speed: median by map cell \(H3 resolution 6\)/);
    assert.ok(Buffer.byteLength(fine.body) < 100_000, `the page weighs ${Buffer.byteLength(fine.body)} bytes`);
    await app.close();
  });

  test(`bad filters answer 422 with an error summary naming each field, never a 500 [${database.dialect}]`, async () => {
    const { app } = await setup(database);
    const reply = await page(app, '/quality?operator=NOPE&metric=speed&period=7&view=list&resolution=99&technology=6G');
    assert.equal(reply.statusCode, 422);
    for (const field of ['operator', 'metric', 'period', 'view', 'resolution', 'technology'])
      assert.match(reply.body, new RegExp(`<a href="#field-${field}">`), `${field} is named`);
    assert.match(reply.body, /Choose a period from the list \(days: 30, 90, 365\)/);
    assert.doesNotMatch(reply.body, /<svg[^>]*role="img"/, 'no figures for a wrong query');
    const long = await page(app, `/quality?metric=${'x'.repeat(500)}`);
    assert.ok(long.statusCode < 500, `an overlong value answers ${long.statusCode}`);
    const french = await page(app, '/quality?period=abc&lang=fr');
    assert.equal(french.statusCode, 422);
    assert.match(french.body, /Choisissez une période dans la liste/);
    await app.close();
  });

  test(`the page reads right to left in Arabic and formats numbers for each language [${database.dialect}]`, async () => {
    const { app, slow } = await setup(database);
    const arabic = (await page(app, `/quality?operator=${slow}&lang=ar`)).body;
    assert.match(arabic, /<html lang="ar" dir="rtl">/);
    assert.match(arabic, /جودة الشبكات حسب المشغّل/);
    assert.match(arabic, /21٫5|21\.5/);
    const french = (await page(app, `/quality?operator=${slow}&lang=fr`)).body;
    assert.match(french, /21,5 Mbit\/s/, 'French writes a decimal comma');
    assert.match(french, /Qualité des réseaux par opérateur/);
    await app.close();
  });

  test(`the methodology page states each metric's rules with the profile's numbers, in every complete language [${database.dialect}]`, async () => {
    const { app } = await setup(database);
    const reply = await page(app, '/quality/methodology');
    assert.equal(reply.statusCode, 200);
    for (const anchor of [
      'metric-download',
      'metric-upload',
      'metric-latency',
      'device-day',
      'percentiles',
      'confidence-interval',
      'ties',
      'minimum-sample',
      'periods',
      'areas',
    ]) {
      assert.match(reply.body, new RegExp(`id="${anchor}"`), `#${anchor} exists`);
    }
    assert.match(reply.body, /at least 10 tests from at least 5 different devices/);
    assert.match(reply.body, /device-days with at least 2 Mbit\/s, 10 Mbit\/s, and 30 Mbit\/s/);
    assert.match(reply.body, /device-days with at most 50 ms and 100 ms/);
    assert.match(reply.body, /the last 30, 90, or 365 days/);
    assert.match(reply.body, /less accurate than 2,000 metres/);
    const french = await page(app, '/quality/methodology?lang=fr');
    assert.match(french.body, /au moins 10 tests provenant d’au moins 5 appareils différents/);
    assert.match(french.body, /jours-appareils d’au moins 2 Mbit\/s/);
    const arabic = await page(app, '/quality/methodology?lang=ar');
    assert.match(arabic.body, /dir="rtl"/);
    assert.match(arabic.body, /كيف تُحسب أرقام جودة الشبكات/);
    await app.close();
  });

  test(`the navigation leads to the quality page, and the speed test is reached from it [${database.dialect}]`, async () => {
    const { app } = await setup(database);
    const home = await page(app, '/');
    assert.match(home.body, /href="\/quality"/);
    const quality = await page(app, '/quality');
    assert.match(quality.body, /<a href="\/quality" aria-current="page"/);
    assert.match(quality.body, /<a href="\/speedtest">Test your own connection/);
    await app.close();
  });
}
