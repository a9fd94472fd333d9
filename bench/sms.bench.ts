import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as smpp from 'smpp';
import { loadConfig } from '../src/config.ts';
import type { Platform } from '../src/platform/platform.ts';
import { SMS_TEXT_CONTEXT, startLoopbackSmsc, type LoopbackSmsc } from '../src/platform/sms/index.ts';
import { encodeSmsText, encodingOf, DATA_CODING } from '../src/platform/sms/sms-text.ts';
import { startSmsWorker } from '../src/modules/channels/channels.wiring.ts';
import { runningSmsChannel } from '../src/modules/channels/sms/sms-channel.ts';
import { alternateRounds, median, REPO_ROOT, type Bench, type BenchContext, type BenchRow, type LoadRun } from './harness.ts';
import { startDemoKinga } from './demo-kinga.ts';

/** A demo TAC (Samsung Galaxy A15) with a valid check digit: the answer is the check's verdict. */
const IMEI = '352099001761481';
const MO_TEXT = `KYM ${IMEI}`;
/** The demo profile's short code. */
const SHORT_CODE = '14422';
/** The `esm_class` bits of a delivery receipt. */
const ESM_RECEIPT = 0x04;

/** The sender's pacing in the bench's copy of the demo profile, and the demo's own for the output. */
const BENCH_PACING = { pollSeconds: 0.05, batchSize: 1000, maxPerSecond: 10_000 };

/** How the SMS bench is bounded; each can be set in the environment. */
interface SmsBounds {
  /** BENCH_SMS_TEXTS: texts in one measured run, each from a number of its own. */
  texts: number;
  /** BENCH_CONCURRENCY: texts in flight at once (sent, their reply's receipt not yet matched). */
  concurrency: number;
  /** The longest a run sends new texts (BENCH_SECONDS, at least 60 s); those in flight are then waited for. */
  maxMs: number;
  /** BENCH_SMS_DEMO_PACING=1 keeps the demo profile's pacing instead of raising it. */
  isDemoPacing: boolean;
}

function readBounds(context: BenchContext, env: Record<string, string | undefined> = process.env): SmsBounds {
  const texts = Number(env['BENCH_SMS_TEXTS']);
  return {
    // A few thousand texts: at a few hundred a second, several seconds of steady load per run.
    texts: Number.isInteger(texts) && texts > 0 ? Math.min(texts, 50_000) : 2000,
    concurrency: context.settings.concurrency,
    // Long enough for every text at a few dozen a second, so that both sides handle the same count.
    maxMs: Math.max(context.settings.seconds, 60) * 1000,
    isDemoPacing: env['BENCH_SMS_DEMO_PACING'] === '1',
  };
}

/** One side under load: the SMS centre the phones text through, and how many texts it has seen through to the receipt. */
interface SmsSide {
  smsc: LoopbackSmsc;
  completed(): number;
  /** The milliseconds from each text sent (by number) to its reply's receipt matched, once the run is over. */
  latencies(sentAt: ReadonlyMap<string, number>): Promise<{ ms: number[]; errors: number; firstError: string | null }>;
}

/** One measured run: texts per second, the p99 from a text to its reply's receipt, failures. */
interface SmsRun extends LoadRun {
  p99Ms: number;
}

let numberCounter = 1_000_000;

