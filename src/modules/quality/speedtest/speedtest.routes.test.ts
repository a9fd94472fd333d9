import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cellToLatLng, getResolution, latLngToCell } from 'h3-js';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { createWebClient, type WebClient } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../../offers/index.ts';
import { createMeasurementServiceFor, qualityModule } from '../index.ts';
import { createMeasurementRepository } from '../measurements/measurement.repository.ts';
import { checkSettings } from '../../../platform/settings.ts';
import { qualitySettings } from '../quality.settings.ts';

const modules = [offersModule, qualityModule];
const databases = openTestDatabases(allMigrations(modules));
const DOWNLOAD_ID = '0b7c4a55-6a1f-4c55-9f0e-1d2a3b4c5d6e';
const UPLOAD_ID = '1c8d5b66-7b2f-4d66-8a1f-2e3b4c5d6e7f';
/** The form's answers naming the two tests the ndt7 server recorded. */
const BOTH_TESTS = { downloadTest: DOWNLOAD_ID, uploadTest: UPLOAD_ID };

async function setup(database: (typeof databases.all)[number]) {
  const platform = await createTestPlatform(await database.fresh(), { modules });
  await offersModule.seedDemo?.(platform);
  const app = await buildApp(platform, modules);
  const measurements = createMeasurementServiceFor(platform);
  const repository = createMeasurementRepository(platform.db.kysely);
  const operators = await measurements.listOperators();
  const operator = operators[0];
  assert.ok(operator, 'the demo has operators');
  /** Stores what the ndt7 server would have: 25 Mbit/s down, 5 Mbit/s up, 38 ms at best. */
  const recordTests = async () => {
    await measurements.recordNdt7Test({
      uuid: DOWNLOAD_ID,
      test: 'download',
      startedAt: new Date('2026-12-01T08:59:00Z'),
      elapsedMicros: 10_000_000,
      numBytes: 31_250_000,
      minRttMicros: 38_400,
      endReason: 'complete',
      metadata: { client_name: 'kinga-web' },
    });
    await measurements.recordNdt7Test({
      uuid: UPLOAD_ID,
      test: 'upload',
      startedAt: new Date('2026-12-01T08:59:11Z'),
      elapsedMicros: 10_000_000,
      numBytes: 6_250_000,
      minRttMicros: 41_000,
      endReason: 'clientClosed',
      metadata: {},
    });
  };
  return { platform, app, repository, operator, recordTests };
}

/** Opens the speed test page, whose form carries the anti-forgery token, and sends its result form with `answers`. */
async function sendResult(person: WebClient, answers: Record<string, string>) {
  await person.get('/speedtest');
  return person.post('/speedtest/results', answers);
}

/** The app once the ndt7 server has recorded both tests, and a person at the speed test page. */
async function setupTested(database: (typeof databases.all)[number]) {
  const setUp = await setup(database);
  await setUp.recordTests();
  return { ...setUp, person: createWebClient(setUp.app) };
}

