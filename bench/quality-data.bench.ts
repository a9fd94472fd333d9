// Measurement imports per second, and the time and memory to aggregate a million measurements.
//   npm run bench -- quality-data
//   KINGA_BENCH_QUALITY_ROWS=200000 npm run bench -- quality-data      (fewer rows to aggregate)
//   KINGA_BENCH_QUALITY_IMPORT_ROWS=20000 npm run bench -- quality-data (a smaller import file)
// Never run by the tests or CI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { closePlatform, createPlatform } from '../src/platform/create.ts';
import { migrateToLatest, openDatabase } from '../src/platform/db/index.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import { seededRandom } from '../src/platform/seeded-random.ts';
import { createOfferServiceFor, offersModule } from '../src/modules/offers/index.ts';
import { createMeasurementServiceFor, createQualityStatisticsServiceFor, qualityModule } from '../src/modules/quality/index.ts';
import { placeOfPosition } from '../src/modules/quality/measurements/measurement-place.ts';
import { allMigrations } from '../src/platform/create.ts';
import { benchConfig, formatBytes, REPO_ROOT, type Bench, type BenchRow } from './harness.ts';

const OPERATORS = ['OP-BENCH-1', 'OP-BENCH-2', 'OP-BENCH-3', 'OP-BENCH-4', 'OP-BENCH-5'];
const TECHNOLOGIES = ['4G', '4G', '4G', '3G', '5G', 'fixed', '2G'];
const TOWNS: readonly [number, number][] = [
  [-1.29, 36.82],
  [-4.04, 39.67],
  [-0.09, 34.77],
  [-0.3, 36.08],
  [0.51, 35.27],
  [-1.03, 37.07],
  [-0.42, 36.95],
  [-1.52, 37.26],
  [0.05, 37.65],
  [0.28, 34.75],
  [-0.68, 34.77],
  [-0.45, 39.65],
  [-3.22, 40.11],
  [1.02, 35.0],
  [-0.72, 36.43],
  [0.56, 34.56],
  [-0.53, 37.45],
  [-0.37, 35.28],
  [3.12, 35.6],
  [1.75, 40.06],
];
const AIM = 0.05;
const DAY_MS = 86_400_000;
/** The demo profile's cells: stored at resolution 8, published at 6 and 8. */
const PLACES = { stored: 8, published: [6, 8] } as const;

const positive = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

/** One synthetic measurement: a year of tests around twenty towns, about 40 a device. */
function generator(now: number) {
  const random = seededRandom(42);
  return (i: number) => {
    const [lat0, lon0] = TOWNS[Math.floor(random() ** 2 * TOWNS.length)] ?? [0, 0];
    // Six decimals, as a phone gives a position.
    const lat = Math.round((lat0 + (random() - 0.5) * 0.2) * 1e6) / 1e6;
    const lon = Math.round((lon0 + (random() - 0.5) * 0.2) * 1e6) / 1e6;
    const technology = TECHNOLOGIES[Math.floor(random() * TECHNOLOGIES.length)] ?? '4G';
    const speed = technology === '2G' ? 150 : technology === '3G' ? 4_000 : technology === '5G' ? 60_000 : 15_000;
    return {
      time: new Date(now - Math.floor(random() * 365 * DAY_MS)).toISOString(),
      operator: OPERATORS[i % OPERATORS.length] ?? 'OP-BENCH-1',
      technology,
      download: Math.round(speed * Math.exp(0.5 * (random() - 0.5) * 2)),
      upload: Math.round((speed / 3) * Math.exp(0.5 * (random() - 0.5) * 2)),
      latency: Math.round(20 + random() * 80),
      lat,
      lon,
      device: random() < 0.15 ? null : `device-${Math.floor(random() * (1 + i / 40))}`,
    };
  };
}

/** The bare INSERT of one measurement, placed as the import places it, for the reference loop and the filling of the database. */
const BARE_INSERT =
  "insert into quality_measurements (id, measured_at, operator_id, technology, download_kbps, upload_kbps, latency_ms, lat, lon, accuracy_m, h3_cell, h3_cells, place_source, device_hash, source, is_valid, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'position', ?, ?, 1, ?)";

/** The values of {@link BARE_INSERT} for one generated measurement, with the device hash given. */
function bareValues(r: ReturnType<ReturnType<typeof generator>>, deviceHash: string | null): unknown[] {
  const place = placeOfPosition(r.lat, r.lon, PLACES);
  return [
    uuidv7(),
    r.time,
    r.operator,
    r.technology,
    r.download,
    r.upload,
    r.latency,
    place.lat,
    place.lon,
    50,
    place.h3Cell,
    place.h3Cells,
    deviceHash,
    'import',
    r.time,
  ];
}