/** A new mobile number of the demo's first route (+25471...), never used before in this process. */
function nextNumber(): string {
  numberCounter += 1;
  return `25471${numberCounter}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Texts `KYM <IMEI>` from new numbers through the side's SMS centre, `concurrency` at a time, a new
 * one as soon as one's reply has its receipt matched; the rate runs from the first text sent to
 * the last receipt matched.
 */
async function drive(side: SmsSide, bounds: { texts: number; concurrency: number; maxMs: number }): Promise<SmsRun> {
  const encoding = encodingOf(MO_TEXT);
  const parts = [{ shortMessage: encodeSmsText(MO_TEXT, encoding), dataCoding: DATA_CODING[encoding] }];
  const sentAt = new Map<string, number>();
  const base = side.completed();
  let sent = 0;
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  let lastProgress = started;
  let lastDone = 0;
  for (;;) {
    const isTimeUp = performance.now() - started > bounds.maxMs;
    const done = side.completed() - base;
    if (done !== lastDone) {
      lastDone = done;
      lastProgress = performance.now();
    }
    if (done >= sent && (sent >= bounds.texts || isTimeUp)) break;
    if (performance.now() - lastProgress > 30_000) throw new Error(`no receipt matched for 30 s with ${sent - done} texts in flight`);
    while (sent < bounds.texts && !isTimeUp && sent - (side.completed() - base) < bounds.concurrency) {
      const number = nextNumber();
      sentAt.set(number, Date.now());
      sent += 1;
      void side.smsc.sendInbound(number, SHORT_CODE, parts).then(([status]) => {
        if (status !== 0) {
          errors += 1;
          firstError ??= `the text from a phone was answered with status ${String(status)}`;
        }
      });
    }
    await sleep(1);
  }
  const ms = performance.now() - started;
  const measured = await side.latencies(sentAt);
  measured.ms.sort((a, b) => a - b);
  return {
    rps: sent / (ms / 1000),
    requests: sent,
    errors: errors + measured.errors,
    firstError: firstError ?? measured.firstError,
    p99Ms: measured.ms[Math.min(measured.ms.length - 1, Math.floor(measured.ms.length * 0.99))] ?? Number.NaN,
  };
}

/**
 * Kinga as the demo runs it (SQLite, demo data), its SMS worker bound to the demo's loopback SMS
 * centre, with the sender's pacing raised in a copy of the profile unless `isDemoPacing`.
 */
async function startKinga(context: BenchContext, isDemoPacing: boolean) {
  const dir = context.tempDir('sms');
  const profile = JSON.parse(readFileSync(join(REPO_ROOT, 'jurisdictions/demo.json'), 'utf8')) as { modules: Record<string, Record<string, unknown>> };
  if (!isDemoPacing) {
    const channels = profile.modules['channels'] ?? {};
    const sms = channels['sms'] as { routes: Record<string, unknown>[] } & Record<string, unknown>;
    profile.modules['channels'] = {
      ...channels,
      sms: {
        ...sms,
        pollSeconds: BENCH_PACING.pollSeconds,
        batchSize: BENCH_PACING.batchSize,
        routes: sms.routes.map((route) => ({ ...route, maxPerSecond: BENCH_PACING.maxPerSecond })),
      },
    };
  }
  const profileFile = join(dir, 'profile.json');
  writeFileSync(profileFile, JSON.stringify(profile));
  const config = loadConfig({ KINGA_DATA_DIR: dir, LOG_LEVEL: 'info', COOKIE_SECURE: 'false', KINGA_JURISDICTION: profileFile }, REPO_ROOT);
  let platform: Platform | undefined;
  const kinga = await startDemoKinga(config, {
    beforeApp: async (started) => {
      platform = started;
    },
  });
  if (!platform) throw new Error('Kinga started without its platform');
  const worker = await startSmsWorker(platform, { isDemo: true });
  const channel = runningSmsChannel(platform);
  const smsc = channel?.demoSmsc;
  if (!channel || !smsc) throw new Error('the demo started no SMS centre on loopback');
  const { sms } = platform.settings.channels;
  const pacing = `pollSeconds ${sms.pollSeconds}, batchSize ${sms.batchSize}, maxPerSecond ${sms.routes.map((route) => route.maxPerSecond).join('/')}`;
  const on = platform;
  const side: SmsSide = {
    smsc,
    completed: () => channel.sender.status().receiptsMatched,
    async latencies(sentAt) {
      const byHash = new Map([...sentAt.keys()].map((number) => [on.sms.hashNumber(`+${number}`), number]));
      const ms: number[] = [];
      let errors = 0;
      let firstError: string | null = null;
      const hashes = [...byHash.keys()];
      for (let i = 0; i < hashes.length; i += 500) {
        const rows = await on.db.kysely
          .selectFrom('sms_messages')
          .select(['to_hash', 'state', 'text_enc', 'finished_at'])
          .where('to_hash', 'in', hashes.slice(i, i + 500))
          .orderBy('id')
          .execute();
        for (const row of rows) {
          const number = byHash.get(row.to_hash) ?? '';
          const text = on.keyring.decrypt(row.text_enc, SMS_TEXT_CONTEXT);
          if (row.state !== 'delivered' || row.finished_at === null || !text.includes(IMEI)) {
            errors += 1;
            firstError ??= `a reply is ${row.state}: ${text.slice(0, 80)}`;
            continue;
          }
          ms.push(Date.parse(row.finished_at) - (sentAt.get(number) ?? Number.NaN));
        }
      }
      if (ms.length + errors < sentAt.size) {
        errors += sentAt.size - ms.length - errors;
        firstError ??= 'a text got no reply';
      }
      return { ms, errors, firstError };
    },
  };
  return {
    side,
    pacing,
    async close() {
      await worker.stop();
      await kinga.close();
    },
  };
}

/**
 * The reference: the same loopback SMS centre and one SMPP client in the same process that only
 * echoes, a text from a phone answered at once with `reply` and its receipt received.
 */
async function startEcho(reply: string) {
  const credentials = { systemId: 'bench-echo', password: 'bench-echo' };
  const smsc = await startLoopbackSmsc({ ...credentials, maxKept: 500 });
  const session = smpp.connect({ host: '127.0.0.1', port: smsc.port });
  // As Kinga's links do: without it, Nagle's delay holds back every small PDU of the reference.
  session.socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    session.once('error', reject);
    session.once('connect', () => {
      session.bind_transceiver({ system_id: credentials.systemId, password: credentials.password }, (pdu) =>
        pdu.command_status === 0 ? resolve() : reject(new Error(`the echo's bind was refused (${pdu.command_status})`)),
      );
    });
  });
  const numberOf = new Map<string, string>();
  const receivedAt = new Map<string, number>();
  let completed = 0;
  session.on('deliver_sm', (pdu: smpp.Pdu) => {
    session.send(pdu.response());
    const body = pdu.short_message;
    const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('latin1') : String(body?.message ?? '');
    if (((pdu.esm_class ?? 0) & 0x3c) === ESM_RECEIPT) {
      const id = /id:(\S+)/.exec(text)?.[1] ?? '';
      const number = numberOf.get(id);
      numberOf.delete(id);
      if (number !== undefined) receivedAt.set(number, Date.now());
      completed += 1;
      return;
    }
    const from = pdu.source_addr ?? '';
    session.submit_sm({ source_addr: pdu.destination_addr, destination_addr: from, registered_delivery: 1, short_message: reply }, (answer: smpp.Pdu) => {
      if (answer.message_id !== undefined) numberOf.set(answer.message_id, from);
    });
  });
  const side: SmsSide = {
    smsc,
    completed: () => completed,
    async latencies(sentAt) {
      const ms: number[] = [];
      for (const [number, at] of sentAt) {
        const end = receivedAt.get(number);
        if (end !== undefined) ms.push(end - at);
        receivedAt.delete(number);
      }
      const missing = sentAt.size - ms.length;
      return { ms, errors: missing, firstError: missing > 0 ? `${missing} echoes had no receipt` : null };
    },
  };
  return {
    side,
    async close() {
      session.destroy();
      await smsc.close();
    },
  };
}

