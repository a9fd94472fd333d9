import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { loadConfig } from '../src/config.ts';
import type { Platform } from '../src/platform/platform.ts';
import { createSearchRepository } from '../src/platform/search/index.ts';
import { alternateRounds, formatBytes, formatRps, listenOnLoopback, REPO_ROOT, type Bench, type BenchContext, type BenchRow } from './harness.ts';
import { startDemoKinga } from './demo-kinga.ts';
import { startLoadGenerator, type LoadGenerator } from './load.ts';
import { generateLearnDocuments } from './learn-documents.ts';

// The pages measured are found from the demo's lists (the first guide of /learn/guides, the first
// course of /learn/courses, its first lesson and its quiz); BENCH_LEARN_GUIDE, BENCH_LEARN_LESSON
// and BENCH_LEARN_QUIZ name other paths. A page whose route answers 404 is skipped with a line.
const SEARCH_PATH = '/learn/search?q=contract&lang=en';
// A guide's stored HTML is sanitised again at every read (about 2 ms for a 3 KB guide): a first aim,
// to be set from measurement once the guide pages exist.
const PAGE_AIM = 0.1;
const SEARCH_PAGE_AIM = 0.01;
const DOCUMENTS = 10_000;

/** What a path answers: its status, type and bytes. */
async function fetchPath(base: string, path: string): Promise<{ status: number; contentType: string; body: Buffer }> {
  const response = await fetch(base + path, { redirect: 'manual' });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: Buffer.from(await response.arrayBuffer()) };
}

/** The first link of a page matching `pattern` (its first group), or null when the page answers anything but 200 or has none. */
async function firstLink(base: string, path: string, pattern: RegExp): Promise<string | null> {
  const page = await fetchPath(base, path);
  if (page.status !== 200) return null;
  return pattern.exec(page.body.toString('utf8'))?.[1] ?? null;
}

