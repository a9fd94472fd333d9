import Fastify from 'fastify';
import pino from 'pino';
import { buildApp } from '../src/app.ts';
import { closePlatform, createPlatform } from '../src/platform/create.ts';
import { offersModule, createOfferServiceFor } from '../src/modules/offers/index.ts';
import { OFFER_FILE, OFFER_COLUMNS, validateOfferRows } from '../src/modules/offers/catalogue/offer-file.ts';
import { parseTabularCsv } from '../src/modules/offers/catalogue/tabular-file.ts';
import { rankOffers, type ComparableOffer } from '../src/modules/offers/comparison/ranking.ts';
import { alternateRounds, benchConfig, capture, formatBytes, formatRps, listenOnLoopback, median, type Bench, type BenchRow } from './harness.ts';
import { startLoadGenerator } from './load.ts';

const OPERATORS = 20;
const OFFERS = 10_000;
const COMPARE_PATH = '/api/v1/offers/compare?type=mobile&data_gb=2&voice_min=70&sms=20&months=12';
const AFFORDABILITY_PATH = '/api/v1/affordability';
const PROFILE = { serviceType: 'mobile' as const, dataGb: '2', voiceMinutes: 70, sms: 20, minDownloadMbps: null, months: 12 };
const RANK_RUNS = 7;