/** Texts handled per second end to end and their p99 from text to reply's receipt, against the echo. */
async function smsRatios(context: BenchContext): Promise<BenchRow[]> {
  const bounds = readBounds(context);
  const kinga = await startKinga(context, bounds.isDemoPacing);
  context.note(
    bounds.isDemoPacing
      ? `the demo profile's sender pacing: ${kinga.pacing}`
      : `the sender's pacing raised in a copy of the demo profile: ${kinga.pacing}. The demo's (pollSeconds 2, batchSize 50, maxPerSecond 50/20/20) bounds the figure, since a queued reply waits for the sender's next poll (at most BENCH_CONCURRENCY texts per 2 s); BENCH_SMS_DEMO_PACING=1 measures with it`,
  );
  let echo: Awaited<ReturnType<typeof startEcho>> | undefined;
  try {
    const warmUp = { texts: Math.min(200, bounds.texts), concurrency: bounds.concurrency, maxMs: 30_000 };
    await drive(kinga.side, warmUp);
    // The reference answers with Kinga's own reply, so that both send the same bytes.
    const reply = kinga.side.smsc.received.at(-1)?.text ?? '';
    if (!reply.includes(IMEI)) throw new Error(`Kinga's reply names no IMEI: ${reply}`);
    echo = await startEcho(reply);
    await drive(echo.side, warmUp);
    const p99 = { reference: [] as number[], kinga: [] as number[] };
    const sides = { reference: echo.side, kinga: kinga.side };
    const rates = await alternateRounds(context, `SMS KYM ${IMEI}`, sides, async (side) => {
      const run = await drive(side, bounds);
      (side === sides.reference ? p99.reference : p99.kinga).push(run.p99Ms);
      return run;
    });
    const p99Kinga = median(p99.kinga);
    const p99Reference = median(p99.reference);
    const pacing = bounds.isDemoPacing ? "the demo's pacing" : 'pacing raised';
    return [
      {
        label: `SMS handled/s end to end (KYM <IMEI> in, reply out, its receipt matched), ${bounds.texts.toLocaleString('en')} a run, ${bounds.concurrency} at once (SQLite, ${pacing}), vs an SMPP client echoing alone`,
        value: `${Math.round(rates.subject).toLocaleString('en')} texts/s`,
        reference: `${Math.round(rates.reference).toLocaleString('en')} texts/s`,
        ratio: rates.subject / rates.reference,
      },
      {
        label: `SMS p99 from a text sent to its reply's receipt matched, ${bounds.concurrency} at once (reference / Kinga, higher is better)`,
        value: `${p99Kinga.toFixed(0)} ms`,
        reference: `${p99Reference.toFixed(0)} ms`,
        ratio: p99Reference / p99Kinga,
      },
    ];
  } finally {
    await echo?.close();
    await kinga.close();
  }
}

/** Texts handled per second end to end through the demo's loopback SMS centre, against an SMPP client that only echoes. */
export const bench: Bench = {
  name: 'sms',
  description:
    "SMS handled/s end to end on the demo over SQLite: phones of distinct numbers text KYM <IMEI> through its loopback SMS centre (BENCH_SMS_TEXTS a run, default 2,000; BENCH_CONCURRENCY at once), Kinga's SMS worker answers, and the rate runs to the last reply's receipt matched; against the same SMS centre and an SMPP client in the same process echoing each text at once; and the p99 from a text to its reply's receipt.",
  async run(context) {
    return smsRatios(context);
  },
};
