import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'kysely';
import { buildApp } from '../../../app.ts';
import { createCommandRunner } from '../../../../test/helpers/command-runner.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { readsDuring } from '../../../../test/helpers/reads-during.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { Platform } from '../../../platform/platform.ts';
import { offersModule } from '../../offers/index.ts';
import { createOperatorDirectory } from '../../../platform/operators/index.ts';
import { qualityModule } from '../index.ts';
import { createMeasurementRepository } from '../measurements/measurement.repository.ts';
import { createMeasurementService } from '../measurements/measurement.service.ts';
import { createQualityAggregationRepository } from '../statistics/quality-aggregation.repository.ts';
import { createQualityImportRepository, type QualityImportRepository } from './quality-import.repository.ts';
import { QUALITY_STAGE_ROWS, settleAbandonedQualityImports, STALE_QUALITY_IMPORT_MS } from './quality-import.service.ts';
import { createKpiServiceFor, createRegionLister } from '../kpis/quality-kpi.wiring.ts';
import { createKpiRepository } from '../kpis/quality-kpi.repository.ts';
import { createKpiService, type KpiService } from '../kpis/quality-kpi.service.ts';
import { createOpenDataRepository } from '../open-data/quality-open-data.repository.ts';
import { registerKpiCommands } from '../kpis/quality-kpi.cli.ts';
import { registerQualityCommands } from '../measurements/measurement.cli.ts';
import { createTokenIssuer } from '../../../../test/helpers/api-tokens.ts';

