import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { loadConfig } from '../src/config.ts';
import type { Platform } from '../src/platform/platform.ts';
import { identifierValueHash } from '../src/modules/scams/shared/identifier-hash.ts';
import { SEALED } from '../src/modules/scams/shared/sealed-contexts.ts';
import { seededRandom } from '../src/platform/seeded-random.ts';
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
import { startLoadGenerator } from './load.ts';

/** Identifiers in the database (BENCH_SCAM_IDENTIFIERS): a national list after a few years of reports. */
function identifierCount(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env['BENCH_SCAM_IDENTIFIERS']);
  return Number.isInteger(value) && value > 0 ? Math.min(value, 1_000_000) : 100_000;
}

/** Of them, how many carry reports (ten each), and how many are confirmed. */
const REPORTED = 5_000;
const REPORTS_EACH = 10;
/** Distinct values asked in turn: most reported, some never reported, as people check what texted them. */
const SPREAD = 20_000;
const AIM = 0.5;
const BARE_IN_KINGA_PATH = '/api/v1/bench/bare-scam-lookup';

const numberOf = (i: number) => `+2547${String(10_000_000 + i)}`;
const lookupPath = (value: string) => `/api/v1/scams/lookup?value=${encodeURIComponent(value)}`;

/** Writes `count` identifiers (numbers), the first {@link REPORTED} with ten reports each, in multi-row statements. */
async function fillIdentifiers(platform: Platform, count: number, note: (line: string) => void): Promise<void> {
  const db = platform.db.kysely;
  const { keyring } = platform;
  const at = platform.clock.now().toISOString();
  const started = performance.now();
  for (let from = 0; from < count; from += 1000) {
    const rows = [];
    for (let i = from; i < Math.min(count, from + 1000); i += 1) {
      const value = numberOf(i);
      const state = i % 10 === 0 ? 'confirmed' : i % 10 === 1 ? 'cleared' : 'reported';
      rows.push({
        id: `bench-${i}`,
        kind: 'number',
        value_hash: identifierValueHash(keyring, 'number', value),
        value_enc: keyring.encrypt(value, SEALED.identifierValue),
        state,
        is_protected: false,
        is_internationalised: false,
        operator_id: null,
        first_reported_at: at,
        last_reported_at: at,
        threshold_reached_at: null,
        confirmed_at: state === 'confirmed' ? at : null,
        cleared_at: state === 'cleared' ? at : null,
        state_changed_at: at,
        version: 1,
      });
    }
    await db.insertInto('scam_identifiers').values(rows).execute();
  }
  for (let from = 0; from < REPORTED * REPORTS_EACH; from += 1000) {
    const reports = [];
    const targets = [];
    for (let r = from; r < Math.min(REPORTED * REPORTS_EACH, from + 1000); r += 1) {
      const identifier = `bench-${Math.floor(r / REPORTS_EACH)}`;
      const reporter = keyring.hash(`+25479${String(r).padStart(7, '0')}`, 'scam_reports.reporter');
      reports.push({
        id: `bench-report-${r}`,
        reference: `SC-BENCH-${r}`,
        identifier_id: identifier,
        campaign_id: null,
        reporter_hash: reporter,
        reporter_enc: 'x',
        channel: 'web',
        medium: 'sms',
        category: 'impersonation',
        occurred_at: at,
        filed_at: at,
        is_late: false,
        has_harm: false,
        text_enc: null,
        contact_enc: null,
        contact_kind: null,
        language: 'en',
        outcome_sent_at: null,
        raw_deleted_at: null,
      });
      targets.push({
        report_id: `bench-report-${r}`,
        identifier_id: identifier,
        role: 'sender',
        url_enc: null,
        reporter_hash: reporter,
        filed_at: at,
        occurred_at: at,
        is_late: false,
      });
    }
    await db.insertInto('scam_reports').values(reports).execute();
    await db.insertInto('scam_report_targets').values(targets).execute();
  }
  note(
    `${count.toLocaleString('en')} identifiers and ${(REPORTED * REPORTS_EACH).toLocaleString('en')} reports written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** Kinga as `npm start` runs it over the demo, the lookup's per-address limit raised (the load comes from one address), with many identifiers. */
async function startKinga(context: BenchContext, bare: { captured?: Captured }, count: number) {
  const dir = context.tempDir('scams-lookup');
  const profile = JSON.parse(readFileSync(join(REPO_ROOT, 'jurisdictions/demo.json'), 'utf8')) as { modules: Record<string, Record<string, unknown>> };
  const limit = 1_000_000;
  const scams = profile.modules['scams'] ?? {};
  profile.modules['scams'] = { ...scams, public: { ...(scams['public'] as Record<string, unknown> | undefined), lookupPerMinute: limit } };
  const profileFile = join(dir, 'profile.json');
  writeFileSync(profileFile, JSON.stringify(profile));
  const config = loadConfig({ KINGA_DATA_DIR: dir, LOG_LEVEL: 'info', COOKIE_SECURE: 'false', KINGA_JURISDICTION: profileFile }, REPO_ROOT);
  return startDemoKinga(config, {
    beforeApp: (platform) => fillIdentifiers(platform, count, (line) => context.note(line)),
    onApp: (app) => {
      app.get(BARE_IN_KINGA_PATH, { config: { rateLimit: { max: limit, timeWindow: 60_000 } } }, (_request, reply) =>
        reply.header('content-type', bare.captured?.contentType ?? 'application/json').send(bare.captured?.body ?? ''),
      );
    },
  });
}

/** The lookup API against a bare Fastify route and a bare route in Kinga sending the same bytes, over many identifiers. */
async function lookupRatios(context: BenchContext): Promise<BenchRow[]> {
  const count = identifierCount();
  const bare: { captured?: Captured } = {};
  const kinga = await startKinga(context, bare, count);
  const load = startLoadGenerator();
  const reference = Fastify({ logger: false });
  try {
    // A confirmed number with ten reports, typed as people type it.
    const path = lookupPath('0710 000 010');
    const captured = await capture(kinga.url + path);
    if (!captured.body.includes('"confirmed"')) throw new Error(`the lookup answered ${captured.body}`);
    bare.captured = captured;
    reference.get('/api/v1/scams/lookup', (_request, reply) => reply.header('content-type', captured.contentType).send(captured.body));
    const referenceUrl = await listenOnLoopback(reference);
    const { concurrency, requests, seconds } = context.settings;
    const bounds = { concurrency, maxRequests: requests, maxMs: seconds * 1000 };
    const warmUp = { concurrency, maxRequests: Math.min(500, requests), maxMs: 3000 };
    for (const url of [referenceUrl + path, kinga.url + path, kinga.url + BARE_IN_KINGA_PATH]) await load.measure(url, warmUp);
    const label = `GET /api/v1/scams/lookup?value={number} over ${count.toLocaleString('en')} identifiers (${formatBytes(captured.body.length)})`;
    const server = await alternateRounds(context, 'scam lookup', { reference: referenceUrl + path, kinga: kinga.url + path }, (url) =>
      load.measure(url, bounds),
    );
    const random = seededRandom(20261207);
    const spread = Array.from(
      { length: SPREAD },
      (_, i) =>
        kinga.url +
        lookupPath(i % 4 === 0 ? numberOf(count + Math.floor(random() * 1_000_000)) : numberOf(Math.floor(random() * Math.min(count, REPORTED * 4)))),
    );
    await load.measure(spread, warmUp);
    const spreadRates = await alternateRounds(
      context,
      `scam lookup of ${SPREAD.toLocaleString('en')} numbers against a bare route in Kinga`,
      { reference: [kinga.url + BARE_IN_KINGA_PATH], kinga: spread },
      (urls) => load.measure(urls, bounds),
    );
    return [
      {
        label: `${label} vs a bare Fastify route`,
        value: formatRps(server.subject),
        reference: formatRps(server.reference),
        ratio: server.subject / server.reference,
        aim: AIM,
      },
      {
        label: `The lookup of ${SPREAD.toLocaleString('en')} numbers in turn (a quarter never reported) vs a bare route in Kinga (its hooks and limiter)`,
        value: formatRps(spreadRates.subject),
        reference: formatRps(spreadRates.reference),
        ratio: spreadRates.subject / spreadRates.reference,
      },
    ];
  } finally {
    await load.close();
    await reference.close();
    await kinga.close();
  }
}

/** The public scam lookup API over a realistic number of identifiers, against bare routes answering the same bytes. */
export const bench: Bench = {
  name: 'scams-lookup',
  description:
    'Public scam lookups/s (GET /api/v1/scams/lookup) on the demo over SQLite holding 100,000 identifiers (BENCH_SCAM_IDENTIFIERS) and 50,000 reports, against a bare Fastify route and a bare route in Kinga answering the same bytes.',
  async run(context) {
    return lookupRatios(context);
  },
};