export const bench: Bench = {
  name: 'quality-data',
  description:
    'Measurements imported per second through the import service against a bare INSERT loop of the same rows; time and peak memory to aggregate a million measurements into cells, regions and national figures (SQLite).',
  async run(context) {
    const importRows = positive('KINGA_BENCH_QUALITY_IMPORT_ROWS', 50_000);
    const aggregateRows = positive('KINGA_BENCH_QUALITY_ROWS', 1_000_000);
    const dir = context.tempDir('quality-data');
    const file = join(dir, 'kinga.db');
    const config = benchConfig(dir);
    const logger = pino({ level: 'silent' });
    const modules = [offersModule, qualityModule];
    const platform = await createPlatform(config, modules, { logger });
    const rows: BenchRow[] = [];
    try {
      const offers = createOfferServiceFor(platform);
      for (const [n, id] of OPERATORS.entries()) await offers.addOperator({ type: 'system', id: null }, id, `Bench Operator ${n + 1}`);
      const now = Date.now();

      // Imports: one CSV through the service (parse, validate row by row, hash, one transaction)...
      const next = generator(now);
      const lines = ['time,operator,technology,download_kbps,upload_kbps,latency_ms,latitude,longitude,accuracy_m,device_id'];
      const records = Array.from({ length: importRows }, (_, i) => next(i));
      for (const r of records)
        lines.push(`${r.time},${r.operator},${r.technology},${r.download},${r.upload},${r.latency},${r.lat},${r.lon},50,${r.device ?? ''}`);
      const csv = `${lines.join('\n')}\n`;
      context.note(`generated ${importRows.toLocaleString('en')} measurements (${formatBytes(Buffer.byteLength(csv))} of CSV)`);
      const importStarted = performance.now();
      const report = await createMeasurementServiceFor(platform).importMeasurements({
        text: csv,
        format: 'csv',
        operatorId: null,
        actor: { type: 'system', id: null },
        channel: 'cli',
      });
      const importSeconds = (performance.now() - importStarted) / 1000;
      if (report.rows !== importRows) throw new Error(`imported ${report.rows} rows, expected ${importRows}`);

      // ...against the same rows inserted by a bare prepared-statement loop in one transaction.
      const bareFile = join(dir, 'bare.db');
      const bareDb = await openDatabase({ dialect: 'sqlite', file: bareFile });
      await migrateToLatest(bareDb, allMigrations(modules));
      await bareDb.destroy();
      const bare = new Database(bareFile);
      bare.pragma('journal_mode = WAL');
      const insert = bare.prepare(BARE_INSERT);
      const bareStarted = performance.now();
      bare.transaction(() => {
        for (const r of records) {
          insert.run(bareValues(r, r.device));
        }
      })();
      const bareSeconds = (performance.now() - bareStarted) / 1000;
      bare.close();
      const kingaRate = importRows / importSeconds;
      const bareRate = importRows / bareSeconds;
      rows.push({
        label: `import ${importRows.toLocaleString('en')} measurements from CSV (kinga quality import's service)`,
        value: `${Math.round(kingaRate).toLocaleString('en')} rows/s (${importSeconds.toFixed(2)} s)`,
        reference: `${Math.round(bareRate).toLocaleString('en')} rows/s (bare INSERT loop)`,
        ratio: kingaRate / bareRate,
        aim: AIM,
      });

      // Aggregation: fill the platform's database up to the row count with a bare loop (setup, not measured).
      const extra = Math.max(0, aggregateRows - importRows);
      const filling = performance.now();
      const fill = new Database(file);
      const fillInsert = fill.prepare(BARE_INSERT);
      for (let start = 0; start < extra; start += 50_000) {
        fill.transaction(() => {
          for (let i = start; i < Math.min(extra, start + 50_000); i += 1) {
            const r = next(importRows + i);
            fillInsert.run(bareValues(r, r.device === null ? null : `${r.device}-${r.time.slice(0, 7)}`));
          }
        })();
      }
      fill.close();
      context.note(`stored ${aggregateRows.toLocaleString('en')} measurements in ${((performance.now() - filling) / 1000).toFixed(1)} s; aggregating`);

      const statistics = createQualityStatisticsServiceFor(platform);
      await statistics.importRegions({
        text: readFileSync(join(REPO_ROOT, 'src/modules/quality/demo/regions.geojson'), 'utf8'),
        source: 'bench',
        actor: { type: 'system', id: null },
      });
      const rssBefore = process.memoryUsage().rss;
      const aggregateStarted = performance.now();
      const result = await statistics.aggregate();
      const aggregateSeconds = (performance.now() - aggregateStarted) / 1000;
      // The process's peak since it started: the aggregation's own peak, or the generation's if higher.
      const peakRss = process.resourceUsage().maxRSS * 1024;
      rows.push(
        {
          label: `aggregate ${result.measurements.toLocaleString('en')} valid measurements (resolutions ${statistics.settings.resolutions.join(', ')}, regions, national; periods ${statistics.settings.periodsDays.join(', ')} days)`,
          value: `${aggregateSeconds.toFixed(1)} s (${Math.round(result.measurements / aggregateSeconds).toLocaleString('en')} measurements/s)`,
        },
        {
          label: 'groups computed, and published (meeting the minimum tests and devices)',
          value: `${result.groups.toLocaleString('en')}, ${result.published.toLocaleString('en')}`,
        },
        { label: 'resident memory before the aggregation, and the peak of the process', value: `${formatBytes(rssBefore)}, ${formatBytes(peakRss)}` },
      );
      return rows;
    } finally {
      await closePlatform(platform);
    }
  },
};
