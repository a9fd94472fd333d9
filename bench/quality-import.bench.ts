// A large measurement import and a large KPI import through the services `kinga quality import`
// and `kinga quality import-kpis` run, as issue 13 measures them: the import's duration, its CPU
// time, resident memory at its peak, and how long another read of the database waited meanwhile.
//   npm run bench -- quality-import                                   (500,000 measurements, 100,000 KPI rows)
//   KINGA_BENCH_QUALITY_IMPORT_ROWS=100000 npm run bench -- quality-import
//   BENCH_QUALITY_PG_URL=postgres://... npm run bench -- quality-import   (also on this PostgreSQL database; emptied first)
// Never run by the tests or CI. While a file imports, a one-statement read (what `/readyz` runs)
// is asked every 100 ms and its wait counted from the moment it was due: the ratio compares the
// import's whole time (what a read would wait were the import one transaction) with the slowest
// of those waits, as the devices-dump bench does.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import pino from 'pino';
import { closePlatform, createPlatform } from '../src/platform/create.ts';
import { createKeyring, generateKeyMaterial } from '../src/platform/crypto/index.ts';
import type { Platform } from '../src/platform/platform.ts';
import { seededRandom } from '../src/platform/seeded-random.ts';
import { createOfferServiceFor, offersModule } from '../src/modules/offers/index.ts';
import { createMeasurementServiceFor, qualityModule } from '../src/modules/quality/index.ts';
import { createKpiServiceFor } from '../src/modules/quality/kpis/quality-kpi.wiring.ts';
import { benchConfig, formatBytes, median, type Bench, type BenchContext, type BenchRow } from './harness.ts';
import { startPeakSampler, startReadProbe, timedRead } from './import-watch.ts';

const OPERATORS = ['OP-BENCH-1', 'OP-BENCH-2', 'OP-BENCH-3', 'OP-BENCH-4', 'OP-BENCH-5'];
const TECHNOLOGIES = ['4G', '4G', '4G', '3G', '5G', 'fixed', '2G'];
const DAY_MS = 86_400_000;
const PG_URL = process.env['BENCH_QUALITY_PG_URL'];
// A read should wait at most a tenth of the import: ten times shorter than one transaction would hold it.
const AIM = 10;

// The memory measured before an import is what the process holds, not the garbage of generating its file.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const positive = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

