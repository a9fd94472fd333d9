import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellToLatLng, getResolution, latLngToCell } from 'h3-js';
import { parse } from 'csv-parse/sync';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../../offers/index.ts';
import { qualityModule } from '../index.ts';
import { createMeasurementRepository } from '../measurements/measurement.repository.ts';
import { OPEN_DATA_COLUMNS, isMonthOver, openDataPlaceOf, openDataRecordOf, parseOpenDataFileName, truncateTime } from './quality-open-data.ts';
import { importMeasurementCsv } from '../testing/measurement-rows.ts';

const modules = [offersModule, qualityModule];
const databases = openTestDatabases(allMigrations(modules));

test('a place is published as its stored H3 cell and the centre of that cell, and the time truncated to the hour or the day', () => {
  const cell = latLngToCell(-1.286389, 36.817223, 8);
  const coarse = latLngToCell(-1.286389, 36.817223, 6);
  const place = openDataPlaceOf(cell, coarse, 8);
  assert.ok(place);
  assert.equal(place.cell, cell);
  const [lat, lon] = cellToLatLng(cell);
  assert.deepEqual([place.lat, place.lon], [Math.round(lat * 1e6) / 1e6, Math.round(lon * 1e6) / 1e6], 'the centre, not the point');
  assert.equal(openDataPlaceOf(cell, coarse, 6)?.cell, coarse, 'a coarser file resolution takes the coarser cell of the position');
  assert.equal(openDataPlaceOf(cell, coarse, 9)?.cell, cell, 'never finer than what was stored');
  assert.equal(openDataPlaceOf(null, null, 8), null, 'a district or no place publishes none');
  assert.equal(truncateTime('2026-10-14T09:47:12.345Z', 'hour'), '2026-10-14T09:00:00Z');
  assert.equal(truncateTime('2026-10-14T09:47:12.345Z', 'day'), '2026-10-14');
  assert.equal(isMonthOver('2026-11', new Date('2026-12-01T00:00:00Z')), true);
  assert.equal(isMonthOver('2026-12', new Date('2026-12-31T23:59:59Z')), false);
  assert.deepEqual(parseOpenDataFileName('measurements-2026-10.json'), { month: '2026-10', format: 'json' });
  assert.equal(parseOpenDataFileName('measurements-2026-13.csv'), null);
  assert.equal(parseOpenDataFileName('../measurements-2026-10.csv'), null);

  const record = openDataRecordOf(
    {
      measuredAt: '2026-10-14T09:47:12.345Z',
      operatorId: 'OP-1',
      technology: '4G',
      downloadKbps: 1,
      uploadKbps: 2,
      latencyMs: 3,
      jitterMs: null,
      loss: null,
      h3Cell: null,
      h3Cells: null,
      deviceHash: 'h',
      source: 'speedtest',
    },
    { resolution: 8, timePrecision: 'day', pseudonymOf: (month, hash) => `${month}/${hash}` },
  );
  assert.deepEqual(Object.keys(record), [...OPEN_DATA_COLUMNS]);
  assert.equal(record.device, '2026-10/h', 'the pseudonym is keyed with the month of the measurement');
  assert.equal(record.h3_cell, null);
});

