import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellToLatLng, latLngToCell } from 'h3-js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../../app.ts';
import { createCommandRunner } from '../../../../test/helpers/command-runner.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { buildStaffAccount } from '../../../../test/helpers/staff.ts';
import { createAuthServiceFor } from '../../../platform/auth/index.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../../offers/index.ts';
import { qualityModule } from '../index.ts';
import { createMeasurementRepository } from './measurement.repository.ts';
import { parseMeasurementFile } from './measurement-file.ts';
import { registerQualityCommands } from './measurement.cli.ts';
import { importMeasurementCsv } from '../testing/measurement-rows.ts';

const modules = [offersModule, qualityModule];
const databases = openTestDatabases(allMigrations(modules));
const NOW = new Date('2026-12-01T09:00:00Z');
const LIMITS = { maxRows: 1000, maxProblems: 100 };

/** The centre of a cell as a stored place gives it: six decimals, about 0.1 m. */
const centreOf = (cell: string) => cellToLatLng(cell).map((x) => Math.round(x * 1e6) / 1e6);

/** Three measurements: a plausible 4G test, a 3G test faster than 3G goes, and a latency-only probe. */
const goodCsv = (operator: string) =>
  [
    'time,operator,technology,download_kbps,upload_kbps,latency_ms,jitter_ms,loss,latitude,longitude,accuracy_m,device_id,client_id,source,download_duration_ms,download_bytes',
    `2026-11-30T14:05:00Z,${operator},4G,23500,7200,41.5,6.2,0.004,-1.286389,36.817223,25,dev-1,app-9,drive-test,10000,29375000`,
    `2026-12-01T08:00:00+03:00,${operator},3G,90000,5000,60,,,-0.0917,34.768,3500,dev-1,app-9,drive-test,,`,
    '2026-11-29T22:00:00Z,,unknown,,,120,,,,,,,,,,',
  ].join('\n');

test('a file with mistakes is refused whole, each problem naming its line and field', async () => {
  const csv = [
    'time,operator,technology,download_kbps,latitude,longitude,colour',
    '2026-13-01T00:00:00Z,OP-NOPE,6G,fast,-1.2,,red',
    '2026-11-30T10:00:00Z,,4G,1000,,,',
    '2027-06-01T00:00:00Z,,4G,-5,,,',
  ].join('\n');
  const { records, problems } = await parseMeasurementFile(csv, 'csv', { ...LIMITS, operatorIds: new Set(['OP-1']), now: NOW, uploaderOperatorId: null });
  assert.deepEqual(records, []);
  const found = problems.listed.map((p) => `${p.line}:${p.field}`);
  for (const expected of ['1:colour', '2:time', '2:operator', '2:technology', '2:download_kbps', '2:longitude', '4:time', '4:download_kbps'])
    assert.ok(found.includes(expected), `${expected} in ${found.join(' ')}`);
  assert.ok(!found.some((f) => f.startsWith('3:')), 'the good row has no problem');

  const json = await parseMeasurementFile(
    JSON.stringify({
      measurements: [
        { time: '2026-11-30T10:00:00Z', technology: '4G', download_kbps: 1000 },
        { time: 'yesterday', latency_ms: 30, source: 'speedtest' },
      ],
    }),
    'json',
    { ...LIMITS, operatorIds: new Set(), now: NOW, uploaderOperatorId: null },
  );
  assert.deepEqual(json.problems.listed.map((p) => p.field).sort(), ['/measurements/1/source', '/measurements/1/time']);
  assert.equal(json.problems.listed[0]?.line, 2);
});