/** The guide, lesson and quiz pages to measure, or why one is not there. */
async function findPages(base: string): Promise<Array<{ what: string; path: string | null; why: string }>> {
  const env = process.env;
  const guide = env['BENCH_LEARN_GUIDE'] ?? (await firstLink(base, '/learn/guides?lang=en', /href="(\/learn\/guides\/[^"/?#]+)[^"]*"/));
  const course = await firstLink(base, '/learn/courses?lang=en', /href="(\/learn\/courses\/[^"/?#]+)[^"]*"/);
  const lesson =
    env['BENCH_LEARN_LESSON'] ??
    (course ? await firstLink(base, `${course}?lang=en`, new RegExp(`href="(${course.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(?!quiz)[^"/?#]+)[^"]*"`)) : null);
  const quiz = env['BENCH_LEARN_QUIZ'] ?? (course ? `${course}/quiz` : null);
  return [
    { what: 'a guide', path: guide, why: '/learn/guides lists no guide (its route answers 404 or the demo has none)' },
    { what: 'a lesson', path: lesson, why: '/learn/courses lists no course with a lesson (its route answers 404 or the demo has none)' },
    { what: 'a quiz', path: quiz, why: '/learn/courses lists no course (its route answers 404 or the demo has none)' },
  ];
}

/** The bytes a browser loads for a page: its HTML and the stylesheets and scripts it names (images and fonts apart). */
async function pageWeight(base: string, path: string): Promise<{ html: number; assets: number; gzipped: number; files: number }> {
  const page = await fetchPath(base, path);
  const html = page.body.toString('utf8');
  const assets = new Set<string>();
  for (const tag of html.matchAll(/<link\b[^>]*>/g)) {
    if (/\brel="stylesheet"/.test(tag[0])) assets.add(/\bhref="([^"]+)"/.exec(tag[0])?.[1] ?? '');
  }
  for (const tag of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) assets.add(tag[1]!);
  assets.delete('');
  let assetBytes = 0;
  let gzipped = gzipSync(page.body).length;
  for (const asset of assets) {
    const answer = await fetchPath(base, asset.replaceAll('&amp;', '&'));
    if (answer.status !== 200) throw new Error(`${path} loads ${asset}, which answered ${answer.status}`);
    assetBytes += answer.body.length;
    gzipped += gzipSync(answer.body).length;
  }
  return { html: page.body.length, assets: assetBytes, gzipped, files: assets.size + 1 };
}

/** Kinga on the demo with generated documents indexed (so the search page shows a full page of results), the search's limit raised. */
async function startKinga(context: BenchContext) {
  const dir = context.tempDir('learn-page');
  const profile = JSON.parse(readFileSync(join(REPO_ROOT, 'jurisdictions/demo.json'), 'utf8')) as { modules: Record<string, Record<string, unknown>> };
  const learn = profile.modules['learn'] ?? {};
  profile.modules['learn'] = { ...learn, search: { ...(learn['search'] as Record<string, unknown> | undefined), perMinute: 1_000_000 } };
  const profileFile = join(dir, 'profile.json');
  writeFileSync(profileFile, JSON.stringify(profile));
  const config = loadConfig(
    { KINGA_DATA_DIR: dir, LOG_LEVEL: 'info', COOKIE_SECURE: 'false', KINGA_WORKER: 'false', KINGA_JURISDICTION: profileFile },
    REPO_ROOT,
  );
  const index = async (platform: Platform) => {
    const repository = createSearchRepository(platform.db.kysely);
    const at = platform.clock.now().toISOString();
    await platform.db.kysely.transaction().execute(async (tx) => {
      for (const document of generateLearnDocuments(DOCUMENTS)) await repository.index(tx, document, at);
    });
  };
  return startDemoKinga(config, { beforeApp: index });
}

/** A page of Kinga against a bare Fastify route sending the same bytes. */
async function compare(context: BenchContext, load: LoadGenerator, kinga: string, path: string, label: string, aim: number): Promise<BenchRow> {
  const page = await fetchPath(kinga, path);
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
  const reference = Fastify({ logger: false });
  reference.get(path.split('?')[0]!, (_request, reply) => reply.header('content-type', page.contentType).send(page.body));
  const referenceUrl = await listenOnLoopback(reference);
  try {
    const { concurrency, requests, seconds } = context.settings;
    const bounds = { concurrency, maxRequests: requests, maxMs: seconds * 1000 };
    const warmUp = { concurrency, maxRequests: Math.min(500, requests), maxMs: 3000 };
    await load.measure(referenceUrl + path, warmUp);
    await load.measure(kinga + path, warmUp);
    const rates = await alternateRounds(context, path, { reference: referenceUrl + path, kinga: kinga + path }, (url) => load.measure(url, bounds));
    return {
      label: `GET ${path} (${label}, ${formatBytes(page.body.length)}) vs a bare Fastify route`,
      value: formatRps(rates.subject),
      reference: formatRps(rates.reference),
      ratio: rates.subject / rates.reference,
      aim,
    };
  } finally {
    await reference.close();
  }
}

function weightRow(what: string, path: string, weight: Awaited<ReturnType<typeof pageWeight>>): BenchRow {
  return {
    label: `Page weight of ${what} (${path}): HTML ${formatBytes(weight.html)} + CSS and scripts ${formatBytes(weight.assets)}, ${weight.files} files`,
    value: `${formatBytes(weight.html + weight.assets)} (${formatBytes(weight.gzipped)} gzipped)`,
  };
}

/** A guide page against a bare route, and the weight of a guide, a lesson, a quiz and the search page. */
export const bench: Bench = {
  name: 'learn-page',
  description:
    'Requests per second of a rights guide page and of the learn search page (20 results over 10,000 documents) against a bare Fastify route sending the same bytes, and the page weight (HTML, stylesheets and scripts it loads) of a guide, a lesson, a quiz and the search page; a page whose route answers 404 is skipped.',
  async run(context) {
    const kinga = await startKinga(context);
    const load = startLoadGenerator();
    try {
      const rows: BenchRow[] = [];
      const pages = await findPages(kinga.url);
      for (const { what, path, why } of pages) {
        const status = path ? (await fetchPath(kinga.url, path)).status : 404;
        if (!path || status !== 200) {
          context.note(`skipped ${what}: ${path ? `${path} answers ${status}` : why}`);
          continue;
        }
        if (what === 'a guide') rows.push(await compare(context, load, kinga.url, path, 'a rights guide', PAGE_AIM));
        rows.push(weightRow(what, path, await pageWeight(kinga.url, path)));
      }
      rows.push(await compare(context, load, kinga.url, SEARCH_PATH, 'the learn search, 20 results', SEARCH_PAGE_AIM));
      rows.push(weightRow('the search page', SEARCH_PATH, await pageWeight(kinga.url, SEARCH_PATH)));
      return rows;
    } finally {
      await load.close();
      await kinga.close();
    }
  },
};