for (const database of databases.all) {
  test(`the monthly open data holds valid measurements of months that are over, snapped, with no identifier that joins across months [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules });
    await offersModule.seedDemo?.(platform);
    const operator = (await platform.db.kysely.selectFrom('operators').select('licence_id').orderBy('licence_id').executeTakeFirstOrThrow()).licence_id;
    const csv = [
      'time,operator,technology,download_kbps,upload_kbps,latency_ms,latitude,longitude,accuracy_m,device_id,client_id,source',
      `2026-10-14T09:47:12Z,${operator},4G,23500,7200,41,-1.286389,36.817223,25,dev-1,app-9,drive-test`,
      `2026-10-20T17:05:00Z,${operator},4G,18000,6000,45,-1.286389,36.817223,25,dev-1,app-9,drive-test`,
      `2026-10-21T08:00:00Z,${operator},3G,90000,5000,60,-0.0917,34.768,30,dev-2,app-9,drive-test`,
      `2026-11-02T12:30:00Z,${operator},4G,21000,7000,40,-4.0435,39.6682,25,dev-1,app-9,drive-test`,
      `2026-12-01T08:00:00Z,${operator},4G,21000,7000,40,-4.0435,39.6682,25,dev-1,app-9,drive-test`,
    ].join('\n');
    await importMeasurementCsv(platform, csv);
    const stored = await createMeasurementRepository(platform.db.kysely).listMeasurements({ limit: 10 });
    const app = await buildApp(platform, modules);

    const listing = await app.inject('/api/v1/quality/open-data');
    assert.equal(listing.statusCode, 200);
    const body = listing.json();
    assert.equal(body.licence.url, 'https://creativecommons.org/licenses/by/4.0/');
    assert.match(body.licence.name, /CC BY 4\.0/);
    assert.deepEqual(
      body.months.map((m: { month: string; measurements: number }) => [m.month, m.measurements]),
      [
        ['2026-11', 1],
        ['2026-10', 2],
      ],
      'the 3G row faster than 3G goes is flagged and left out; December is not over',
    );

    const october = await app.inject('/api/v1/quality/open-data/measurements-2026-10.csv');
    assert.equal(october.statusCode, 200);
    assert.match(String(october.headers['content-type']), /^text\/csv/);
    assert.equal(october.headers['link'], '<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
    const rows: Record<string, string>[] = parse(october.body, { columns: true });
    assert.deepEqual(october.body.split('\r\n')[0], OPEN_DATA_COLUMNS.join(','));
    assert.equal(rows.length, 2);
    const [first, second] = rows;
    assert.ok(first && second);
    assert.equal(first['time'], '2026-10-14T09:00:00Z');
    assert.equal(getResolution(first['h3_cell'] ?? ''), 8);
    // The cell of the position as measured (H3 latLngToCell, h3geo.org/docs/api/indexing), not of the position rounded to 0.01 degree.
    assert.equal(first['h3_cell'], latLngToCell(-1.286389, 36.817223, 8));
    const [centreLat, centreLon] = cellToLatLng(first['h3_cell'] ?? '');
    assert.equal(Number(first['latitude']), Math.round(centreLat * 1e6) / 1e6);
    assert.equal(Number(first['longitude']), Math.round(centreLon * 1e6) / 1e6);
    assert.equal(first['device'], second['device'], 'one device within one month keeps its pseudonym');
    for (const secret of ['dev-1', 'app-9', ...stored.flatMap((m) => [m.device_hash ?? 'none', m.client_hash ?? 'none'])])
      assert.ok(!october.body.includes(secret), `${secret.slice(0, 8)}… is not published`);
    assert.ok(!OPEN_DATA_COLUMNS.some((c) => /ip|address|client/.test(c)));

    const november = await app.inject('/api/v1/quality/open-data/measurements-2026-11.json');
    assert.equal(november.statusCode, 200);
    const json = november.json();
    assert.equal(json.licence.url, 'https://creativecommons.org/licenses/by/4.0/');
    assert.equal(json.month, '2026-11');
    assert.equal(json.measurements.length, 1);
    const novemberDevice = json.measurements[0].device;
    assert.equal(typeof novemberDevice, 'string');
    assert.notEqual(novemberDevice, first['device'], 'the same device in October and November gets unrelated pseudonyms');

    assert.equal((await app.inject('/api/v1/quality/open-data/measurements-2026-12.csv')).statusCode, 404, 'a month still running is not published');
    assert.equal((await app.inject('/api/v1/quality/open-data/measurements-2026-13.csv')).statusCode, 404);
    assert.equal((await app.inject('/api/v1/quality/open-data/devices.csv')).statusCode, 404);

    const page = await app.inject({ url: '/quality/kpis', headers: { accept: 'text/html' } });
    assert.match(page.body, /href="\/api\/v1\/quality\/open-data\/measurements-2026-10\.csv"/);
    assert.match(page.body, /rel="license"/);
    await app.close();
  });
}
