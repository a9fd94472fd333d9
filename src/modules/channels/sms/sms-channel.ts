import { randomBytes } from 'node:crypto';
import type { Platform } from '../../../platform/platform.ts';
import { createClock } from '../../../platform/clock.ts';
import {
  createSmsOutboxRepository,
  senderSettingsOf,
  sendingRoutesOf,
  startLoopbackSmsc,
  startSmsSender,
  type LoopbackSmsc,
  type SmsSender,
  type SmsSettings,
  type StoredInbound,
} from '../../../platform/sms/index.ts';

/** The SMS side of a running process: its sender, and in the demo the loopback SMS centre it binds to. */
export interface SmsChannel {
  sender: SmsSender;
  /** Only in the demo, for routes whose address the environment does not give. */
  demoSmsc: LoopbackSmsc | undefined;
  stop(): Promise<void>;
}

const running = new WeakMap<Platform, SmsChannel>();

/** The SMS channel this process runs for `platform`, if it runs one (a process that runs the job worker). */
export function runningSmsChannel(platform: Platform): SmsChannel | undefined {
  return running.get(platform);
}

/** The longest the demo's start waits for its links to the loopback SMS centre. */
const DEMO_BIND_WAIT_MS = 5000;

/** How many texts the demo's SMS centre keeps for the simulator page. */
const DEMO_SMSC_KEPT = 500;

/**
 * Binds to the SMS centre of every route whose address the environment gives. In the demo, routes
 * without one bind to an SMS centre on loopback started here, which answers every text with a
 * receipt, so that a newcomer sees texts leave and arrive after `npm start`. Elsewhere such a
 * route is said once in the log, and texts to its numbers wait in the queue.
 */
export async function startSmsChannel(input: {
  platform: Platform;
  sms: SmsSettings;
  env: Record<string, string | undefined>;
  isDemo: boolean;
  onInbound?: (stored: StoredInbound) => void;
}): Promise<SmsChannel> {
  const { platform, sms, isDemo } = input;
  let env = input.env;
  let demoSmsc: LoopbackSmsc | undefined;
  const missing = sms.routes.filter((route) => !env[route.urlVariable]);
  if (isDemo && missing.length > 0) {
    // The routes the environment leaves out get the address of an SMS centre on loopback, as if set.
    const password = randomBytes(9).toString('base64url');
    demoSmsc = await startLoopbackSmsc({ systemId: 'kinga-demo', password, maxKept: DEMO_SMSC_KEPT });
    const address = `smpp://kinga-demo:${password}@127.0.0.1:${demoSmsc.port}`;
    env = { ...env, ...Object.fromEntries(missing.map((route) => [route.urlVariable, address])) };
    platform.logger.info({ routes: missing.map((route) => route.name), port: demoSmsc.port }, 'The demo binds its SMS routes to an SMS centre on loopback');
  }
  const { routes, problems } = sendingRoutesOf(sms, env);
  for (const problem of problems) platform.logger.warn(problem);
  const repository = createSmsOutboxRepository(platform.db.kysely);
  const senderInput: Parameters<typeof startSmsSender>[0] = {
    repository,
    keyring: platform.keyring,
    // With KINGA_CLOCK the platform clock stands still, but a lock on a text must end in real time.
    clock: platform.config.clock ? createClock() : platform.clock,
    ids: platform.ids,
    logger: platform.logger.child({ component: 'sms' }),
    routes,
    settings: senderSettingsOf(sms),
    portedRouteOf: (hash) => repository.portedRouteOf(hash),
  };
  if (input.onInbound) senderInput.onInbound = input.onInbound;
  const sender = startSmsSender(senderInput);
  // The demo's links bind on loopback at once; waiting for them keeps their log lines before the
  // accounts the first start prints last.
  if (demoSmsc !== undefined) await Promise.race([sender.whenBound(), new Promise((resolve) => setTimeout(resolve, DEMO_BIND_WAIT_MS).unref())]);
  // Texts queued in this process (a code, a reply) leave at once rather than at the next poll.
  const unsubscribe = platform.sms.onQueued(() => sender.wake());
  const channel: SmsChannel = {
    sender,
    demoSmsc,
    async stop() {
      unsubscribe();
      running.delete(platform);
      await sender.close();
      await demoSmsc?.close();
    },
  };
  running.set(platform, channel);
  return channel;
}
