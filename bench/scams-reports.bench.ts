import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadConfig } from '../src/config.ts';
import { hashOneTimeCode } from '../src/platform/one-time-codes.ts';
import type { Platform } from '../src/platform/platform.ts';
import { formatRps, REPO_ROOT, type Bench, type BenchContext, type BenchRow } from './harness.ts';
import { startDemoKinga } from './demo-kinga.ts';
import { SEALED } from '../src/modules/scams/shared/sealed-contexts.ts';

const REPORTS = 10_000;
const NUMBERS = 5_000;
const AT_ONCE = 20;
const CODE = '246810';
const REPORTS_PATH = '/api/v1/scams/reports';
const BARE_PATH = '/api/v1/bench/bare-scam-report';
// A report writes its identifiers, campaign, report, targets and audit entry in one transaction and
// reads the threshold's window: a write of the size of a complaint's filing, whose bench has the
// same aim (complaints.bench.ts: 0.05 of a bare route).
const AIM = 0.05;

/** One measured run. */
interface Run {
  rps: number;
  requests: number;
  errors: number;
  firstError: string | null;
}

/** Posts one report per check id, `AT_ONCE` at a time, on its own thread so it never competes with the server's event loop. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, checkIds, atOnce, code } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: atOnce });
let next = 0, errors = 0, firstError = null;
const started = performance.now();
const post = (i) => new Promise((resolve) => {
  const body = JSON.stringify({ checkId: checkIds[i], code, sender: '+2547990' + String(i % 50).padStart(5, '0'), occurredAt: new Date(Date.now() - 3600000).toISOString(),
    medium: 'sms', category: 'delivery', text: 'Your parcel is held at the depot. Pay KES ' + (100 + (i % 900)) + ' at https://parcel-depot.top/pay/' + i + ' to release it', contactKind: 'sms' });
  const request = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
    const chunks = [];
    response.on('data', (c) => chunks.push(c));
    response.on('end', () => {
      if (response.statusCode !== 201) { errors += 1; firstError ??= response.statusCode + ' ' + Buffer.concat(chunks).toString().slice(0, 160); }
      resolve();
    });
  });
  request.on('error', (e) => { errors += 1; firstError ??= e.message; resolve(); });
  request.end(body);
});
async function sender() { while (next < checkIds.length) await post(next++); }
Promise.all(Array.from({ length: atOnce }, sender)).then(() => {
  const ms = performance.now() - started;
  agent.destroy();
  parentPort.postMessage({ rps: checkIds.length / (ms / 1000), requests: checkIds.length, errors, firstError });
});
`;

function measure(url: string, checkIds: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { url, checkIds, atOnce: AT_ONCE, code: CODE } });
    worker.once('message', (run: Run) => {
      resolve(run);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/**
 * The wave's numbers verified beforehand: each of the 5,000 numbers proved two days ago (so it
 * counts towards thresholds) and holding two verified checks, one per report it files.
 */
async function verifyNumbers(platform: Platform): Promise<string[]> {
  const now = platform.clock.now();
  const verifiedAt = new Date(now.getTime() - 2 * 86_400_000).toISOString();
  const ids: string[] = [];
  const checks = [];
  const reporters = [];
  for (let n = 0; n < NUMBERS; n += 1) {
    const e164 = `+2547${String(20_000_000 + n).padStart(8, '0')}`;
    const numberHash = platform.keyring.hash(e164, 'scam_reports.reporter');
    reporters.push({ reporter_hash: numberHash, first_verified_at: verifiedAt });
    for (let k = 0; k < REPORTS / NUMBERS; k += 1) {
      const id = `bench-check-${n}-${k}`;
      ids.push(id);
      checks.push({
        id,
        token_hash: platform.keyring.hash(id, 'scam_number_checks.token'),
        purpose: 'reporter',
        number_hash: numberHash,
        number_enc: platform.keyring.encrypt(e164, SEALED.checkedNumber),
        code_hash: hashOneTimeCode(platform.keyring, 'scams.reporter', id, CODE),
        attempts: 0,
        sent_at: verifiedAt,
        expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
        verified_at: verifiedAt,
      });
    }
  }
  for (let i = 0; i < checks.length; i += 200)
    await platform.db.kysely
      .insertInto('scam_number_checks')
      .values(checks.slice(i, i + 200))
      .execute();
  for (let i = 0; i < reporters.length; i += 200)
    await platform.db.kysely
      .insertInto('scam_reporters')
      .values(reporters.slice(i, i + 200))
      .execute();
  // Interleaved, so the wave's reporters come one after the other as in a forwarded text's spread.
  return ids.sort((a, b) => Number(a.split('-')[3]) - Number(b.split('-')[3]) || a.localeCompare(b));
}

async function run(context: BenchContext): Promise<BenchRow[]> {
  const dir = context.tempDir('scams');
  const profile = JSON.parse(readFileSync(join(REPO_ROOT, 'jurisdictions/demo.json'), 'utf8')) as { modules: Record<string, Record<string, unknown>> };
  const scams = profile.modules['scams'] ?? {};
  profile.modules['scams'] = { ...scams, reporting: { rateLimitPerMinute: 100_000 } };
  const profileFile = join(dir, 'profile.json');
  writeFileSync(profileFile, JSON.stringify(profile));
  const config = loadConfig(
    { KINGA_DATA_DIR: dir, LOG_LEVEL: 'info', COOKIE_SECURE: 'false', KINGA_JURISDICTION: profileFile, KINGA_WORKER: 'false' },
    REPO_ROOT,
  );
  let checkIds: string[] = [];
  const kinga = await startDemoKinga(config, {
    beforeApp: async (platform) => {
      checkIds = await verifyNumbers(platform);
    },
    onApp: (app) => {
      app.post(BARE_PATH, { config: { rateLimit: false } }, (_request, reply) => reply.code(201).send({ reference: 'SC-0000-0000-0000', isLate: false }));
    },
  });
  try {
    context.note(`scams wave: ${checkIds.length} reports from ${NUMBERS} numbers`);
    const bare = await measure(kinga.url + BARE_PATH, checkIds);
    const wave = await measure(kinga.url + REPORTS_PATH, checkIds);
    for (const [what, result] of [
      ['bare route', bare],
      ['reports', wave],
    ] as const)
      if (result.errors > 0) throw new Error(`scams wave, ${what}: ${result.errors} of ${result.requests} requests failed (${result.firstError ?? '?'}).`);
    context.note(`scams wave: ${formatRps(wave.rps)} reports, bare ${formatRps(bare.rps)}`);
    return [
      {
        label: `POST ${REPORTS_PATH} during a smishing wave (${REPORTS} reports of one campaign from ${NUMBERS} verified numbers, ${AT_ONCE} at once, SQLite), vs a bare route in Kinga`,
        value: formatRps(wave.rps),
        reference: formatRps(bare.rps),
        ratio: wave.rps / bare.rps,
        aim: AIM,
      },
    ];
  } finally {
    await kinga.close();
  }
}

/** Scam reports filed per second through the API during a smishing wave, against a bare route on the same server. */
export const bench: Bench = {
  name: 'scams-reports',
  description: `Scam reports/s through the API during a smishing wave (${REPORTS} reports of one campaign from ${NUMBERS} numbers verified beforehand) on the demo over SQLite, against a bare route in Kinga answering the same reply.`,
  run,
};