/** A measurement file of `rows` rows with the usual columns, about 100 bytes a row. */
function measurementCsv(rows: number, now: number): string {
  const random = seededRandom(7);
  const lines = ['time,operator,technology,download_kbps,upload_kbps,latency_ms,latitude,longitude,accuracy_m,device_id'];
  for (let i = 0; i < rows; i += 1) {
    const technology = TECHNOLOGIES[i % TECHNOLOGIES.length] ?? '4G';
    const speed = technology === '2G' ? 150 : technology === '3G' ? 4_000 : technology === '5G' ? 60_000 : 15_000;
    const lat = (-1.29 + (random() - 0.5) * 4).toFixed(4);
    const lon = (36.82 + (random() - 0.5) * 4).toFixed(4);
    const time = new Date(now - DAY_MS - Math.floor(random() * 300 * DAY_MS)).toISOString();
    lines.push(
      `${time},${OPERATORS[i % OPERATORS.length]},${technology},${Math.round(speed * (0.5 + random()))},${Math.round(speed / 3)},${20 + (i % 80)},${lat},${lon},50,device-${i % 20_000}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A KPI file of `rows` rows for OP-BENCH-1: every region, technology and KPI of as many past months as it takes. */
function kpiCsv(platform: Platform, rows: number, regions: readonly string[]): { text: string; rows: number } {
  const kpis = createKpiServiceFor(platform).kpis;
  const lines = ['operator,month,region,technology,kpi,numerator,denominator'];
  const latest = new Date(`${createKpiServiceFor(platform).latestMonth()}-01T00:00:00Z`);
  // Districts as regions, every KPI on its own technology or on all: a month is a few hundred rows.
  for (let back = 0; lines.length <= rows; back += 1) {
    const month = new Date(Date.UTC(latest.getUTCFullYear(), latest.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
    for (const region of regions) {
      for (const kpi of kpis) {
        for (const technology of kpi.technology ? [kpi.technology] : ['2G', '3G', '4G', '5G']) {
          lines.push(`OP-BENCH-1,${month},${region},${technology},${kpi.id},${9_000 + (lines.length % 900)},10000`);
        }
      }
    }
  }
  const kept = lines.slice(0, rows + 1);
  return { text: `${kept.join('\n')}\n`, rows: kept.length - 1 };
}

/** Runs `work` while a read is asked every 100 ms; returns the rows that report it. */
async function measureImport(context: BenchContext, platform: Platform, engine: string, what: string, work: () => Promise<unknown>): Promise<BenchRow[]> {
  const sampler = await startPeakSampler(50);
  try {
    const idle: number[] = [];
    for (let i = 0; i < 20; i += 1) idle.push(await timedRead(platform.db.kysely, performance.now()));
    const probe = startReadProbe(platform.db.kysely);
    collectGarbage();
    const rssBefore = process.memoryUsage().rss;
    sampler.reset();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    try {
      await work();
    } finally {
      await probe.stop();
    }
    const ms = performance.now() - started;
    const { waits } = probe;
    const cpu = process.cpuUsage(cpuBefore);
    const slowest = waits.length === 0 ? ms : Math.max(...waits);
    context.note(
      `${engine}: ${what} took ${(ms / 1000).toFixed(1)} s; a read waited up to ${slowest.toFixed(0)} ms; peak memory ${formatBytes(sampler.peak())}`,
    );
    return [
      { label: `${what} into ${engine}`, value: `${(ms / 1000).toFixed(1)} s (${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU in this process)` },
      {
        label: `${engine}: a database read during it, asked every 100 ms (${waits.length} reads): slowest wait vs the whole import`,
        value: `slowest ${slowest.toFixed(0)} ms, median ${median(waits).toFixed(1)} ms (idle: median ${median(idle).toFixed(1)} ms)`,
        reference: `${ms.toFixed(0)} ms`,
        ratio: ms / slowest,
        aim: AIM,
      },
      {
        label: `${engine}: resident memory before (after a garbage collection), and at the peak of the import (sampled every 50 ms)`,
        value: `${formatBytes(rssBefore)}, ${formatBytes(sampler.peak())}`,
      },
    ];
  } finally {
    await sampler.stop();
  }
}

async function emptyPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('drop schema public cascade; create schema public');
  } finally {
    await client.end();
  }
}

async function measure(context: BenchContext, engine: string, env: Record<string, string>): Promise<BenchRow[]> {
  const measurementRows = positive('KINGA_BENCH_QUALITY_IMPORT_ROWS', 500_000);
  const kpiRows = positive('KINGA_BENCH_QUALITY_KPI_ROWS', 100_000);
  const dir = context.tempDir('quality-import');
  const config = benchConfig(dir, env);
  const platform = await createPlatform(config, [offersModule, qualityModule], {
    logger: pino({ level: 'silent' }),
    keyring: createKeyring(generateKeyMaterial()),
  });
  try {
    const offers = createOfferServiceFor(platform);
    for (const [n, id] of OPERATORS.entries()) await offers.addOperator({ type: 'system', id: null }, id, `Bench Operator ${n + 1}`);
    const now = platform.clock.now().getTime();
    let csv = measurementCsv(measurementRows, now);
    context.note(`${engine}: generated ${measurementRows.toLocaleString('en')} measurements (${formatBytes(Buffer.byteLength(csv))} of CSV)`);
    const service = createMeasurementServiceFor(platform);
    const rows = await measureImport(context, platform, engine, `Measurement import, ${measurementRows.toLocaleString('en')} rows`, async () => {
      const report = await service.importMeasurements({ text: csv, format: 'csv', operatorId: null, actor: { type: 'system', id: null }, channel: 'cli' });
      if (report.rows !== measurementRows) throw new Error(`imported ${report.rows} rows, expected ${measurementRows}`);
    });
    csv = '';
    // The live heap, sampled after a forced collection, in an import of its own: collections that
    // often would slow the timed import above.
    const heapRows = Math.min(measurementRows, 100_000);
    const heapCsv = measurementCsv(heapRows, now);
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      collectGarbage();
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 250);
    try {
      await service.importMeasurements({ text: heapCsv, format: 'csv', operatorId: null, actor: { type: 'system', id: null }, channel: 'cli' });
    } finally {
      clearInterval(sampler);
    }
    rows.push({
      label: `${engine}: live heap added at the peak of a measurement import of ${heapRows.toLocaleString('en')} rows (${formatBytes(heapCsv.length)} of CSV), sampled after a forced collection every 250 ms`,
      value: formatBytes(heapPeak - heapBefore),
    });
    context.note(`${engine}: the live heap grew by ${formatBytes(heapPeak - heapBefore)} during an import of ${heapRows.toLocaleString('en')} rows`);
    const kpis = createKpiServiceFor(platform);
    const file = kpiCsv(
      platform,
      kpiRows,
      (await kpis.listRegions()).map((r) => r.id),
    );
    context.note(`${engine}: generated ${file.rows.toLocaleString('en')} KPI rows (${formatBytes(Buffer.byteLength(file.text))} of CSV)`);
    rows.push(
      ...(await measureImport(context, platform, engine, `KPI import, ${file.rows.toLocaleString('en')} rows`, async () => {
        const report = await kpis.importKpis({
          text: file.text,
          format: 'csv',
          operatorId: 'OP-BENCH-1',
          isSentByOperator: false,
          actor: { type: 'system', id: null },
          channel: 'cli',
        });
        if (report.rows !== file.rows) throw new Error(`imported ${report.rows} KPI rows, expected ${file.rows}`);
      })),
    );
    return rows;
  } finally {
    await closePlatform(platform);
  }
}

/** A large measurement import and a large KPI import: duration, CPU, peak memory and the wait of another read. */
export const bench: Bench = {
  name: 'quality-import',
  description: `A measurement file of KINGA_BENCH_QUALITY_IMPORT_ROWS rows (default 500,000) and a KPI file of KINGA_BENCH_QUALITY_KPI_ROWS rows (default 100,000) imported through the services of \`kinga quality import\` and \`import-kpis\`: duration, CPU time, peak resident memory, the live heap an import adds, and the slowest wait of a database read asked every 100 ms against the import's whole time, on SQLite${PG_URL ? ' and PostgreSQL' : ''}.`,
  async run(context) {
    const rows = await measure(context, 'SQLite', {});
    if (PG_URL) {
      await emptyPostgres(PG_URL);
      rows.push(...(await measure(context, 'PostgreSQL', { DATABASE_URL: PG_URL })));
    }
    return rows;
  },
};