/** A small deterministic generator, so every run ranks the same market. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** A national offer file of `count` realistic offers from `operators` operators: prepaid bundles, monthly plans, add-ons, fixed plans. */
export function generateOfferFile(count = OFFERS, operators = OPERATORS): string {
  const next = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] ?? (items[0] as T);
  const lines = [OFFER_COLUMNS.join(',')];
  const perOperator = Math.ceil(count / operators);
  let made = 0;
  for (let op = 1; op <= operators && made < count; op += 1) {
    let lastBase = '';
    for (let i = 0; i < perOperator && made < count; i += 1, made += 1) {
      const isFixed = next() < 0.2;
      const code = `${String(op).padStart(2, '0')}${String(i).padStart(5, '0')}`.padEnd(15, 'X');
      const id = `${isFixed ? 'F' : 'M'}${String(9_800_000_000 + op)}${code}`;
      const row: Record<string, string> = {
        unique_plan_id: id,
        provider_name: `Bench Operator ${op}`,
        service_plan_name: `Plan ${i}`,
        connection_type: isFixed ? pick(['Fiber', 'Fixed Wireless', 'DSL']) : 'Mobile',
        operator_id: `OP-BENCH-${String(op).padStart(2, '0')}`,
        currency: 'KES',
        tax: pick(['Included', 'Included', 'Varies', '16']),
        typical_download_speed: String(Math.round(2 + next() * 100)),
        typical_latency: String(Math.round(10 + next() * 60)),
      };
      if (isFixed) {
        Object.assign(row, {
          monthly_price: String(1500 + Math.round(next() * 60) * 100),
          monthly_data_allow: pick(['Unlimited', '100', '250']),
          validity_days: '30',
          voice_minutes: '0',
          sms_count: '0',
        });
        if (row['monthly_data_allow'] !== 'Unlimited')
          Object.assign(row, { over_usage_data_price: '200', over_usage_data_price_unit: 'per_increment', additional_data_increment: '10' });
        if (next() < 0.3) Object.assign(row, { single_purchase_fee_descr: 'Installation|Router', single_purchase_fees: '1500|2000' });
        if (next() < 0.3) Object.assign(row, { intro_rate: 'Yes', intro_rate_price: '999', intro_rate_time: '3' });
      } else {
        const validity = pick(['1', '7', '30', '30', '30']);
        const isAddon = lastBase !== '' && next() < 0.08;
        Object.assign(row, {
          monthly_price: (Math.round((10 + next() * 1500) * 100) / 100).toFixed(2),
          validity_days: isAddon ? '30' : validity,
          monthly_data_allow: pick(['0.5', '1', '2', '5', '10', '20']),
          voice_minutes: isAddon ? '0' : pick(['0', '50', '100', '300', '']),
          sms_count: isAddon ? '0' : pick(['0', '20', '100', '']),
          voice_price_per_minute: '4.30',
          sms_price_each: '1',
          data_price_per_gb: pick(['250', '500', '']),
          ...(isAddon ? { addon_of: lastBase } : {}),
        });
        if (!isAddon && validity === '30') lastBase = id;
        if (next() < 0.1) Object.assign(row, { contract_req: 'Yes', contract_time: '12', contract_terms_url: 'https://bench.example/terms' });
      }
      lines.push(OFFER_COLUMNS.map((c) => row[c] ?? '').join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Import speed, in-process ranking time, and the compare and affordability APIs against a bare route sending the same bytes. */
export const bench: Bench = {
  name: 'offers',
  description: `With ${OFFERS.toLocaleString('en')} offers from ${OPERATORS} operators: import rows per second, in-process ranking time for one profile, and the compare and affordability APIs' requests per second against a bare Fastify route sending the same bytes.`,
  async run(context) {
    const dir = context.tempDir('offers');
    const config = benchConfig(dir);
    const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
    const platform = await createPlatform(config, [offersModule], { logger });
    const rows: BenchRow[] = [];
    const load = startLoadGenerator();
    let kinga: Awaited<ReturnType<typeof buildApp>> | undefined;
    const reference = Fastify({ logger: false });
    try {
      const service = createOfferServiceFor(platform);
      for (let op = 1; op <= OPERATORS; op += 1)
        await service.addOperator({ type: 'system', id: null }, `OP-BENCH-${String(op).padStart(2, '0')}`, `Bench Operator ${op}`);
      const file = generateOfferFile();
      context.note(`generated ${OFFERS.toLocaleString('en')} offers (${formatBytes(Buffer.byteLength(file))} of CSV)`);

      const started = performance.now();
      const report = await service.importOffers({ text: file, format: 'csv', isLenient: false, source: 'cli', actor: { type: 'system', id: null } });
      const importMs = performance.now() - started;
      if (report.rows !== OFFERS) throw new Error(`imported ${report.rows} rows, expected ${OFFERS}`);
      rows.push({
        label: `import a ${OFFERS.toLocaleString('en')}-row offer file (validate + one transaction, SQLite)`,
        value: `${Math.round(OFFERS / (importMs / 1000)).toLocaleString('en')} rows/s (${(importMs / 1000).toFixed(2)} s)`,
      });

      // Ranking from scratch, as on every change of offers or a profile seen for the first time.
      const validated = validateOfferRows(parseTabularCsv(file, OFFER_FILE).rows, { isLenient: false, currency: 'KES', today: service.today() });
      const market: ComparableOffer[] = validated.offers.map(({ record }) => ({
        record,
        operatorName: record.providerName,
        lastUpdated: new Date().toISOString(),
        isStale: false,
        version: 1,
      }));
      const times: number[] = [];
      let ranked = 0;
      for (let run = 0; run < RANK_RUNS; run += 1) {
        const t0 = performance.now();
        ranked = rankOffers(market, PROFILE, service.rules).results.length;
        times.push(performance.now() - t0);
      }
      rows.push({
        label: `rank all ${market.length.toLocaleString('en')} offers for one profile in-process (${ranked} mobile plans ranked, median of ${RANK_RUNS})`,
        value: `${median(times).toFixed(1)} ms`,
      });

      kinga = await buildApp(platform, [offersModule]);
      const kingaUrl = await listenOnLoopback(kinga);
      const targets: { path: string; label: string }[] = [
        { path: COMPARE_PATH, label: 'GET compare API, same profile' },
        { path: AFFORDABILITY_PATH, label: 'GET affordability API, today' },
      ];
      const captures = [];
      for (const target of targets) {
        const coldStart = performance.now();
        const captured = await capture(kingaUrl + target.path);
        context.note(
          `first ${target.path} request (loads the offers in effect and computes the answer): ${(performance.now() - coldStart).toFixed(0)} ms, ${formatBytes(captured.body.length)}`,
        );
        reference.get(target.path.split('?')[0] ?? target.path, (_request, reply) => reply.header('content-type', captured.contentType).send(captured.body));
        captures.push(captured);
      }
      const referenceUrl = await listenOnLoopback(reference);

      const { concurrency, requests, seconds } = context.settings;
      const bounds = { concurrency, maxRequests: requests, maxMs: seconds * 1000 };
      for (const [index, target] of targets.entries()) {
        await load.measure(referenceUrl + target.path, { ...bounds, maxRequests: Math.min(500, requests) });
        await load.measure(kingaUrl + target.path, { ...bounds, maxRequests: Math.min(500, requests) });
        const { subject, reference: base } = await alternateRounds(context, target.path, { reference: referenceUrl, kinga: kingaUrl }, (url) =>
          load.measure(url + target.path, bounds),
        );
        rows.push({
          label: `${target.label} (${formatBytes(captures[index]?.body.length ?? 0)})`,
          value: formatRps(subject),
          reference: formatRps(base),
          ratio: subject / base,
          aim: 0.5,
        });
      }
      return rows;
    } finally {
      await load.close();
      await reference.close();
      await kinga?.close();
      await closePlatform(platform);
    }
  },
};
