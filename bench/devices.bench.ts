import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import Fastify from 'fastify';
import { loadConfig } from '../src/config.ts';
import { openDatabase, migrateToLatest } from '../src/platform/db/index.ts';
import { createAuditLog } from '../src/platform/audit/index.ts';
import { createKeyring, generateKeyMaterial } from '../src/platform/crypto/index.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import { allMigrations } from '../src/platform/create.ts';
import { modules } from '../src/modules/index.ts';
import { importTacFile, TAC_STAGE_ROWS } from '../src/modules/devices/tac-database/tac-import.service.ts';
import { createTacRepository } from '../src/modules/devices/tac-database/tac.repository.ts';
import {
  alternateRounds,
  capture,
  formatBytes,
  formatRps,
  listenOnLoopback,
  median,
  REPO_ROOT,
  type Bench,
  type BenchContext,
  type BenchRow,
  type Captured,
} from './harness.ts';
import { startDemoKinga } from './demo-kinga.ts';
import { startReadProbe } from './import-watch.ts';
import { startLoadGenerator } from './load.ts';
import { tacLine, writeTacFile } from './generate-tac-file.ts';
import { DEMO_TAC_FILE } from '../src/modules/devices/demo/devices.demo.ts';
import { luhnCheckDigit } from '../src/modules/devices/imei-check/imei.ts';
import { seededRandom } from '../src/platform/seeded-random.ts';

// A demo TAC (Samsung Galaxy A15) with a valid check digit: the common case of a consumer check.
const CHECK_PATH = '/api/v1/devices/imei/352099001761481';
const AIM = 0.7;

/** A route of Kinga's own that only sends the check's bytes: every platform hook and the same limiter, none of the check's work. */
const BARE_IN_KINGA_PATH = '/api/v1/bench/bare-check';

/** Generated TAC rows added to the demo's for the check of many IMEIs (BENCH_CHECK_TACS), as in a national TAC database. */
function checkTacRows(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env['BENCH_CHECK_TACS']);
  // The generator's TACs stay clear of the demo's below 100,000 rows (see `tacLine`).
  return Number.isInteger(value) && value > 0 ? Math.min(value, 100_000) : 100_000;
}

/** Distinct IMEIs asked in turn by the check of many IMEIs: far more than a page cache keeps hot per TAC. */
const SPREAD_IMEIS = 20_000;

/**
 * Check paths of `count` distinct IMEIs with valid check digits, over the generated TACs and a
 * few of the demo's (on the block list, reported stolen, under duplicate watch), from a fixed seed.
 */
function spreadCheckPaths(tacRows: number, count: number): string[] {
  const random = seededRandom(20261129);
  const demo = ['353312074829138', '867345032188162', '359999010000172', '352099001761481'];
  const paths: string[] = [];
  for (let i = 0; i < count; i += 1) {
    if (i % 100 === 0) {
      paths.push(`/api/v1/devices/imei/${demo[(i / 100) % demo.length]}`);
      continue;
    }
    const tac = tacLine(Math.floor(random() * tacRows)).slice(0, 8);
    const key = `${tac}${String(Math.floor(random() * 1_000_000)).padStart(6, '0')}`;
    paths.push(`/api/v1/devices/imei/${key}${luhnCheckDigit(key)}`);
  }
  return paths;
}

/**
 * Kinga as `npm start` runs it, except that the per-address check limit is raised in a copy of
 * the demo profile: the load comes from one address, and the limiter still runs on every request.
 * It also answers {@link BARE_IN_KINGA_PATH} with `bare`'s bytes.
 */
