import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import type { Platform } from '../src/platform/platform.ts';
import { createSearchRepository } from '../src/platform/search/index.ts';
import { generateKeyMaterial } from '../src/platform/crypto/index.ts';
import { alternateRounds, capture, formatBytes, formatRps, listenOnLoopback, REPO_ROOT, type Bench, type BenchContext, type BenchRow } from './harness.ts';
import { startDemoKinga } from './demo-kinga.ts';
import { startLoadGenerator } from './load.ts';
import { generateLearnDocuments } from './learn-documents.ts';

// BENCH_LEARN_PG_URL: also measure on this PostgreSQL database (it is emptied first).
const PG_URL = process.env['BENCH_LEARN_PG_URL'];
const DOCUMENTS = 10_000;
// A search ranks every match (about 1,500 of 10,000 documents here) and highlights a page of them; a
// bare route only writes bytes. Below a hundredth, something other than the search itself costs.
const AIM = 0.01;
const LIMIT = 1_000_000;

/** The query shapes people type, each through the real route. */
const SHAPES: ReadonlyArray<{ label: string; q: string }> = [
  { label: 'one word (contract)', q: 'contract' },
  { label: 'one word without its accent (resiliation)', q: 'resiliation' },
  { label: 'two words (roaming charges)', q: 'roaming charges' },
  { label: 'a prefix (потребител*)', q: 'потребител*' },
  { label: 'Arabic with its article (المستهلك)', q: 'المستهلك' },
  { label: 'Chinese (权益)', q: '权益' },
];

const searchPath = (q: string) => `/api/v1/learn/search?q=${encodeURIComponent(q)}`;

/** Indexes the generated documents in one transaction, as publishing them one by one would leave the index. */
async function indexDocuments(platform: Platform, note: (line: string) => void): Promise<void> {
  const started = performance.now();
  const repository = createSearchRepository(platform.db.kysely);
  const at = platform.clock.now().toISOString();
  const documents = generateLearnDocuments(DOCUMENTS);
  await platform.db.kysely.transaction().execute(async (tx) => {
    for (const document of documents) await repository.index(tx, document, at);
  });
  note(`${DOCUMENTS.toLocaleString('en')} documents in six languages indexed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
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

/** Kinga as `npm start` runs it over the demo, the search's per-address limit raised (the load comes from one address). */
async function startKinga(context: BenchContext, env: Record<string, string>) {
  const dir = context.tempDir('learn-search');
  const profile = JSON.parse(readFileSync(join(REPO_ROOT, 'jurisdictions/demo.json'), 'utf8')) as { modules: Record<string, Record<string, unknown>> };
  const learn = profile.modules['learn'] ?? {};
  profile.modules['learn'] = { ...learn, search: { ...(learn['search'] as Record<string, unknown> | undefined), perMinute: LIMIT } };
  const profileFile = join(dir, 'profile.json');
  writeFileSync(profileFile, JSON.stringify(profile));
  // Kinga creates its key file on SQLite only; on PostgreSQL the bench gives it keys of its own.
  const keys = env['DATABASE_URL'] ? { KINGA_DATA_KEYS: JSON.stringify(generateKeyMaterial()) } : {};
  const config = loadConfig(
    { KINGA_DATA_DIR: dir, LOG_LEVEL: 'info', COOKIE_SECURE: 'false', KINGA_WORKER: 'false', KINGA_JURISDICTION: profileFile, ...keys, ...env },
    REPO_ROOT,
  );
  return startDemoKinga(config, { beforeApp: (platform) => indexDocuments(platform, (line) => context.note(line)) });
}

/** The search API over 10,000 documents, each shape alone and all of them in turn, against a bare Fastify route sending an answer of the same size. */
async function measure(context: BenchContext, engine: string, env: Record<string, string>): Promise<BenchRow[]> {
  const kinga = await startKinga(context, env);
  const load = startLoadGenerator();
  const reference = Fastify({ logger: false });
  try {
    const answers = [];
    for (const shape of SHAPES) {
      const captured = await capture(kinga.url + searchPath(shape.q));
      const { total } = JSON.parse(captured.body.toString('utf8')) as { total: number };
      if (total === 0) throw new Error(`the search for ${shape.q} found nothing`);
      answers.push({ ...shape, captured, total });
    }
    // The reference sends the answer of median size, so that both sides write as many bytes.
    const median = [...answers].sort((a, b) => a.captured.body.length - b.captured.body.length)[Math.floor(answers.length / 2)]!.captured;
    reference.get('/api/v1/learn/search', (_request, reply) => reply.header('content-type', median.contentType).send(median.body));
    const referenceUrl = `${await listenOnLoopback(reference)}/api/v1/learn/search?q=x`;
    const { concurrency, requests, seconds } = context.settings;
    const bounds = { concurrency, maxRequests: requests, maxMs: seconds * 1000 };
    const warmUp = { concurrency, maxRequests: Math.min(500, requests), maxMs: 3000 };
    const mix = answers.map((a) => kinga.url + searchPath(a.q));
    await load.measure(referenceUrl, warmUp);
    await load.measure(mix, warmUp);
    const rates = await alternateRounds(context, `learn search (${engine})`, { reference: [referenceUrl], kinga: mix }, (urls) => load.measure(urls, bounds));
    const rows: BenchRow[] = [
      {
        label: `${engine}: GET /api/v1/learn/search, six query shapes in turn over ${DOCUMENTS.toLocaleString('en')} documents (${formatBytes(median.body.length)}) vs a bare Fastify route`,
        value: formatRps(rates.subject),
        reference: formatRps(rates.reference),
        ratio: rates.subject / rates.reference,
        aim: AIM,
      },
    ];
    const shapeBounds = { concurrency, maxRequests: requests, maxMs: Math.min(seconds, 3) * 1000 };
    for (const answer of answers) {
      const result = await load.measure(kinga.url + searchPath(answer.q), shapeBounds);
      if (result.errors > 0) throw new Error(`${answer.q}: ${result.errors} requests failed (${result.firstError ?? '?'})`);
      rows.push({
        label: `${engine}: ${answer.label}, ${answer.total.toLocaleString('en')} found, ${formatBytes(answer.captured.body.length)}`,
        value: formatRps(result.rps),
      });
    }
    return rows;
  } finally {
    await load.close();
    await reference.close();
    await kinga.close();
  }
}

/** The public search of the learn content over 10,000 documents, against a bare route answering as many bytes. */
export const bench: Bench = {
  name: 'learn-search',
  description: `Learn searches/s (GET /api/v1/learn/search) over ${DOCUMENTS.toLocaleString('en')} generated documents in six languages on the demo, six query shapes (one word, one word without its accent, two words, a prefix, Arabic with its article, Chinese), against a bare Fastify route sending an answer of the same size, on SQLite${PG_URL ? ' and PostgreSQL' : ' (and PostgreSQL with BENCH_LEARN_PG_URL)'}.`,
  async run(context) {
    const rows = await measure(context, 'SQLite', {});
    if (PG_URL) {
      await emptyPostgres(PG_URL);
      rows.push(...(await measure(context, 'PostgreSQL', { DATABASE_URL: PG_URL })));
    }
    return rows;
  },
};