// Issue 13, items 6 and 7: a large quality upload stages its rows in short transactions, so that
// other requests keep reading the database, holds a bounded amount of memory, and publishes all
// or nothing; what a stopped process staged is seen by no one and deleted by the hourly settling.
const modules = [offersModule, qualityModule];
const databases = openTestDatabases(allMigrations(modules));
const MEASUREMENT_HEADER = 'time,operator,technology,download_kbps,upload_kbps,latency_ms,latitude,longitude,accuracy_m,device_id';
const KPI_HEADER = 'operator,month,region,technology,kpi,numerator,denominator';
const SYSTEM = { type: 'system', id: null } as const;
const DEMO_PROFILE = new URL('../../../../jurisdictions/demo.json', import.meta.url);

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** A measurement file of `rows` plausible rows of the demo operators, in November 2026 (the test clock is 1 December). */
function measurementCsv(rows: number): string {
  const lines = [MEASUREMENT_HEADER];
  for (let i = 0; i < rows; i += 1) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(
      `2026-11-${day}T${String(i % 24).padStart(2, '0')}:00:00Z,OP-DEMO-${1 + (i % 2)},4G,${20_000 + (i % 5000)},5000,40,${(-1.3 + (i % 100) / 1000).toFixed(3)},${(36.8 + (i % 70) / 1000).toFixed(3)},25,device-${i % 3000}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A KPI file of OP-DEMO-1 of `rows` rows: every district, technology and KPI of as many months before November 2026 as it takes. */
async function kpiCsv(platform: Platform, rows: number): Promise<string> {
  const regions = (await createRegionLister(platform)()).map((r) => r.id);
  const { kpis } = platform.settings.quality;
  const lines = [KPI_HEADER];
  for (let back = 0; lines.length <= rows; back += 1) {
    const month = new Date(Date.UTC(2026, 10 - back, 1)).toISOString().slice(0, 7);
    for (const region of regions) {
      for (const kpi of kpis) {
        for (const technology of kpi.technology ? [kpi.technology] : ['2G', '3G', '4G', '5G', 'fixed', 'all'])
          lines.push(`OP-DEMO-1,${month},${region},${technology},${kpi.id},${900 + (lines.length % 90)},1000`);
      }
    }
  }
  return `${lines.slice(0, rows + 1).join('\n')}\n`;
}

/** A copy of the demo profile with these upload bounds. */
function profileWithUploads(uploads: Record<string, number>): string {
  const profile = JSON.parse(readFileSync(DEMO_PROFILE, 'utf8')) as { modules: Record<string, Record<string, unknown>> };
  const quality = profile.modules['quality'] ?? {};
  profile.modules['quality'] = { ...quality, uploads: { ...(quality['uploads'] as object), ...uploads } };
  const file = join(mkdtempSync(join(tmpdir(), 'kinga-quality-profile-')), 'profile.json');
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

async function setup(database: (typeof databases.all)[number], env: Record<string, string> = {}) {
  const platform = await createTestPlatform(await database.fresh(), { modules, env });
  await offersModule.seedDemo?.(platform);
  return { platform, imports: createQualityImportRepository(platform.db.kysely) };
}

/** The app over `platform`, and a sender of CSV files to `url` with a regulator's token that may import measurements and KPIs. */
async function uploaderOf(platform: Platform, url: string) {
  const app = await buildApp(platform, modules);
  const bearer = await (await createTokenIssuer(platform, 'uploads')).token('', ['quality:write', 'quality:kpis']);
  const upload = (body: string) =>
    app.inject({ method: 'POST', url, headers: { 'content-type': 'text/csv', authorization: `Bearer ${bearer}` }, payload: body });
  return { app, upload };
}

/** What both import services take from the platform, with `imports` as their staging repository. */
function importDeps(platform: Platform, imports: QualityImportRepository) {
  return { imports, clock: platform.clock, ids: platform.ids, audit: platform.audit, listOperators: createOperatorDirectory(platform.db.kysely).list };
}

/** The service as the platform builds it, with another staging repository (one that stops, in a test). */
function measurementServiceWith(platform: Platform, imports: QualityImportRepository) {
  return createMeasurementService({
    ...importDeps(platform, imports),
    repository: createMeasurementRepository(platform.db.kysely),
    keyring: platform.keyring,
    settings: platform.settings.quality,
    placeResolutions: { stored: platform.settings.quality.h3Resolution, published: [6, 8] },
  });
}

/** The KPI service as the platform builds it, with another staging repository (one that stops, in a test). */
function kpiServiceWith(platform: Platform, imports: QualityImportRepository) {
  return createKpiService({
    ...importDeps(platform, imports),
    repository: createKpiRepository(platform.db.kysely),
    kpis: platform.settings.quality.kpis,
    uploads: platform.settings.quality.uploads,
    listRegions: createRegionLister(platform),
  });
}

/** Imports `text` as the regulator's KPI file for OP-DEMO-1, from the command line or the API. */
function importDemoKpis(service: KpiService, text: string, channel: 'cli' | 'api') {
  return service.importKpis({ text, format: 'csv', operatorId: 'OP-DEMO-1', isSentByOperator: false, actor: SYSTEM, channel });
}

/** A staging repository whose `method` never returns from its `stopAt`th call: the process stopped there. */
function stoppingAt(imports: QualityImportRepository, method: 'stageMeasurements' | 'stageKpiValues', stopAt: number) {
  let calls = 0;
  let markStopped = (): void => undefined;
  const stopped = new Promise<void>((resolve) => {
    markStopped = resolve;
  });
  const stage = imports[method] as (...args: unknown[]) => Promise<void>;
  const repository: QualityImportRepository = {
    ...imports,
    [method]: async (...args: unknown[]) => {
      calls += 1;
      if (calls < stopAt) return stage(...args);
      markStopped();
      return new Promise<never>(() => undefined);
    },
  };
  return { repository, stopped };
}

/** Every row of a table, whether or not it is published. */
async function rowsIn(
  platform: Platform,
  table: 'quality_measurements' | 'quality_kpi_values' | 'quality_kpi_reports' | 'quality_import_stagings',
): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(platform.db.kysely);
  return Number(rows[0]?.n ?? 0);
}

/** What every reader of measurements sees: the count, the aggregation's input and open data's months. */
async function visibleMeasurements(platform: Platform): Promise<{ counted: number; aggregated: number; openData: number }> {
  let aggregated = 0;
  for await (const _ of createQualityAggregationRepository(platform.db.kysely).iterateValidMeasurements()) aggregated += 1;
  const months = await createOpenDataRepository(platform.db.kysely).countValidMeasurementsByMonth({
    from: '2026-01-01T00:00:00.000Z',
    to: '2027-01-01T00:00:00.000Z',
  });
  return {
    counted: await createMeasurementRepository(platform.db.kysely).countMeasurements(),
    aggregated,
    openData: months.reduce((sum, m) => sum + m.measurements, 0),
  };
}

/** Runs `work` while the live heap is sampled; returns how far it grew above where it started. */
async function heapGrowthDuring(work: () => Promise<unknown>): Promise<number> {
  collectGarbage();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sample = setInterval(() => {
    collectGarbage();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 250);
  try {
    await work();
  } finally {
    clearInterval(sample);
  }
  collectGarbage();
  return Math.max(peak, process.memoryUsage().heapUsed) - base;
}

for (const database of databases.all) {
  test(`database reads keep being answered while a large measurement file is imported: the slowest takes a small part of the import's time [${database.dialect}]`, async () => {
    const { platform } = await setup(database);
    const { app, upload } = await uploaderOf(platform, '/api/v1/quality/measurements');
    // A first small file, so that what is timed is the import, not the first compilation of its code.
    assert.equal((await upload(measurementCsv(10))).statusCode, 201);
    const readiness = async () => assert.equal((await app.inject('/readyz')).statusCode, 200);
    const during = await readsDuring(readiness, () => upload(measurementCsv(120_000)));
    assert.equal(during.result.statusCode, 201, during.result.body.slice(0, 300));
    assert.equal(during.result.json<{ rows: number }>().rows, 120_000);
    assert.equal((await visibleMeasurements(platform)).counted, 120_010);
    // The reference is the import itself: a read held for its whole write would wait about as long.
    assert.ok(during.waits.length >= 5, `only ${during.waits.length} reads were answered during a ${during.durationMs.toFixed(0)} ms import`);
    assert.ok(during.slowestMs < during.durationMs / 4, `a read waited ${during.slowestMs.toFixed(0)} ms during a ${during.durationMs.toFixed(0)} ms import`);
    await app.close();
  });

  test(`database reads keep being answered while a large KPI file is imported: the slowest takes a small part of the import's time [${database.dialect}]`, async () => {
    // 300,000 rows, past the profile's usual 100,000, so that writing them all takes long enough to be seen.
    const { platform } = await setup(database, { KINGA_JURISDICTION: profileWithUploads({ maxKpiRows: 300_000 }) });
    const { app, upload } = await uploaderOf(platform, '/api/v1/quality/kpis?operator=OP-DEMO-1');
    assert.equal((await upload(await kpiCsv(platform, 10))).statusCode, 201);
    const readiness = async () => assert.equal((await app.inject('/readyz')).statusCode, 200);
    const file = await kpiCsv(platform, 300_000);
    const during = await readsDuring(readiness, () => upload(file));
    assert.equal(during.result.statusCode, 201, during.result.body.slice(0, 300));
    assert.equal(during.result.json<{ rows: number }>().rows, 300_000);
    assert.ok(during.waits.length >= 5, `only ${during.waits.length} reads were answered during a ${during.durationMs.toFixed(0)} ms import`);
    assert.ok(during.slowestMs < during.durationMs / 4, `a read waited ${during.slowestMs.toFixed(0)} ms during a ${during.durationMs.toFixed(0)} ms import`);
    await app.close();
  });

  test(`a large measurement import holds no more memory than its file takes: rows are written as they are read [${database.dialect}]`, async () => {
    const { platform } = await setup(database);
    const service = measurementServiceWith(platform, createQualityImportRepository(platform.db.kysely));
    await service.importMeasurements({ text: measurementCsv(10), format: 'csv', operatorId: null, actor: SYSTEM, channel: 'cli' });
    const text = measurementCsv(250_000);
    const growth = await heapGrowthDuring(() => service.importMeasurements({ text, format: 'csv', operatorId: null, actor: SYSTEM, channel: 'cli' }));
    assert.equal((await visibleMeasurements(platform)).counted, 250_010);
    assert.ok(
      growth < text.length,
      `the live heap grew by ${(growth / 1048576).toFixed(1)} MB while a file of ${(text.length / 1048576).toFixed(1)} MB was imported`,
    );
  });

  test(`a process that stops while a measurement file is read publishes none of it, and the hourly settling deletes what it staged [${database.dialect}]`, async () => {
    const { platform, imports } = await setup(database);
    const text = measurementCsv(4 * QUALITY_STAGE_ROWS);
    const stopping = stoppingAt(imports, 'stageMeasurements', 3);
    void measurementServiceWith(platform, stopping.repository).importMeasurements({ text, format: 'csv', operatorId: null, actor: SYSTEM, channel: 'api' });
    await stopping.stopped;
    assert.equal(await rowsIn(platform, 'quality_measurements'), 2 * QUALITY_STAGE_ROWS, 'two batches were staged and committed before the stop');
    assert.deepEqual(await visibleMeasurements(platform), { counted: 0, aggregated: 0, openData: 0 }, 'no reader sees a staged row');

    assert.equal(await settleAbandonedQualityImports({ imports, clock: platform.clock }), 0, 'an import touched a moment ago may still be alive');
    platform.clock.advance(STALE_QUALITY_IMPORT_MS + 1000);
    assert.equal(await settleAbandonedQualityImports({ imports, clock: platform.clock }), 1);
    assert.equal(await rowsIn(platform, 'quality_measurements'), 0);
    assert.equal(await rowsIn(platform, 'quality_import_stagings'), 0);

    const whole = await measurementServiceWith(platform, imports).importMeasurements({ text, format: 'csv', operatorId: null, actor: SYSTEM, channel: 'api' });
    assert.equal(whole.rows, 4 * QUALITY_STAGE_ROWS);
    assert.deepEqual(await visibleMeasurements(platform), { counted: whole.rows, aggregated: whole.rows, openData: whole.rows });
    assert.equal(await rowsIn(platform, 'quality_import_stagings'), 0);
  });

  test(`a measurement file refused for its last line, or for another operator's row, leaves no row behind [${database.dialect}]`, async () => {
    const { platform, imports } = await setup(database);
    const service = measurementServiceWith(platform, imports);
    const good = measurementCsv(3 * QUALITY_STAGE_ROWS);
    await assert.rejects(
      service.importMeasurements({
        text: `${good}2026-11-30T10:00:00Z,OP-NOPE,4G,1000,,,,,,\n`,
        format: 'csv',
        operatorId: null,
        actor: SYSTEM,
        channel: 'api',
      }),
      (error: Error & { problems?: { line?: number; field: string }[] }) => {
        assert.deepEqual(
          error.problems?.map((p) => [p.line, p.field]),
          [[3 * QUALITY_STAGE_ROWS + 2, 'operator']],
        );
        return true;
      },
    );
    await assert.rejects(
      service.importMeasurements({ text: good, format: 'csv', operatorId: 'OP-DEMO-1', actor: SYSTEM, channel: 'api' }),
      (error: Error & { code?: string }) => error.code === 'MEASUREMENT_OTHER_OPERATOR',
    );
    assert.equal(await rowsIn(platform, 'quality_measurements'), 0);
    assert.equal(await rowsIn(platform, 'quality_import_stagings'), 0);
  });

  test(`a process that stops while a KPI file is read publishes none of it, and the hourly settling deletes what it staged [${database.dialect}]`, async () => {
    const { platform, imports } = await setup(database);
    const service = createKpiServiceFor(platform);
    const first = await importDemoKpis(service, await kpiCsv(platform, 300), 'cli');
    const before = await service.results({ from: '2026-06', to: '2026-11' });
    const text = await kpiCsv(platform, 4 * QUALITY_STAGE_ROWS);
    const stopping = stoppingAt(imports, 'stageKpiValues', 3);
    void importDemoKpis(kpiServiceWith(platform, stopping.repository), text, 'api');
    await stopping.stopped;
    assert.equal(await rowsIn(platform, 'quality_kpi_values'), 300 + 2 * QUALITY_STAGE_ROWS, 'two batches were staged and committed before the stop');
    assert.equal(await rowsIn(platform, 'quality_kpi_reports'), first.months.length, 'no report of the stopped import exists');
    assert.deepEqual(await service.results({ from: '2026-06', to: '2026-11' }), before, 'the results are those of the first file');

    assert.equal(await settleAbandonedQualityImports({ imports, clock: platform.clock }), 0);
    platform.clock.advance(STALE_QUALITY_IMPORT_MS + 1000);
    assert.equal(await settleAbandonedQualityImports({ imports, clock: platform.clock }), 1);
    assert.equal(await rowsIn(platform, 'quality_kpi_values'), 300);
    assert.equal(await rowsIn(platform, 'quality_import_stagings'), 0);

    const whole = await importDemoKpis(service, text, 'api');
    assert.equal(whole.rows, 4 * QUALITY_STAGE_ROWS);
    assert.equal(await rowsIn(platform, 'quality_kpi_values'), 300 + 4 * QUALITY_STAGE_ROWS);
    const replaced = whole.months.filter((m) => m.replacedVersion !== null).map((m) => m.month);
    assert.deepEqual(
      replaced,
      first.months.map((m) => m.month),
      'each month of the first file is replaced, and kept as version 1',
    );
  });

  test(`a KPI file refused for its last line leaves no value behind, and the months it names keep their reports [${database.dialect}]`, async () => {
    const { platform, imports } = await setup(database);
    const service = kpiServiceWith(platform, imports);
    await importDemoKpis(service, await kpiCsv(platform, 300), 'cli');
    const [region] = await createRegionLister(platform)();
    const text = `${await kpiCsv(platform, 3 * QUALITY_STAGE_ROWS)}OP-DEMO-1,2026-11,${region?.id},all,no_such_kpi,1,2\n`;
    await assert.rejects(importDemoKpis(service, text, 'api'), (error: Error & { problems?: { line?: number; field: string }[] }) => {
      assert.deepEqual(
        error.problems?.map((p) => [p.line, p.field]),
        [[3 * QUALITY_STAGE_ROWS + 2, 'kpi']],
      );
      return true;
    });
    assert.equal(await rowsIn(platform, 'quality_kpi_values'), 300);
    assert.equal(await rowsIn(platform, 'quality_import_stagings'), 0);
  });

  test(`kinga quality import and import-kpis refuse a file larger than the profile allows, before reading it [${database.dialect}]`, async () => {
    const { platform } = await setup(database, { KINGA_JURISDICTION: profileWithUploads({ maxMeasurementFileMegabytes: 1, maxKpiFileMegabytes: 1 }) });
    const dir = mkdtempSync(join(tmpdir(), 'kinga-quality-cli-'));
    const measurements = join(dir, 'drive.csv');
    writeFileSync(measurements, measurementCsv(20_000));
    const kpis = join(dir, 'kpis.csv');
    writeFileSync(kpis, await kpiCsv(platform, 30_000));
    const { run, printed } = createCommandRunner(platform, (program, io) => {
      registerQualityCommands(program, io);
      registerKpiCommands(program, io);
    });
    await assert.rejects(run('quality', 'import', measurements), /drive\.csv is \d\.\d MB; modules\.quality\.uploads\.maxMeasurementFileMegabytes allows 1 MB/);
    await assert.rejects(
      run('quality', 'import-kpis', kpis, '--operator', 'OP-DEMO-1'),
      /kpis\.csv is \d\.\d MB; modules\.quality\.uploads\.maxKpiFileMegabytes allows 1 MB/,
    );
    assert.equal(printed.out, '');
    assert.equal(await rowsIn(platform, 'quality_measurements'), 0);
    assert.equal(await rowsIn(platform, 'quality_kpi_values'), 0);
    writeFileSync(measurements, measurementCsv(100));
    assert.match(await run('quality', 'import', measurements), /^Imported 100 measurement\(s\)/);
  });
}