async function startKinga(context: BenchContext, bare: { captured?: Captured }) {
  const dir = context.tempDir('devices');
  const profile = JSON.parse(readFileSync(join(REPO_ROOT, 'jurisdictions/demo.json'), 'utf8')) as { modules: Record<string, Record<string, unknown>> };
  const checkRateLimitPerMinute = 1_000_000;
  profile.modules['devices'] = { ...profile.modules['devices'], checkRateLimitPerMinute };
  const profileFile = join(dir, 'profile.json');
  writeFileSync(profileFile, JSON.stringify(profile));
  const config = loadConfig({ KINGA_DATA_DIR: dir, LOG_LEVEL: 'info', COOKIE_SECURE: 'false', KINGA_JURISDICTION: profileFile }, REPO_ROOT);
  const tacRows = checkTacRows();
  let tacCount = 0;
  const kinga = await startDemoKinga(config, {
    // The demo's TAC database with generated rows after it, so that a check looks its TAC up among
    // as many rows as a national database holds.
    beforeApp: async (platform) => {
      const generated = join(dir, 'generated-tacs.txt');
      await writeTacFile(generated, tacRows);
      const lines = readFileSync(generated, 'utf8').split('\n').slice(1).join('\n');
      const tacs = { repository: createTacRepository(platform.db.kysely), audit: platform.audit, clock: platform.clock, ids: platform.ids };
      const imported = await importTacFile(tacs, {
        stream: Readable.from([Buffer.from(`${DEMO_TAC_FILE.trimEnd()}\n${lines}`)]),
        fileName: 'bench-tac-database.txt',
        actor: { type: 'system', id: null },
      });
      tacCount = imported.rows;
      context.note(`TAC database: ${imported.rows.toLocaleString('en')} rows, the demo's and ${tacRows.toLocaleString('en')} generated ones`);
    },
    onApp: (app) => {
      app.get(BARE_IN_KINGA_PATH, { config: { rateLimit: { max: checkRateLimitPerMinute, timeWindow: 60_000 } } }, (_request, reply) =>
        reply.header('content-type', bare.captured?.contentType ?? 'text/plain').send(bare.captured?.body ?? ''),
      );
    },
  });
  return { ...kinga, tacRows, tacCount };
}

/**
 * The check against two bare routes sending the same bytes: a bare Fastify server (the aim), and
 * a route of Kinga's own behind every platform hook and the same limiter, which isolates what the
 * check itself costs from what the platform costs every request.
 */
async function checkRatios(context: BenchContext): Promise<BenchRow[]> {
  const bare: { captured?: Captured } = {};
  const kinga = await startKinga(context, bare);
  const load = startLoadGenerator();
  const reference = Fastify({ logger: false });
  try {
    const captured = await capture(kinga.url + CHECK_PATH);
    bare.captured = captured;
    reference.get(CHECK_PATH, (_request, reply) => reply.header('content-type', captured.contentType).send(captured.body));
    const referenceUrl = await listenOnLoopback(reference);
    const { concurrency, requests, seconds } = context.settings;
    const bounds = { concurrency, maxRequests: requests, maxMs: seconds * 1000 };
    const warmUp = { concurrency, maxRequests: Math.min(500, requests), maxMs: 3000 };
    for (const url of [referenceUrl + CHECK_PATH, kinga.url + CHECK_PATH, kinga.url + BARE_IN_KINGA_PATH]) await load.measure(url, warmUp);
    const label = `GET /api/v1/devices/imei/{imei} (${formatBytes(captured.body.length)})`;
    const server = await alternateRounds(context, 'IMEI check', { reference: referenceUrl + CHECK_PATH, kinga: kinga.url + CHECK_PATH }, (url) =>
      load.measure(url, bounds),
    );
    const inKinga = await alternateRounds(
      context,
      'IMEI check against a bare route in Kinga',
      { reference: kinga.url + BARE_IN_KINGA_PATH, kinga: kinga.url + CHECK_PATH },
      (url) => load.measure(url, bounds),
    );
    const spreadUrls = spreadCheckPaths(kinga.tacRows, SPREAD_IMEIS).map((path) => kinga.url + path);
    await load.measure(spreadUrls, warmUp);
    const spread = await alternateRounds(
      context,
      `IMEI check of ${SPREAD_IMEIS.toLocaleString('en')} IMEIs against a bare route in Kinga`,
      { reference: [kinga.url + BARE_IN_KINGA_PATH], kinga: spreadUrls },
      (urls) => load.measure(urls, bounds),
    );
    return [
      {
        label: `${label} vs a bare Fastify server`,
        value: formatRps(server.subject),
        reference: formatRps(server.reference),
        ratio: server.subject / server.reference,
        aim: AIM,
      },
      {
        label: `${label} vs a bare route in Kinga (its hooks and limiter)`,
        value: formatRps(inKinga.subject),
        reference: formatRps(inKinga.reference),
        ratio: inKinga.subject / inKinga.reference,
      },
      {
        label: `GET /api/v1/devices/imei/{imei}, ${SPREAD_IMEIS.toLocaleString('en')} IMEIs in turn over ${kinga.tacCount.toLocaleString('en')} TACs, vs the bare route in Kinga`,
        value: formatRps(spread.subject),
        reference: formatRps(spread.reference),
        ratio: spread.subject / spread.reference,
      },
    ];
  } finally {
    await load.close();
    await reference.close();
    await kinga.close();
  }
}

