// Imports a generated operator dump and shows that memory stays flat however large the file.
//   npm run bench -- devices-dump                      (1,000,000 rows, the default)
//   KINGA_BENCH_DUMP_ROWS=10000000 npm run bench -- devices-dump   (a national month; about 600 MB)
// Never run by the tests or CI. One million rows import at about 20,000 rows per CPU-second; ten
// million at about 13,000 (13 minutes of CPU, 19 minutes on a shared two-core machine, as the
// indexes outgrow SQLite's page cache), so the default stays one million; memory is measured at
// 1/10 and at the end.
import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createAuditLog } from '../src/platform/audit/index.ts';
import { createKeyring, generateKeyMaterial } from '../src/platform/crypto/index.ts';
import { allMigrations } from '../src/platform/create.ts';
import { migrateToLatest, openDatabase } from '../src/platform/db/index.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import { modules } from '../src/modules/index.ts';
import { importDump } from '../src/modules/devices/dump-import.service.ts';
import { createOperatorDataRepository } from '../src/modules/devices/operator-data.repository.ts';
import { DEFAULT_DUMP_SETTINGS } from '../src/modules/devices/operator-data.settings.ts';
import { formatBytes, type Bench, type BenchContext, type BenchRow } from './harness.ts';

const OPERATOR = 'OP-BENCH-1';
const FILE_NAME = `${OPERATOR}_20251101_20251130.csv`;
// Each distinct (IMEI, IMSI, MSISDN) comes back on about three days, as in a month's dump.
const REPEATS = 3;

/** The number of rows to generate: KINGA_BENCH_DUMP_ROWS, default one million. */
export function dumpRows(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env['KINGA_BENCH_DUMP_ROWS']);
  return Number.isInteger(value) && value > 0 ? value : 1_000_000;
}

/** Streams a dump of `rows` rows to `path`, with Kenyan IMSIs and MSISDNs and one IMEI per triplet. */
export async function writeDumpFile(path: string, rows: number): Promise<void> {
  const distinct = Math.max(1, Math.ceil(rows / REPEATS));
  const out = createWriteStream(path);
  out.write('date,imei,imsi,msisdn,rat\n');
  let chunk: string[] = [];
  for (let i = 0; i < rows; i += 1) {
    const t = i % distinct;
    const day = String((Math.floor(i / distinct) * 7 + (t % 7)) % 30 + 1).padStart(2, '0');
    const tac = ['35209900', '86123456', '35467811', '01234500'][t % 4] ?? '35209900';
    const serial = String(t % 1_000_000).padStart(6, '0');
    chunk.push(`202511${day},${tac}${serial},63902${String(t).padStart(10, '0')},2547${String(t % 100_000_000).padStart(8, '0')},${t % 3 === 0 ? '3G' : '4G'}`);
    if (chunk.length === 2000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length > 0) out.write(`${chunk.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
}

async function importOnce(context: BenchContext): Promise<BenchRow[]> {
  const rows = dumpRows();
  const dir = context.tempDir('dump');
  const file = join(dir, FILE_NAME);
  const generated = performance.now();
  await writeDumpFile(file, rows);
  context.note(`generated ${rows.toLocaleString('en')} rows (${formatBytes(statSync(file).size)}) in ${((performance.now() - generated) / 1000).toFixed(1)} s`);

  const db = await openDatabase({ dialect: 'sqlite', file: join(dir, 'kinga.db') });
  try {
    await migrateToLatest(db, allMigrations(modules));
    const ids = () => uuidv7();
    const clock = { now: () => new Date() };
    const repository = createOperatorDataRepository(db.kysely);
    const deps = {
      repository,
      keyring: createKeyring(generateKeyMaterial()),
      audit: createAuditLog({ clock, ids }),
      clock,
      ids,
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
      sample();
      const rssAtEnd = process.memoryUsage().rss;
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      // On a shared machine the wall clock measures the neighbours too; CPU time measures the import.
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      if (outcome.status !== 'imported') throw new Error('the generated dump was already imported');
      const observations = await repository.countObservations();
      return [
        { label: `Operator dump import, ${rows.toLocaleString('en')} rows (${observations.toLocaleString('en')} observations) into SQLite, one transaction`, value: `${Math.round(rows / seconds).toLocaleString('en')} rows/s (${seconds.toFixed(1)} s)` },
        { label: 'Operator dump import, per second of CPU time (this process)', value: `${Math.round(rows / cpuSeconds).toLocaleString('en')} rows/s (${cpuSeconds.toFixed(1)} s of CPU)` },
        { label: 'Resident memory before the import', value: formatBytes(rssBefore) },
        { label: 'Resident memory at the peak (sampled every 100 ms)', value: formatBytes(peakRss) },
        { label: 'Resident memory at 1/10 of the file', value: formatBytes(rssAtTenth ?? rssAtEnd) },
        { label: 'Resident memory at the end of the file', value: formatBytes(rssAtEnd) },
      ];
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await db.destroy();
  }
}

/** Rows per second of an operator dump import, and resident memory at a tenth and at the end of the file. */
export const bench: Bench = {
  name: 'devices-dump',
  description: 'Operator dump import rows/s into SQLite and resident memory (peak, at 1/10 and at the end of the file) for a generated dump of KINGA_BENCH_DUMP_ROWS rows (default 1,000,000).',
  async run(context) {
    return importOnce(context);
  },
};
