import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import { loadConfig } from '../src/config.ts';
import { alternateRounds, formatRps, listenOnLoopback, median, REPO_ROOT, type Bench, type BenchContext, type BenchRow } from './harness.ts';
import { startDemoKinga } from './demo-kinga.ts';

/** The callbacks of one session: the transcript, a wrong check digit then the right IMEI. */
const TRANSCRIPT = ['', '1', '1*490154203237519', '1*490154203237519*490154203237518'];
const SECRET = 'bench-ussd-secret';
const GATEWAY_PATH = `/api/v1/channels/ussd/africastalking/${SECRET}`;
/** A route of Kinga's own answering the callbacks' bytes without the menu's work: every platform hook, the same form parser. */
const BARE_IN_KINGA_PATH = '/api/v1/bench/bare-ussd';
const SESSIONS_AT_ONCE = 50;
// A callback reads and writes its session (two to four statements) and checks the IMEI where the
// bare route does nothing: a third of the bare route's rate is the aim.
const AIM = 0.3;

/** One measured run: callbacks per second, their latencies' 99th percentile, failures. */
interface UssdRun {
  rps: number;
  requests: number;
  errors: number;
  p99Ms: number;
  firstError: string | null;
}

/**
 * The load: `sessions` sessions at once, each posting the transcript's callbacks one after the
 * other as a gateway does, a new session (and caller) as soon as one ends. Plain JavaScript on
 * its own thread, so that it never competes with the server for its event loop.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, transcript, sessions, maxRequests, maxMs, firstSession } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: sessions });
let requests = 0, errors = 0, firstError = null, next = firstSession;
const latencies = [];
const started = performance.now();
const post = (body) => new Promise((resolve) => {
  const begun = performance.now();
  const request = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (response) => {
    const chunks = [];
    response.on('data', (c) => chunks.push(c));
    response.on('end', () => {
      latencies.push(performance.now() - begun);
      const text = Buffer.concat(chunks).toString();
      if (response.statusCode !== 200 || !/^(CON|END) /.test(text)) { errors += 1; firstError ??= response.statusCode + ' ' + text.slice(0, 80); }
      resolve();
    });
  });
  request.on('error', (e) => { errors += 1; firstError ??= e.message; resolve(); });
  request.end(body);
});
const isDone = () => requests >= maxRequests || performance.now() - started > maxMs;
async function caller() {
  while (!isDone()) {
    const n = next++;
    const phoneNumber = '+2547' + String(10000000 + (n % 89999999)).padStart(8, '0');
    for (const text of transcript) {
      if (isDone()) return;
      requests += 1;
      await post(new URLSearchParams({ sessionId: 'bench-' + n, serviceCode: '*384*1564#', phoneNumber, networkCode: '63902', text }).toString());
    }
  }
}
Promise.all(Array.from({ length: sessions }, caller)).then(() => {
  const ms = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const p99Ms = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0;
  agent.destroy();
  parentPort.postMessage({ rps: requests / (ms / 1000), requests, errors, p99Ms, firstError });
});
`;

let sessionCounter = 0;

/** Runs the load against `url` on a worker thread; every run's callers are new numbers and sessions. */
function measure(url: string, bounds: { maxRequests: number; maxMs: number }): Promise<UssdRun> {
  const firstSession = sessionCounter;
  // Room for every session a run can open: a run posts at most maxRequests callbacks.
  sessionCounter += bounds.maxRequests + SESSIONS_AT_ONCE;
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { url, transcript: TRANSCRIPT, sessions: SESSIONS_AT_ONCE, firstSession, ...bounds } });
    worker.once('message', (run: UssdRun) => {
      resolve(run);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Kinga as `npm start` runs it, with the demo's Africa's Talking gateway given its secret and no per-number limit in the way. */
async function startKinga(context: BenchContext, bare: { answers: string[] }) {
  const dir = context.tempDir('ussd');
  const profile = JSON.parse(readFileSync(join(REPO_ROOT, 'jurisdictions/demo.json'), 'utf8')) as { modules: Record<string, Record<string, unknown>> };
  const channels = profile.modules['channels'] ?? {};
  profile.modules['channels'] = { ...channels, ussd: { ...(channels['ussd'] as Record<string, unknown>), callbacksPerNumberPerMinute: 10_000 } };
  const profileFile = join(dir, 'profile.json');
  writeFileSync(profileFile, JSON.stringify(profile));
  const config = loadConfig(
    { KINGA_DATA_DIR: dir, LOG_LEVEL: 'info', COOKIE_SECURE: 'false', KINGA_JURISDICTION: profileFile, USSD_AFRICASTALKING_SECRET: SECRET },
    REPO_ROOT,
  );
  return startDemoKinga(config, {
    onApp: (app) => {
      app.post(BARE_IN_KINGA_PATH, { config: { rateLimit: false } }, (request, reply) => {
        const text = (request.body as Record<string, string> | undefined)?.['text'] ?? '';
        return reply.type('text/plain; charset=utf-8').send(bare.answers[text === '' ? 0 : text.split('*').length] ?? '');
      });
    },
  });
}

/** What Kinga answers each callback of the transcript, fetched once, for the bare route to send. */
async function captureAnswers(url: string): Promise<string[]> {
  const answers: string[] = [];
  for (const text of TRANSCRIPT) {
    const body = new URLSearchParams({ sessionId: 'bench-capture', serviceCode: '*384*1564#', phoneNumber: '+254799999999', networkCode: '63902', text });
    const response = await fetch(url + GATEWAY_PATH, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    if (response.status !== 200) throw new Error(`the callback answered ${response.status}`);
    answers.push(await response.text());
  }
  return answers;
}

/** Callbacks per second and p99 latency at 50 sessions at once against a bare route answering the same bytes. */
async function callbackRatios(context: BenchContext): Promise<BenchRow[]> {
  const bare = { answers: [] as string[] };
  const kinga = await startKinga(context, bare);
  const reference = Fastify({ logger: false });
  try {
    const answers = await captureAnswers(kinga.url);
    bare.answers = answers;
    // A bare route reads the form and answers the same text for the same step.
    reference.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    reference.post(GATEWAY_PATH, (request, reply) => {
      const text = (request.body as Record<string, string>)['text'] ?? '';
      const step = text === '' ? 0 : text.split('*').length;
      return reply.type('text/plain; charset=utf-8').send(answers[step] ?? answers[0]);
    });
    const referenceUrl = await listenOnLoopback(reference);
    const { requests, seconds } = context.settings;
    const bounds = { maxRequests: Math.min(requests, 20_000), maxMs: seconds * 1000 };
    for (const url of [referenceUrl, kinga.url]) await measure(url + GATEWAY_PATH, { maxRequests: 1000, maxMs: 3000 });
    const p99 = { reference: [] as number[], kinga: [] as number[] };
    const rates = await alternateRounds(context, 'USSD callbacks', { reference: referenceUrl + GATEWAY_PATH, kinga: kinga.url + GATEWAY_PATH }, async (url) => {
      const run = await measure(url, bounds);
      (url.startsWith(referenceUrl) ? p99.reference : p99.kinga).push(run.p99Ms);
      return run;
    });
    const p99Kinga = median(p99.kinga);
    const p99Reference = median(p99.reference);
    const inKinga = await alternateRounds(
      context,
      'USSD callbacks against a bare route in Kinga',
      { reference: kinga.url + BARE_IN_KINGA_PATH, kinga: kinga.url + GATEWAY_PATH },
      (url) => measure(url, bounds),
    );
    return [
      {
        label: `POST ${GATEWAY_PATH.replace(SECRET, '{secret}')}, ${SESSIONS_AT_ONCE} sessions at once walking the IMEI transcript (SQLite), vs a bare Fastify route`,
        value: formatRps(rates.subject),
        reference: formatRps(rates.reference),
        ratio: rates.subject / rates.reference,
        aim: AIM,
      },
      {
        label: 'The same callbacks vs a bare route in Kinga (its hooks and form parser): what the menu itself costs',
        value: formatRps(inKinga.subject),
        reference: formatRps(inKinga.reference),
        ratio: inKinga.subject / inKinga.reference,
      },
      {
        label: `USSD callback p99 latency at ${SESSIONS_AT_ONCE} sessions at once (reference / Kinga, higher is better)`,
        value: `${p99Kinga.toFixed(1)} ms`,
        reference: `${p99Reference.toFixed(1)} ms`,
        ratio: p99Reference / p99Kinga,
      },
    ];
  } finally {
    await reference.close();
    await kinga.close();
  }
}

/** USSD callbacks per second and their p99 latency at 50 concurrent sessions, against a bare route answering the same bytes. */
export const bench: Bench = {
  name: 'ussd',
  description: `Africa's Talking callbacks/s and p99 latency, ${SESSIONS_AT_ONCE} sessions at once each walking the IMEI transcript (menu, IMEI asked, wrong check digit, verdict) on the demo over SQLite, against a bare Fastify route answering the same bytes.`,
  async run(context) {
    return callbackRatios(context);
  },
};
