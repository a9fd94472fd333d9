// Imports a generated operator dump, then classifies what it imported, as issue 5 measures it:
// rows per second imported, observations per second classified (wall clock and CPU time), IMEIs
// flagged per condition, and resident memory during each, which must not grow with the file.
//   npm run bench -- devices-dump                      (1,000,000 rows, the default)
//   KINGA_BENCH_DUMP_ROWS=10000000 npm run bench -- devices-dump   (a national month, issue 5's size; about 600 MB)
// Never run by the tests or CI. One million rows import at about 20,000 rows per CPU-second; ten
// million at about 13,000 (13 minutes of CPU, 19 minutes on a shared two-core machine, as the
// indexes outgrow SQLite's page cache), so the default stays one million; import memory is
// measured at 1/10 and at the end. The import and the classification share one SQLite file, opened
// by `createPlatform` as `kinga` opens it; the classification is the service `kinga devices
// classify --date` runs, with the demo profile's conditions, for the last day of the dump.
// While the dump imports, a read of the database (what `/readyz` runs) is asked every 100 ms and
// its wait counted from the moment it was due: the ratio compares the import's whole time (what a
// request would wait were the import one transaction) with the slowest of those waits.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import pino from 'pino';
import { closePlatform, createPlatform } from '../src/platform/create.ts';
import { createKeyring, generateKeyMaterial } from '../src/platform/crypto/index.ts';
import type { Platform } from '../src/platform/platform.ts';
import { devicesModule } from '../src/modules/devices/index.ts';
import { createDevicesClassificationService } from '../src/modules/devices/devices.wiring.tsx';
import { DEMO_TAC_FILE } from '../src/modules/devices/demo/devices.demo.ts';
import { importDump, STAGE_TRANSACTION_ROWS } from '../src/modules/devices/operator-dumps/dump-import.service.ts';
import { createOperatorDataRepository } from '../src/modules/devices/operator-dumps/operator-dumps.repository.ts';
import { DEFAULT_DUMP_SETTINGS } from '../src/modules/devices/operator-dumps/operator-dumps.settings.ts';
import { importTacFile } from '../src/modules/devices/tac-database/tac-import.service.ts';
import { createTacRepository } from '../src/modules/devices/tac-database/tac.repository.ts';
import { benchConfig, formatBytes, median, type Bench, type BenchContext, type BenchRow } from './harness.ts';
import { startPeakSampler, timedRead } from './import-watch.ts';
import { writeLineFile } from './line-file.ts';

const OPERATOR = 'OP-BENCH-1';
const FILE_NAME = `${OPERATOR}_20251101_20251130.csv`;
// The last day of the dump: every row is in by then, as for the daily run the morning after.
const CLASSIFIED_DAY = '2025-11-30';
// Each distinct (IMEI, IMSI, MSISDN) comes back on about three days, as in a month's dump.
const REPEATS = 3;

/*
 * What the generated dump holds, for the demo profile's conditions (`jurisdictions/demo.json`,
 * `modules.devices.conditions`) over the demo TAC database. Every triplet has its own IMSI and
 * MSISDN, is seen on 3G or 4G, and is first seen in the first week of the month. In every 100
 * triplets, 6 share one IMEI: a cloned IMEI with more SIMs than the duplicate rule's 4 (duplicate,
 * about 1.05 % of the IMEIs). By IMEI index: 1 in 100 has a TAC the TAC database lacks
 * (gsma_not_found, as its first sighting is older than the 20 days of allocation lag of TACs
 * starting 35), 1 in 100 belongs to a GSM-only feature phone (inconsistent_rat), 1 in 1,000 has a
 * GSMA test TAC (test_tac); the rest spread over seven TACs of the demo database whose bands cover
 * 3G and 4G, and meet no condition. Each share stays under its condition's maxNewShare, so the
 * safety limit lets the run through. No list or report is loaded and no IMEI is one repeated
 * digit, so stolen, barred and malformed stay at 0. IMEIs stay distinct up to 7 million of them
 * (about 22 million rows).
 */
const CLONE_SIMS = 6;
const CLEAN_TACS = ['35209900', '86123402', '35467811', '01234504', '35331207', '86990104', '35890105'];
const UNKNOWN_TAC = '35999901';
const SINGLE_MODE_TAC = '86734503';
const TEST_TAC = '00440101';

/** The number of rows to generate: KINGA_BENCH_DUMP_ROWS, default one million. */
export function dumpRows(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env['KINGA_BENCH_DUMP_ROWS']);
  return Number.isInteger(value) && value > 0 ? value : 1_000_000;
}