for (const database of databases.all) {
  test(`the speed test page explains itself without JavaScript and loads no client file until the test starts [${database.dialect}]`, async () => {
    const { app, operator } = await setup(database);
    const page = await app.inject({ url: '/speedtest', headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Test your internet speed<\/h1>/);
    assert.match(page.body, /This test needs JavaScript/);
    assert.match(page.body, /href="\/complaints"/);
    assert.match(page.body, /href="\/speedtest\/methodology"/);
    assert.match(page.body, /<section id="speedtest-app" hidden/);
    assert.match(page.body, /<script src="\/speedtest\/assets\/speedtest.js" defer><\/script>/);
    assert.doesNotMatch(page.body, /<script src="\/speedtest\/assets\/ndt7/, 'the M-Lab client is loaded only when the test starts');
    assert.match(page.body, /role="status" aria-live="polite"/);
    assert.match(page.body, /<template id="speedtest-save-form">[\s\S]*name="_csrf"[\s\S]*<\/template>/);
    assert.ok(page.body.includes(`value="${operator.id}"`), 'the operators of the offers module are offered');
    assert.match(page.body, /value="nairobi"/);
    assert.doesNotMatch(page.body, /locate\.measurementlab\.net/);
    const policy = String(page.headers['content-security-policy']);
    assert.match(policy, /script-src 'self'/);
    assert.doesNotMatch(policy, /unsafe-inline/);

    const french = await app.inject({ url: '/speedtest?lang=fr', headers: { accept: 'text/html' } });
    assert.match(french.body, /Tester votre débit internet/);
    const arabic = await app.inject({ url: '/speedtest?lang=ar', headers: { accept: 'text/html' } });
    assert.match(arabic.body, /dir="rtl"/);
    assert.match(arabic.body, /اختبر سرعة الإنترنت لديك/);
    const method = await app.inject({ url: '/speedtest/methodology', headers: { accept: 'text/html' } });
    assert.equal(method.statusCode, 200);
    assert.match(method.body, /TCP_INFO/);
    await app.close();
  });

  test(`the M-Lab client files are served unchanged from the package, and nothing else is [${database.dialect}]`, async () => {
    const { app } = await setup(database);
    const clientDir = createRequire(import.meta.url)
      .resolve('@m-lab/ndt7')
      .replace(/ndt7\.js$/, '');
    for (const file of ['ndt7.js', 'ndt7-download-worker.js', 'ndt7-upload-worker.js']) {
      const reply = await app.inject(`/speedtest/assets/${file}`);
      assert.equal(reply.statusCode, 200);
      assert.match(String(reply.headers['content-type']), /^text\/javascript/);
      assert.equal(reply.body, readFileSync(`${clientDir}${file}`, 'utf8'), `${file} is byte for byte the package's`);
    }
    assert.equal((await app.inject('/speedtest/assets/speedtest.js')).statusCode, 200);
    assert.equal((await app.inject('/speedtest/assets/..%2Fquality.routes.tsx')).statusCode, 404);
    assert.equal((await app.inject('/speedtest/assets/package.json')).statusCode, 404);
    await app.close();
  });

  // The cell is that of the position the browser gave (H3 latLngToCell, h3geo.org/docs/api/indexing), which
  // rounding to 0.01 degree first would move to a neighbouring cell; the position itself is not kept.
  test(`a saved result takes the server's figures of its tests, not the browser's, keeps only the cells of the place and no address [${database.dialect}]`, async () => {
    const { app, repository, operator, recordTests } = await setup(database);
    const waiting = app.inject(`/api/v1/quality/ndt7-tests/${DOWNLOAD_ID}?wait=1`);
    await recordTests();
    assert.equal((await waiting).statusCode, 200, 'a record written while the page waits for it is found');
    const summary = await app.inject(`/api/v1/quality/ndt7-tests/${DOWNLOAD_ID}`);
    assert.deepEqual(summary.json(), { id: DOWNLOAD_ID, test: 'download', kbps: 25_000, elapsedMs: 10_000, minRttMs: 38.4, isSaved: false });
    assert.equal((await app.inject('/api/v1/quality/ndt7-tests/00000000-0000-4000-8000-000000000000')).statusCode, 404);

    const person = createWebClient(app, '10.9.8.7');
    const saved = await sendResult(person, {
      ...BOTH_TESTS,
      clientDownloadKbps: '999999',
      clientUploadKbps: '999999',
      operator: operator.id,
      technology: '4G',
      place: 'location',
      lat: '-1.286389',
      lon: '36.817223',
      accuracy: '35',
      consent: 'yes',
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.match(saved.body, /Your result is saved/);
    assert.match(saved.body, /25 Mbit\/s/);
    assert.match(saved.body, /Our measurement server/);
    const [row] = await repository.listMeasurements({ source: 'speedtest', limit: 10 });
    assert.ok(row);
    assert.equal(row.download_kbps, 25_000);
    assert.equal(row.upload_kbps, 5_000);
    assert.equal(row.latency_ms, 38.4);
    assert.equal(row.operator_id, operator.id);
    assert.equal(row.technology, '4G');
    const cell = latLngToCell(-1.286389, 36.817223, 8);
    assert.equal(row.h3_cell, cell);
    assert.equal(row.h3_cells, latLngToCell(-1.286389, 36.817223, 6));
    assert.equal(row.place_source, 'position');
    assert.deepEqual(
      [row.lat, row.lon],
      cellToLatLng(cell).map((x) => Math.round(x * 1e6) / 1e6),
      'the centre of the cell, not the position',
    );
    assert.equal(row.accuracy_m, 35);
    assert.ok(row.h3_cell && getResolution(row.h3_cell) === 8);
    assert.equal(row.measured_at, '2026-12-01T08:59:00.000Z');
    assert.equal(Boolean(row.is_valid), true);
    assert.equal(row.invalid_reason, null);
    assert.ok(!JSON.stringify(row).includes('10.9.8.7'), 'no client address is stored');
    assert.equal((await app.inject(`/api/v1/quality/ndt7-tests/${DOWNLOAD_ID}`)).json().isSaved, true);

    const again = await sendResult(person, { ...BOTH_TESTS, technology: '4G', place: 'none', consent: 'yes' });
    assert.equal(again.statusCode, 422);
    assert.match(again.body, /This test has been saved already/);
    assert.equal(await repository.countMeasurements('speedtest'), 1);
    await app.close();
  });

  test(`without consent nothing is saved: the form comes back with 422, an error summary and the answers kept [${database.dialect}]`, async () => {
    const { app, repository, person } = await setupTested(database);
    const refused = await sendResult(person, { ...BOTH_TESTS, technology: '3G', place: 'district', district: 'atlantis' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /class="error-summary"/);
    assert.match(refused.body, /href="#field-consent"/);
    assert.match(refused.body, /href="#field-district"/);
    assert.match(refused.body, /value="3G" checked/);
    assert.match(refused.body, new RegExp(`name="downloadTest" value="${DOWNLOAD_ID}"`));
    assert.equal(await repository.countMeasurements(), 0);
    await app.close();
  });

  // A district says the test was made somewhere in it: placing it in the cell of the centroid would
  // claim a precision the person never gave, so it counts in the region of the centroid only.
  test(`a district stands for its centroid and no cell; a result above its technology's cap, or only the browser's figures, is kept but flagged [${database.dialect}]`, async () => {
    const { app, repository, person } = await setupTested(database);
    const capped = await sendResult(person, { ...BOTH_TESTS, technology: '2G', place: 'district', district: 'kisumu', consent: 'yes' });
    assert.equal(capped.statusCode, 200, capped.body);
    assert.match(capped.body, /looks unusual/);
    const unverified = await sendResult(person, {
      downloadTest: '7f000000-0000-4000-8000-000000000000',
      clientDownloadKbps: '12000',
      technology: 'unknown',
      place: 'none',
      consent: 'yes',
    });
    assert.equal(unverified.statusCode, 200, unverified.body);
    assert.match(unverified.body, /Your browser/);
    const rows = await repository.listMeasurements({ limit: 10 });
    const district = rows.find((r) => r.district_code === 'kisumu');
    assert.ok(district);
    assert.equal(district.lat, -0.0917);
    assert.equal(district.lon, 34.768);
    assert.equal(district.h3_cell, null);
    assert.equal(district.place_source, 'district');
    assert.equal(Boolean(district.is_valid), false);
    assert.equal(district.invalid_reason, 'above_technology_cap');
    const client = rows.find((r) => r.download_test_id === null);
    assert.ok(client);
    assert.equal(client.download_kbps, 12_000);
    assert.equal(client.upload_kbps, null);
    assert.equal(client.invalid_reason, 'client_reported');
    await app.close();
  });
}

test('a bad quality block in the profile stops start-up with the path of each wrong field', () => {
  const problems = checkSettings(qualitySettings, {
    maxConcurrentTests: 0,
    h3Resolution: 16,
    technologyCaps: { '6G': { downloadKbps: 1, uploadKbps: 1 }, '3G': { downloadKbps: -1 } },
    districts: [
      { code: 'a', name: 'A', lat: 100, lon: 0 },
      { code: 'a b', name: '', lat: 0, lon: 0 },
    ],
    colour: 'red',
  });
  for (const path of [
    'maxConcurrentTests',
    'h3Resolution',
    'technologyCaps/6G',
    'technologyCaps/3G/downloadKbps',
    'technologyCaps/3G/uploadKbps',
    'districts/0/lat',
    'districts/1/code',
    'districts/1/name',
    'colour',
  ]) {
    assert.ok(
      problems.some((p) => p.startsWith(`/modules/quality/${path}:`)),
      `${path} in ${problems.join('; ')}`,
    );
  }
  assert.deepEqual(
    checkSettings(qualitySettings, {
      districts: [
        { code: 'a', name: 'A', lat: 0, lon: 0 },
        { code: 'a', name: 'B', lat: 0, lon: 0 },
      ],
    }),
    ['/modules/quality/districts/1/code: the code a is used twice'],
  );
  assert.deepEqual(checkSettings(qualitySettings, undefined), []);
});