/**
 * Rows per second of `import-tac` into a fresh SQLite file, the memory the import added, and how
 * long a read of the database asked every 100 ms waited meanwhile (from the moment it was due),
 * against the import's whole time: what a read would wait were the import one transaction.
 */
async function importRate(context: BenchContext): Promise<BenchRow[]> {
  const rows = Number(process.env['BENCH_TAC_ROWS'] ?? 300_000);
  const dir = context.tempDir('tac');
  const file = join(dir, 'gsma-tac.txt');
  await writeTacFile(file, rows);
  context.note(`generated ${rows.toLocaleString('en')} TAC lines (${formatBytes(statSync(file).size)})`);
  const db = await openDatabase({ dialect: 'sqlite', file: join(dir, 'kinga.db') });
  try {
    await migrateToLatest(db, allMigrations(modules));
    const ids = () => uuidv7();
    const clock = { now: () => new Date() };
    const deps = {
      repository: createTacRepository(db.kysely),
      audit: createAuditLog({ clock, ids, keyring: createKeyring(generateKeyMaterial()) }),
      clock,
      ids,
    };
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const probe = startReadProbe(db.kysely);
    const started = performance.now();
    let result: Awaited<ReturnType<typeof importTacFile>>;
    try {
      result = await importTacFile(deps, {
        stream: createReadStream(file),
        fileName: 'gsma-tac.txt',
        actor: { type: 'system', id: null },
        onProgress: () => {
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
        },
      });
    } finally {
      await probe.stop();
    }
    const ms = performance.now() - started;
    const { waits } = probe;
    const slowest = waits.length === 0 ? ms : Math.max(...waits);
    return [
      {
        label: `TAC import, ${result.rows.toLocaleString('en')} rows into SQLite (staged and replaced in transactions of ${TAC_STAGE_ROWS.toLocaleString('en')})`,
        value: `${Math.round(result.rows / (ms / 1000)).toLocaleString('en')} rows/s (${(ms / 1000).toFixed(1)} s)`,
      },
      {
        label: `TAC import: a database read asked every 100 ms (${waits.length} reads), slowest wait vs the whole import`,
        value: `slowest ${slowest.toFixed(0)} ms, median ${median(waits).toFixed(1)} ms`,
        reference: `${ms.toFixed(0)} ms`,
        ratio: ms / slowest,
        aim: 10,
      },
      { label: 'TAC import, resident memory added at the peak', value: formatBytes(Math.max(0, peakRss - rssBefore)) },
    ];
  } finally {
    await db.destroy();
  }
}

/** IMEI checks per second through the API against bare routes sending the same bytes, for one IMEI and for many; TAC import rows per second. */
export const bench: Bench = {
  name: 'devices',
  description:
    'IMEI checks/s through GET /api/v1/devices/imei/{imei} (demo data and BENCH_CHECK_TACS generated TACs, default 100,000; SQLite, rate limiter on) against a bare Fastify route sending the same bytes, against a bare route in Kinga (what the check itself costs), and for 20,000 distinct IMEIs in turn; TAC import rows/s and the slowest wait of a database read during it (BENCH_TAC_ROWS, default 300,000).',
  async run(context) {
    return [...(await checkRatios(context)), ...(await importRate(context))];
  },
};