/** The IMEI index of triplet `t`: the first {@link CLONE_SIMS} triplets of every hundred share one. */
function imeiIndexOf(t: number): number {
  const r = t % 100;
  return Math.floor(t / 100) * (100 - CLONE_SIMS + 1) + Math.max(0, r - CLONE_SIMS + 1);
}

/** The 14-digit IMEI (without check digit, as observations store it) of IMEI index `d`. */
function imeiOf(d: number): string {
  const serial = (n: number) => String(n % 1_000_000).padStart(6, '0');
  if (d % 1000 === 23) return `${TEST_TAC}${serial(Math.floor(d / 1000))}`;
  if (d % 100 === 7) return `${UNKNOWN_TAC}${serial(Math.floor(d / 100))}`;
  if (d % 100 === 11) return `${SINGLE_MODE_TAC}${serial(Math.floor(d / 100))}`;
  return `${CLEAN_TACS[d % CLEAN_TACS.length] ?? '35209900'}${serial(Math.floor(d / CLEAN_TACS.length))}`;
}

/** Streams a dump of `rows` rows to `path`, with Kenyan IMSIs and MSISDNs; what it holds is described above. */
export async function writeDumpFile(path: string, rows: number): Promise<void> {
  const distinct = Math.max(1, Math.ceil(rows / REPEATS));
  const lineOf = (i: number) => {
    const t = i % distinct;
    const day = String(((Math.floor(i / distinct) * 7 + (t % 7)) % 30) + 1).padStart(2, '0');
    return `202511${day},${imeiOf(imeiIndexOf(t))},63902${String(t).padStart(10, '0')},2547${String(t % 100_000_000).padStart(8, '0')},${t % 3 === 0 ? '3G' : '4G'}`;
  };
  await writeLineFile(path, 'date,imei,imsi,msisdn,rat', rows, lineOf, 2000);
}

async function importRows(context: BenchContext, platform: Platform, file: string, rows: number): Promise<{ rows: BenchRow[]; observations: number }> {
  const repository = createOperatorDataRepository(platform.db.kysely);
  const deps = {
    repository,
    keyring: platform.keyring,
    audit: platform.audit,
    clock: platform.clock,
    ids: platform.ids,
    settings: DEFAULT_DUMP_SETTINGS,
    isKnownOperator: async (id: string) => id === OPERATOR,
  };
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  let rssAtTenth: number | null = null;
  let lastNoted = 0;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const sampler = setInterval(sample, 100);
  const idleWaits: number[] = [];
  for (let i = 0; i < 20; i += 1) idleWaits.push(await timedRead(platform.db.kysely, performance.now()));
  const waits: number[] = [];
  let isImporting = true;
  const probe = (async () => {
    while (isImporting) {
      const due = performance.now() + 100;
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Counted even when answered after the import ended: a read its last transaction held is answered only then.
      if (isImporting) waits.push(await timedRead(platform.db.kysely, due));
    }
  })();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  try {
    const outcome = await importDump(deps, {
      path: file,
      fileName: FILE_NAME,
      operatorId: OPERATOR,
      actor: { type: 'system', id: null },
      onProgress: (read) => {
        sample();
        if (rssAtTenth === null && read >= rows / 10) rssAtTenth = process.memoryUsage().rss;
        if (read % 1_000_000 === 0 && read !== lastNoted) context.note(`${read.toLocaleString('en')} rows, RSS ${formatBytes(process.memoryUsage().rss)}`);
        lastNoted = read;
      },
    });
    isImporting = false;
    await probe;
    sample();
    const rssAtEnd = process.memoryUsage().rss;
    const seconds = (performance.now() - started) / 1000;
    const slowest = Math.max(...waits);
    const cpu = process.cpuUsage(cpuBefore);
    // On a shared machine the wall clock measures the neighbours too; CPU time measures the import.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    if (outcome.status !== 'imported') throw new Error('the generated dump was already imported');
    const observations = await repository.countObservations();
    return {
      observations,
      rows: [
        {
          label: `Operator dump import, ${rows.toLocaleString('en')} rows (${observations.toLocaleString('en')} observations) into SQLite, staged and published in transactions of ${STAGE_TRANSACTION_ROWS.toLocaleString('en')} rows`,
          value: `${Math.round(rows / seconds).toLocaleString('en')} rows/s (${seconds.toFixed(1)} s)`,
        },
        {
          label: `A database read during the import, asked every 100 ms (${waits.length} reads): slowest wait vs the whole import`,
          value: `slowest ${slowest.toFixed(0)} ms, median ${median(waits).toFixed(1)} ms (idle: median ${median(idleWaits).toFixed(1)} ms)`,
          reference: `${(seconds * 1000).toFixed(0)} ms`,
          ratio: (seconds * 1000) / slowest,
          aim: 10,
        },
        {
          label: 'Operator dump import, per second of CPU time (this process)',
          value: `${Math.round(rows / cpuSeconds).toLocaleString('en')} rows/s (${cpuSeconds.toFixed(1)} s of CPU)`,
        },
        { label: 'Resident memory before the import', value: formatBytes(rssBefore) },
        { label: 'Resident memory at the peak (sampled every 100 ms)', value: formatBytes(peakRss) },
        { label: 'Resident memory at 1/10 of the file', value: formatBytes(rssAtTenth ?? rssAtEnd) },
        { label: 'Resident memory at the end of the file', value: formatBytes(rssAtEnd) },
      ],
    };
  } finally {
    isImporting = false;
    clearInterval(sampler);
  }
}

