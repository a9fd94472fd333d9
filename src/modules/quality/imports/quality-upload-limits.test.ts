import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoApiApp } from '../../../../test/helpers/api-tokens.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { assertFirstHundredProblems, type FileProblems } from '../../../../test/helpers/file-problems.ts';
import { healthzDuring } from '../../../../test/helpers/healthz-during.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../../offers/index.ts';
import { qualityModule } from '../index.ts';
import { createMeasurementRepository } from '../measurements/measurement.repository.ts';
import { checkSettings, settingsOf } from '../../../platform/settings.ts';
import { qualitySettings } from '../quality.settings.ts';

// Hostile and oversized uploads (issue 13, item 7): bounded answers, and the event loop keeps serving.
const modules = [offersModule, qualityModule];
const databases = openTestDatabases(allMigrations(modules));
const DEMO_PROFILE = new URL('../../../../jurisdictions/demo.json', import.meta.url);
const HEADER = 'time,operator,technology,download_kbps,upload_kbps,latency_ms';
const KPI_HEADER = 'operator,month,region,technology,kpi,numerator,denominator';

/** A copy of the demo profile whose quality block sets `uploads`. */
function profileWithUploads(uploads: Record<string, unknown>): string {
  const profile = JSON.parse(readFileSync(DEMO_PROFILE, 'utf8')) as { modules: Record<string, Record<string, unknown>> };
  profile.modules['quality'] = { ...profile.modules['quality'], uploads };
  const file = join(mkdtempSync(join(tmpdir(), 'kinga-quality-profile-')), 'profile.json');
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

async function setup(database: (typeof databases.all)[number], env: Record<string, string> = {}) {
  const { platform, app, token } = await createDemoApiApp(database, modules, { tokenName: 'uploads', env });
  const bearer = await token('', ['quality:write', 'quality:kpis']);
  const post = (url: string, body: string, type = 'text/csv') =>
    app.inject({ method: 'POST', url, headers: { 'content-type': type, authorization: `Bearer ${bearer}` }, payload: body });
  return { platform, app, post };
}

const measurementRows = (count: number, row: (i: number) => string) => `${HEADER}\n${Array.from({ length: count }, (_, i) => row(i)).join('\n')}\n`;

for (const database of databases.all) {
  test(`/healthz keeps answering while a large measurement file is read, checked and stored [${database.dialect}]`, async () => {
    const { platform, app, post } = await setup(database);
    // A first small file, so that what is timed is the reading, not the first compilation of its code.
    assert.equal(
      (
        await post(
          '/api/v1/quality/measurements',
          measurementRows(1, () => '2026-11-01T10:00:00Z,OP-DEMO-1,4G,1000,,'),
        )
      ).statusCode,
      201,
    );
    const good = measurementRows(60_000, (i) => `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z,OP-DEMO-1,4G,${20_000 + (i % 5000)},5000,40`);
    const stored = await healthzDuring(app, () => post('/api/v1/quality/measurements', good));
    assert.equal(stored.reply.statusCode, 201, stored.reply.body.slice(0, 300));
    assert.equal(await createMeasurementRepository(platform.db.kysely).countMeasurements(), 60_001);
    assert.ok(stored.answered >= 3, `answered ${stored.answered} times during an upload of ${Math.round(stored.durationMs)} ms`);
    assert.ok(
      stored.longestGapMs < stored.durationMs / 4,
      `/healthz went ${Math.round(stored.longestGapMs)} ms without an answer during an upload of ${Math.round(stored.durationMs)} ms`,
    );

    const bad = measurementRows(200_000, (i) => `yesterday,OP-DEMO-1,6G,${i},,`);
    const refused = await healthzDuring(app, () => post('/api/v1/quality/measurements', bad));
    assert.equal(refused.reply.statusCode, 422);
    assert.ok(refused.answered >= 3, `answered ${refused.answered} times during a refused upload of ${Math.round(refused.durationMs)} ms`);
    assert.ok(
      refused.longestGapMs < refused.durationMs / 4,
      `/healthz went ${Math.round(refused.longestGapMs)} ms without an answer during an upload of ${Math.round(refused.durationMs)} ms`,
    );

    const json = JSON.stringify({
      measurements: Array.from({ length: 150_000 }, (_, i) => ({ time: 'yesterday', technology: '6G', download_kbps: i, colour: 'red' })),
    });
    const refusedJson = await healthzDuring(app, () => post('/api/v1/quality/measurements', json, 'application/json'));
    assert.equal(refusedJson.reply.statusCode, 422);
    assert.ok(refusedJson.answered >= 3, `answered ${refusedJson.answered} times during a refused JSON upload of ${Math.round(refusedJson.durationMs)} ms`);
    assert.ok(
      refusedJson.longestGapMs < refusedJson.durationMs / 4,
      `/healthz went ${Math.round(refusedJson.longestGapMs)} ms without an answer during a JSON upload of ${Math.round(refusedJson.durationMs)} ms`,
    );
    await app.close();
  });
}

test('a file with many wrong rows lists the first 100 problems, in the order of the file, and counts them all', async () => {
  const database = databases.all[0];
  assert.ok(database);
  const { app, post } = await setup(database);
  const reply = await post(
    '/api/v1/quality/measurements',
    measurementRows(5000, () => 'yesterday,OP-DEMO-1,4G,1000,,'),
  );
  const body = assertFirstHundredProblems(reply, 5000);
  assert.match(body.detail, /5,000 problem/);
  assert.match(body.detail, /first 100/);
  await app.close();
});

test('hostile measurement and KPI files are refused with one problem naming the line and the limit, never a huge answer', async () => {
  const database = databases.all[0];
  assert.ok(database);
  const { app, post } = await setup(database);
  const manyColumns = `${Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',')}\n1\n`;
  const hugeLine = `${HEADER}\n2026-11-30T10:00:00Z,OP-DEMO-1,4G,${'9'.repeat(10_000_000)},,\n`;
  const manyKeys = `{"measurements":[{${Array.from({ length: 300_000 }, (_, i) => `"k${i}":1`).join(',')}}]}`;
  const deep = `{"measurements":[${'['.repeat(500_000)}${']'.repeat(500_000)}]}`;
  const cases: [string, string, string, RegExp][] = [
    ['/api/v1/quality/measurements', manyColumns, 'text/csv', /more than \d+ cells/],
    ['/api/v1/quality/measurements', hugeLine, 'text/csv', /longer than [\d,]+ characters/],
    ['/api/v1/quality/measurements', manyKeys, 'application/json', /longer than [\d,]+ characters/],
    ['/api/v1/quality/measurements', deep, 'application/json', /nested more than \d+ levels deep/],
    ['/api/v1/quality/kpis?operator=OP-DEMO-1', manyColumns.replace('c0', 'operator'), 'text/csv', /more than \d+ cells/],
    [
      '/api/v1/quality/kpis?operator=OP-DEMO-1',
      `${KPI_HEADER}\nOP-DEMO-1,2026-10,NAI,all,dropped_call,${'1'.repeat(10_000_000)},2\n`,
      'text/csv',
      /longer than [\d,]+ characters/,
    ],
  ];
  for (const [url, body, type, reason] of cases) {
    const started = performance.now();
    const reply = await post(url, body, type);
    const took = performance.now() - started;
    assert.equal(reply.statusCode, 422, `${url} ${type}: ${reply.body.slice(0, 300)}`);
    assert.ok(reply.body.length < 20_000, `${url} ${type}: an answer of ${reply.body.length} bytes`);
    const problems = reply.json<FileProblems>();
    assert.ok(problems.errors.length <= 100);
    assert.ok(
      problems.errors.some((e) => reason.test(e.message) && e.line !== undefined),
      `${url} ${type}: ${JSON.stringify(problems.errors.slice(0, 3))} (${Math.round(took)} ms)`,
    );
  }
  await app.close();
});

test('the profile sets the most rows of a file and the problems listed', async () => {
  const database = databases.all[0];
  assert.ok(database);
  const { app, post } = await setup(database, { KINGA_JURISDICTION: profileWithUploads({ maxMeasurementRows: 50, maxKpiRows: 3, maxProblems: 5 }) });
  const tooMany = await post(
    '/api/v1/quality/measurements',
    measurementRows(51, () => '2026-11-30T10:00:00Z,OP-DEMO-1,4G,1000,,'),
  );
  assert.equal(tooMany.statusCode, 422);
  assert.match(tooMany.json<FileProblems>().errors[0]?.message ?? '', /more than 50 measurements/);
  const fifty = await post(
    '/api/v1/quality/measurements',
    measurementRows(50, () => '2026-11-30T10:00:00Z,OP-DEMO-1,4G,1000,,'),
  );
  assert.equal(fifty.statusCode, 201, fifty.body);
  const wrong = await post(
    '/api/v1/quality/measurements',
    measurementRows(12, () => 'yesterday,OP-DEMO-1,4G,1000,,'),
  );
  const body = wrong.json<FileProblems>();
  assert.equal(body.errors.length, 5);
  assert.equal(body.errorCount, 12);
  const kpis = await post(
    '/api/v1/quality/kpis?operator=OP-DEMO-1',
    `${KPI_HEADER}\n${Array.from({ length: 4 }, () => 'OP-DEMO-1,2026-10,NAI,all,dropped_call,1,2').join('\n')}\n`,
  );
  assert.equal(kpis.statusCode, 422);
  assert.match(kpis.json<FileProblems>().errors[0]?.message ?? '', /more than 3 KPI rows/);
  await app.close();
});

test('a bad uploads block in the profile stops start-up with the path of each wrong field', async () => {
  const database = databases.all[0];
  assert.ok(database);
  await assert.rejects(
    createTestPlatform(await database.fresh(), {
      modules,
      env: { KINGA_JURISDICTION: profileWithUploads({ maxMeasurementRows: 0, maxProblems: 'all', maxKpiFileMegabytes: 5000, colour: 'red' }) },
    }),
    (error: Error) => {
      for (const path of ['uploads/maxMeasurementRows', 'uploads/maxProblems', 'uploads/maxKpiFileMegabytes'])
        assert.match(error.message, new RegExp(`/modules/quality/${path}`), path);
      assert.match(error.message, /\/modules\/quality\/uploads\/colour: unknown setting/);
      return true;
    },
  );
  const problems = checkSettings(qualitySettings, { uploads: { maxMeasurementRows: 0, maxProblems: 'all', maxKpiFileMegabytes: 5000, colour: 'red' } });
  for (const path of ['maxMeasurementRows', 'maxProblems', 'maxKpiFileMegabytes', 'colour'])
    assert.ok(
      problems.some((p) => p.startsWith(`/modules/quality/uploads/${path}:`)),
      `${path} in ${problems.join('; ')}`,
    );
  assert.deepEqual(checkSettings(qualitySettings, { uploads: {} }), []);
  assert.deepEqual(settingsOf(qualitySettings, undefined).uploads, {
    maxMeasurementFileMegabytes: 32,
    maxMeasurementRows: 500_000,
    maxKpiFileMegabytes: 16,
    maxKpiRows: 100_000,
    maxProblems: 100,
  });
});