for (const database of databases.all) {
  test(`the API imports a measurement file all or nothing, with a token holding quality:write, flagging doubtful rows [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules });
    await offersModule.seedDemo?.(platform);
    const app = await buildApp(platform, modules);
    const admin = await buildStaffAccount(platform, { role: 'admin' });
    const auth = createAuthServiceFor(platform, { passwordHash: { memoryCost: 1024, timeCost: 1 } });
    const token = async (permissions: string[]) => {
      const outcome = await auth.createToken({ kind: 'system' }, { name: 'drive tests', operatorId: '', permissions, expiresInDays: '', createdBy: admin.id });
      assert.ok(outcome.ok);
      return outcome.value.plaintext;
    };
    const operator = (await platform.db.kysely.selectFrom('operators').select('licence_id').orderBy('licence_id').executeTakeFirstOrThrow()).licence_id;
    const upload = (bearer: string | null, body: string, type = 'text/csv') =>
      app.inject({
        method: 'POST',
        url: '/api/v1/quality/measurements',
        headers: { 'content-type': type, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        payload: body,
      });

    assert.equal((await upload(null, goodCsv(operator))).statusCode, 401);
    assert.equal((await upload(await token(['devices:check']), goodCsv(operator))).statusCode, 403);
    const writer = await token(['quality:write']);
    const repository = createMeasurementRepository(platform.db.kysely);

    const bad = await upload(writer, `${goodCsv(operator)}\n2026-11-30T10:00:00Z,OP-NOPE,4G,1000,,,,,,,,,,,,`);
    assert.equal(bad.statusCode, 422);
    assert.match(String(bad.headers['content-type']), /problem\+json/);
    assert.deepEqual(bad.json().errors, [{ field: 'operator', line: 5, message: 'No licensed operator has the licence id "OP-NOPE".' }]);
    assert.equal(await repository.countMeasurements(), 0, 'nothing of a refused file is stored');

    const good = await upload(writer, goodCsv(operator));
    assert.equal(good.statusCode, 201, good.body);
    const report = good.json<{ importId: string; rows: number; flagged: number; reasons: Record<string, number> }>();
    assert.match(report.importId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      { rows: report.rows, flagged: report.flagged, reasons: report.reasons },
      { rows: 3, flagged: 1, reasons: { above_technology_cap: 1, location_inaccurate: 1 } },
    );
    const rows = await repository.listMeasurements({ limit: 10 });
    const fourG = rows.find((r) => r.technology === '4G');
    const threeG = rows.find((r) => r.technology === '3G');
    assert.ok(fourG && threeG);
    assert.equal(fourG.h3_cell, latLngToCell(-1.286389, 36.817223, 8), 'the cell of the position as measured');
    assert.deepEqual([fourG.lat, fourG.lon], centreOf(latLngToCell(-1.286389, 36.817223, 8)), 'no more of the place than its cell is kept');
    assert.equal(fourG.source, 'drive-test');
    assert.equal(Boolean(fourG.is_valid), true);
    assert.equal(threeG.invalid_reason, 'above_technology_cap,location_inaccurate');
    assert.equal(threeG.measured_at, '2026-12-01T05:00:00.000Z');
    assert.ok(fourG.device_hash && !fourG.device_hash.includes('dev-1'));
    assert.equal(fourG.device_hash, threeG.device_hash, 'the same device in November and December counts once in a longer period');
    assert.equal(fourG.client_hash, threeG.client_hash);

    const json = await upload(
      writer,
      JSON.stringify({ measurements: [{ time: '2026-11-30T12:00:00Z', technology: '5G', download_kbps: 250000, upload_kbps: 40000 }] }),
      'application/json',
    );
    assert.equal(json.statusCode, 201, json.body);
    assert.equal(await repository.countMeasurements(), 4);
    await app.close();
  });

  test(`kinga quality import stores a file and refuses a bad one listing every line [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules });
    await offersModule.seedDemo?.(platform);
    const operator = (await platform.db.kysely.selectFrom('operators').select('licence_id').orderBy('licence_id').executeTakeFirstOrThrow()).licence_id;
    const dir = mkdtempSync(join(tmpdir(), 'kinga-quality-cli-'));
    const goodFile = join(dir, 'drive.csv');
    const badFile = join(dir, 'bad.csv');
    writeFileSync(goodFile, goodCsv(operator));
    writeFileSync(badFile, 'time,technology,download_kbps\nnot-a-time,4G,1\n2026-11-30T10:00:00Z,7G,1\n');
    const { run, printed } = createCommandRunner(platform, registerQualityCommands);
    assert.match(
      await run('quality', 'import', goodFile),
      /^Imported 3 measurement\(s\) from .*drive\.csv \(import [0-9a-f-]+\); 1 flagged \(above_technology_cap 1, location_inaccurate 1\)\.\n$/,
    );
    await assert.rejects(run('quality', 'import', badFile), /rejected with 2 problems; nothing was imported/);
    assert.match(printed.err, /line 2, time: "not-a-time" must be an ISO 8601 instant/);
    assert.match(printed.err, /line 3, technology: "7G" must be one of/);
    assert.equal(await createMeasurementRepository(platform.db.kysely).countMeasurements(), 3);
  });
}

for (const database of databases.all) {
  /*
   * H3 (h3geo.org/docs/api/indexing): latLngToCell "indexes the location at the specified
   * resolution". Two tests 22 m apart in one resolution-8 cell (edge about 0.46 km) must land in
   * that cell; rounding their positions to 0.01 degree (about 1.1 km) first put them in two
   * different cells, neither of them theirs. The demo profile publishes resolutions 6 and 8.
   */
  test(`an imported measurement is placed in the cell of its position as measured, at every published resolution, and only cells are kept [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules });
    await offersModule.seedDemo?.(platform);
    const operator = (await platform.db.kysely.selectFrom('operators').select('licence_id').orderBy('licence_id').executeTakeFirstOrThrow()).licence_id;
    const points = [
      [-1.285, 36.8149],
      [-1.285, 36.8151],
      [-1.2941, 36.8],
    ] as const;
    const csv = [
      'time,operator,technology,download_kbps,latitude,longitude,accuracy_m,device_id',
      ...points.map(([lat, lon], k) => `2026-11-30T1${k}:00:00Z,${operator},4G,20000,${lat},${lon},10,dev-${k}`),
    ].join('\n');
    await importMeasurementCsv(platform, csv);
    const rows = await platform.db.kysely.selectFrom('quality_measurements').selectAll().orderBy('measured_at').execute();
    assert.equal(rows.length, 3);
    rows.forEach((row, k) => {
      const [lat, lon] = points[k] ?? [0, 0];
      assert.equal(row.h3_cell, latLngToCell(lat, lon, 8), `row ${k}: the resolution-8 cell of the position`);
      assert.equal(row.h3_cells, latLngToCell(lat, lon, 6), `row ${k}: the resolution-6 cell of the position, not the parent of its resolution-8 cell`);
      assert.equal(row.place_source, 'position');
      assert.deepEqual([row.lat, row.lon], centreOf(latLngToCell(lat, lon, 8)), `row ${k}: the stored point is the centre of its cell`);
    });
    assert.equal(rows[0]?.h3_cell, rows[1]?.h3_cell, 'two tests 22 m apart in one cell share it');
  });
}