async function classifyImported(context: BenchContext, platform: Platform, observations: number): Promise<BenchRow[]> {
  const classification = createDevicesClassificationService(platform);
  const sampler = await startPeakSampler(100);
  try {
    const rssBefore = process.memoryUsage().rss;
    sampler.reset();
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const summary = await classification.classify({ date: CLASSIFIED_DAY });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const peakRss = sampler.peak();
    const flagged = Object.entries(summary.conditions)
      .map(([name, c]) => `${name} ${c.matched.toLocaleString('en')}`)
      .join(', ');
    context.note(`classified ${CLASSIFIED_DAY}: ${summary.imeisSeen.toLocaleString('en')} IMEIs seen; flagged: ${flagged}`);
    return [
      {
        label: `Classification of ${CLASSIFIED_DAY} over the imported ${observations.toLocaleString('en')} observations (${summary.imeisSeen.toLocaleString('en')} IMEIs)`,
        value: `${Math.round(observations / seconds).toLocaleString('en')} observations/s (${seconds.toFixed(1)} s)`,
      },
      {
        label: 'Classification, per second of CPU time (this process)',
        value: `${Math.round(observations / cpuSeconds).toLocaleString('en')} observations/s (${cpuSeconds.toFixed(1)} s of CPU)`,
      },
      { label: 'Resident memory before the classification', value: formatBytes(rssBefore) },
      { label: 'Resident memory at the peak of the classification (sampled every 100 ms)', value: formatBytes(peakRss) },
    ];
  } finally {
    await sampler.stop();
  }
}

async function importAndClassify(context: BenchContext): Promise<BenchRow[]> {
  const rows = dumpRows();
  const dir = context.tempDir('dump');
  const file = join(dir, FILE_NAME);
  const generated = performance.now();
  await writeDumpFile(file, rows);
  context.note(`generated ${rows.toLocaleString('en')} rows (${formatBytes(statSync(file).size)}) in ${((performance.now() - generated) / 1000).toFixed(1)} s`);

  // The morning after the dump's month: its rows are not in the future, and the daily run would classify the last day.
  const config = benchConfig(dir, { KINGA_CLOCK: '2025-12-01T03:00:00Z' });
  const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: true }));
  const platform = await createPlatform(config, [devicesModule], { logger, keyring: createKeyring(generateKeyMaterial()) });
  try {
    await importTacFile(
      { repository: createTacRepository(platform.db.kysely), audit: platform.audit, clock: platform.clock, ids: platform.ids },
      { stream: Readable.from([Buffer.from(DEMO_TAC_FILE)]), fileName: 'demo-tac-database.txt', actor: { type: 'system', id: null } },
    );
    const imported = await importRows(context, platform, file, rows);
    return [...imported.rows, ...(await classifyImported(context, platform, imported.observations))];
  } finally {
    await closePlatform(platform);
  }
}

/** Rows per second of an operator dump import and observations per second of its classification, with resident memory during each. */
export const bench: Bench = {
  name: 'devices-dump',
  description:
    "Operator dump import rows/s into SQLite and resident memory (peak, at 1/10 and at the end of the file), then the classification of the imported observations with the demo profile's conditions: observations/s (wall and CPU), IMEIs flagged per condition and peak resident memory; a generated dump of KINGA_BENCH_DUMP_ROWS rows (default 1,000,000).",
  async run(context) {
    return importAndClassify(context);
  },
};
