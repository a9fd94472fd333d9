import Fastify from 'fastify';
import http from 'node:http';
import pino from 'pino';
import { buildApp } from '../src/app.ts';
import { closePlatform, createPlatform } from '../src/platform/create.ts';
import { createOfferServiceFor, offersModule } from '../src/modules/offers/index.ts';
import { complaintsModule } from '../src/modules/complaints/index.ts';
import { createComplaintRepository } from '../src/modules/complaints/cases/complaint.repository.ts';
import { alternateRounds, benchConfig, formatRps, listenOnLoopback, type Bench, type BenchRow } from './harness.ts';

const PATH = '/api/v1/complaints';
const OPERATORS = 4;
const CONCURRENT_FILERS = 200;

/** One filing body; the operator changes so that cases spread over operators. */
function filing(n: number): string {
  return JSON.stringify({
    operatorIds: [`OP-BENCH-${(n % OPERATORS) + 1}`],
    service: 'mobile',
    category: 'billing',
    description: `Bench complaint ${n}: charged twice for the same bundle.`,
    desiredOutcome: 'Refund the second charge.',
    priorContact: { contacted: false },
    consumer: { name: `Bench Consumer ${n}`, email: `bench${n}@example.org`, language: 'en' },
    extraSupport: [],
    consent: true,
  });
}

function post(url: URL, agent: http.Agent, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Posts filings from `lanes` lanes until `maxRequests` were sent or `maxMs` passed; only to a loopback address. */
async function postLoad(base: string, lanes: number, maxRequests: number, maxMs: number, onCreated: (text: string) => void = () => undefined) {
  const url = new URL(PATH, base);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error('The complaints bench sends requests to this machine only.');
  const agent = new http.Agent({ keepAlive: true, maxSockets: lanes });
  let started = 0;
  let created = 0;
  let errors = 0;
  let firstError: string | undefined;
  const begin = performance.now();
  const deadline = begin + maxMs;
  const lane = async () => {
    while (started < maxRequests && performance.now() < deadline) {
      started += 1;
      try {
        const outcome = await post(url, agent, filing(started));
        if (outcome.status === 201) {
          created += 1;
          onCreated(outcome.text);
        } else {
          errors += 1;
          firstError ??= `status ${outcome.status}: ${outcome.text.slice(0, 200)}`;
        }
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  const ms = performance.now() - begin;
  agent.destroy();
  return { created, errors, firstError, ms, rps: ((created + errors) / ms) * 1000 };
}

/**
 * Filings per second through the API against a bare route answering 201 with the same bytes,
 * then 200 concurrent filers for BENCH_COMPLAINTS_SECONDS (default 30) checking that every
 * acknowledged reference is stored exactly once.
 */
export const bench: Bench = {
  name: 'complaints',
  description:
    'POST /api/v1/complaints (validation, encryption, one case and its deadline, audit, e-mail job in one transaction, SQLite) against a bare Fastify route answering the same 201, then 200 concurrent filers checked for lost or doubled references.',
  async run(context) {
    const dir = context.tempDir('complaints');
    // Every filer posts from the loopback address: its allowance of receipts is raised to the most the setting takes.
    const loaded = benchConfig(dir, { CODE_SENDS_PER_NETWORK_ADDRESS: '100000' });
    // The public limit (a few filings a minute per address) would measure the limiter, not the filing.
    const complaintsBlock = { ...(loaded.jurisdiction.modules['complaints'] ?? {}), rateLimitPerMinute: 100_000 };
    const config = { ...loaded, jurisdiction: { ...loaded.jurisdiction, modules: { ...loaded.jurisdiction.modules, complaints: complaintsBlock } } };
    const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
    const modules = [offersModule, complaintsModule];
    const platform = await createPlatform(config, modules, { logger });
    const rows: BenchRow[] = [];
    let kinga: Awaited<ReturnType<typeof buildApp>> | undefined;
    const reference = Fastify({ logger: false });
    try {
      const offers = createOfferServiceFor(platform);
      for (let op = 1; op <= OPERATORS; op += 1) await offers.addOperator({ type: 'system', id: null }, `OP-BENCH-${op}`, `Bench Operator ${op}`);
      kinga = await buildApp(platform, modules);
      const kingaUrl = await listenOnLoopback(kinga);
      const sample = await post(new URL(PATH, kingaUrl), new http.Agent(), filing(0));
      if (sample.status !== 201) throw new Error(`the first filing answered ${sample.status}: ${sample.text.slice(0, 300)}`);
      reference.post(PATH, (_request, reply) => reply.code(201).header('content-type', 'application/json; charset=utf-8').send(sample.text));
      const referenceUrl = await listenOnLoopback(reference);

      const { concurrency, requests, seconds } = context.settings;
      const { subject, reference: base } = await alternateRounds(context, 'filing', { reference: referenceUrl, kinga: kingaUrl }, async (url) => {
        const result = await postLoad(url, concurrency, Math.min(requests, 2000), seconds * 1000);
        return { ...result, requests: result.created + result.errors };
      });
      rows.push({
        label: 'POST a complaint (one operator) through the API',
        value: formatRps(subject),
        reference: formatRps(base),
        ratio: subject / base,
        aim: 0.05,
      });

      const soakSeconds = Number(process.env['BENCH_COMPLAINTS_SECONDS'] ?? '30');
      const acknowledged: string[] = [];
      const soak = await postLoad(
        kingaUrl,
        CONCURRENT_FILERS,
        Number.MAX_SAFE_INTEGER,
        (Number.isFinite(soakSeconds) && soakSeconds > 0 ? soakSeconds : 30) * 1000,
        (text) => {
          const filed = JSON.parse(text) as { cases: Array<{ reference: string }> };
          for (const c of filed.cases) acknowledged.push(c.reference);
        },
      );
      const counts = await createComplaintRepository(platform.db.kysely).countCasesByReference(acknowledged);
      const missing = acknowledged.filter((r) => counts.get(r) === undefined).length;
      const doubled = acknowledged.filter((r) => (counts.get(r) ?? 0) > 1).length;
      const distinct = new Set(acknowledged).size;
      context.note(
        `${CONCURRENT_FILERS} concurrent filers for ${(soak.ms / 1000).toFixed(1)} s: ${soak.created} acknowledged, ${soak.errors} refused (${soak.firstError ?? 'none'})`,
      );
      if (missing > 0 || doubled > 0 || distinct !== acknowledged.length)
        throw new Error(`${missing} acknowledged references are not stored, ${doubled} are stored twice, ${acknowledged.length - distinct} were given twice.`);
      rows.push({
        label: `${CONCURRENT_FILERS} concurrent filers: acknowledged references each stored exactly once`,
        value: `${soak.created.toLocaleString('en')} filings, ${formatRps((soak.created / soak.ms) * 1000)}, ${soak.errors} errors`,
      });
      return rows;
    } finally {
      await reference.close();
      await kinga?.close();
      await closePlatform(platform);
    }
  },
};
