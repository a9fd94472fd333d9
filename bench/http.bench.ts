import Fastify from 'fastify';
import { loadConfig } from '../src/config.ts';
import {
  alternateRounds,
  capture,
  formatBytes,
  formatRps,
  listenOnLoopback,
  REPO_ROOT,
  type Bench,
  type BenchContext,
  type BenchRow,
  type Captured,
} from './harness.ts';
import { startDemoKinga } from './demo-kinga.ts';
import { startLoadGenerator, type LoadGenerator } from './load.ts';

/** A route measured on Kinga and on the reference app, with the ratio Kinga should reach. */
interface Target {
  path: string;
  label: string;
  aim: number;
}

const TARGETS: readonly Target[] = [
  { path: '/', label: 'page', aim: 0.5 },
  { path: '/healthz', label: 'JSON', aim: 0.8 },
];

/** Kinga as `npm start` runs it (SQLite, demo data, request logs at info level), without its job worker. */
function startKinga(context: BenchContext) {
  return startDemoKinga(loadConfig({ KINGA_DATA_DIR: context.tempDir('http'), LOG_LEVEL: 'info', COOKIE_SECURE: 'false' }, REPO_ROOT));
}

/** A bare Fastify app that answers each target path with the bytes Kinga sent for it. */
async function startReference(captured: ReadonlyMap<string, Captured>) {
  const app = Fastify({ logger: false });
  for (const [path, { body, contentType }] of captured) {
    app.get(path, (_request, reply) => reply.header('content-type', contentType).send(body));
  }
  const url = await listenOnLoopback(app);
  return { url, close: () => app.close() };
}

async function compare(load: LoadGenerator, context: BenchContext, kinga: string, reference: string, target: Target, size: number): Promise<BenchRow> {
  const { concurrency, requests, seconds } = context.settings;
  const bounds = { concurrency, maxRequests: requests, maxMs: seconds * 1000 };
  const warmUp = { concurrency, maxRequests: Math.min(500, requests), maxMs: 3000 };
  await load.measure(reference + target.path, warmUp);
  await load.measure(kinga + target.path, warmUp);
  const { subject, reference: base } = await alternateRounds(context, target.path, { reference, kinga }, (url) => load.measure(url + target.path, bounds));
  return {
    label: `GET ${target.path} (${target.label}, ${formatBytes(size)})`,
    value: formatRps(subject),
    reference: formatRps(base),
    ratio: subject / base,
    aim: target.aim,
  };
}

/** Requests per second of Kinga's page and JSON routes against a bare Fastify app sending the same bytes. */
export const bench: Bench = {
  name: 'http',
  description: 'Requests per second of Kinga against a bare Fastify app that sends the same bytes, in one process, over keep-alive connections to 127.0.0.1.',
  async run(context) {
    const kinga = await startKinga(context);
    const load = startLoadGenerator();
    let reference: { url: string; close(): Promise<void> } | undefined;
    try {
      const captured = new Map<string, Captured>();
      for (const target of TARGETS) captured.set(target.path, await capture(kinga.url + target.path));
      reference = await startReference(captured);
      const rows: BenchRow[] = [];
      for (const target of TARGETS) {
        rows.push(await compare(load, context, kinga.url, reference.url, target, captured.get(target.path)?.body.length ?? 0));
      }
      return rows;
    } finally {
      await load.close();
      await reference?.close();
      await kinga.close();
    }
  },
};
