import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Keyring } from '../crypto/index.ts';
import type { IdGenerator } from '../ids.ts';
import { isFinalState, receiptMessageKey, sentMessageKey, type DeliveryReceipt, type ReceiptIdMode } from './delivery-receipt.ts';
import { openSmppLink, SmppLinkDownError, SmppRequestError, type InboundSms, type SmppLink, type SmppLinkState } from './smpp-link.ts';
import { chooseRoute } from './sms-routes.ts';
import type { SmsOutboxRepository, SmsMessageRow } from './sms-outbox.repository.ts';
import { SMS_NUMBER_CONTEXT, SMS_NUMBER_HASH, SMS_TEXT_CONTEXT } from './sms-outbox.ts';

/** One operator's SMS centre as the sender binds to it. */
export interface SmsSenderRoute {
  name: string;
  /** E.164 prefixes without `+` (country code included) this route serves. */
  prefixes: readonly string[];
  host: string;
  port: number;
  systemId: string;
  password: string;
  /** The short code or sender id texts come from. */
  sourceAddress: string;
  receiptIds: ReceiptIdMode;
  maxPerSecond: number;
  /** The `data_coding` of GSM 7-bit texts on this route (0, or 1 where the SMS centre reads 0 as Latin-1). */
  gsm7DataCoding?: number;
}

/** How the sender paces itself, from the profile. */
export interface SmsSenderSettings {
  enquireLinkSeconds: number;
  reconnectInitialSeconds: number;
  reconnectMaxSeconds: number;
  responseSeconds: number;
  /** How many texts one pass takes from the queue. */
  batchSize: number;
  /** How often the queue is read when nothing wakes the sender. */
  pollSeconds: number;
  /** After this many attempts a text that the SMS centre keeps refusing is given up. */
  maxAttempts: number;
  /** How long a text waits after the SMS centre said it was busy. */
  retrySeconds: number;
}

/** A text received and stored, for whoever handles texts from phones. */
export interface StoredInbound {
  id: string;
  route: string;
}

/** What the sender reports, for `/metrics` and staff pages. */
export interface SmsSenderStatus {
  links: { route: string; state: SmppLinkState }[];
  submitted: number;
  receiptsMatched: number;
  receiptsUnmatched: number;
}

/** The running sender: one link per route, the outbox drained through them. */
export interface SmsSender {
  /** Reads the queue now rather than at the next poll (a text was just queued). */
  wake(): void;
  status(): SmsSenderStatus;
  /** Resolves when every link is bound (tests and the demo's first start). */
  whenBound(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The error codes a text's `last_error` holds (pages word them from their catalogues): `no-route`
 * (given up at once, since waiting would not help), `link-down`, `smsc-status:0x..` (the SMS
 * centre's refusal), `send-failed`, and the repository's `receipt-failed`.
 */
const NO_ROUTE = 'no-route';

/**
 * Starts the sender: binds to every route's SMS centre, sends queued texts through the route of
 * their number (its porting entry first, then the longest prefix), stores the SMS centre's id of
 * every part, and matches receipts and texts from phones as they come. A text waits in the queue
 * while its link is down and leaves once after the link is bound again.
 */
export function startSmsSender(deps: {
  repository: SmsOutboxRepository;
  keyring: Keyring;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  routes: readonly SmsSenderRoute[];
  settings: SmsSenderSettings;
  /** The route a ported number (by its keyed hash) now belongs to, when it is in the porting table. */
  portedRouteOf?: (numberHash: string) => Promise<string | undefined>;
  /** Called once a text from a phone is stored (not before: the SMS centre is told only then). */
  onInbound?: (stored: StoredInbound) => void;
}): SmsSender {
  const { repository, keyring, clock, ids, logger, routes, settings } = deps;
  const links = new Map<string, SmppLink>();
  const inflight = new Map<string, Set<Promise<unknown>>>();
  const counters = { submitted: 0, receiptsMatched: 0, receiptsUnmatched: 0 };
  let isClosed = false;
  let isDraining = false;
  let isWoken = false;
  let timer: NodeJS.Timeout | undefined;

  const nowIso = () => clock.now().toISOString();
  const later = (seconds: number) => new Date(clock.now().getTime() + seconds * 1000).toISOString();

  const applyReceipt = async (route: SmsSenderRoute, receipt: DeliveryReceipt) => {
    if (!isFinalState(receipt.state)) return;
    const key = receiptMessageKey(receipt.messageId, route.receiptIds);
    const apply = () =>
      key === undefined
        ? Promise.resolve(undefined)
        : repository.applyReceipt({ route: route.name, smscKey: key, isDelivered: receipt.state === 'delivered', now: nowIso() });
    let matched = await apply();
    if (matched === undefined) {
      // A receipt can come before the parts it names are stored: wait for the sends under way on this link.
      await Promise.allSettled([...(inflight.get(route.name) ?? [])]);
      matched = await apply();
    }
    if (matched === undefined) {
      counters.receiptsUnmatched += 1;
      logger.warn({ route: route.name }, 'A delivery receipt names no text sent on its route');
      return;
    }
    counters.receiptsMatched += 1;
  };

  const storeInbound = async (route: SmsSenderRoute, inbound: InboundSms) => {
    const from = inbound.from.startsWith('+') ? inbound.from : `+${inbound.from}`;
    const id = ids();
    await repository.insertInbound({
      id,
      route: route.name,
      from_hash: keyring.hash(from, SMS_NUMBER_HASH),
      from_enc: keyring.encrypt(from, SMS_NUMBER_CONTEXT),
      to_address: inbound.to,
      text_enc: keyring.encrypt(inbound.text, SMS_TEXT_CONTEXT),
      state: 'new',
      attempts: 0,
      received_at: nowIso(),
      handled_at: null,
      locked_until: null,
    });
    deps.onInbound?.({ id, route: route.name });
  };

  for (const route of routes) {
    inflight.set(route.name, new Set());
    links.set(
      route.name,
      openSmppLink(
        {
          host: route.host,
          port: route.port,
          systemId: route.systemId,
          password: route.password,
          sourceAddr: route.sourceAddress,
          ...(route.gsm7DataCoding === undefined ? {} : { gsm7DataCoding: route.gsm7DataCoding }),
          enquireLinkSeconds: settings.enquireLinkSeconds,
          reconnectInitialSeconds: settings.reconnectInitialSeconds,
          reconnectMaxSeconds: settings.reconnectMaxSeconds,
          maxPerSecond: route.maxPerSecond,
          responseSeconds: settings.responseSeconds,
          logger: logger.child({ route: route.name }),
        },
        {
          onReceipt: (receipt) => applyReceipt(route, receipt),
          onMessage: (inbound) => storeInbound(route, inbound),
          onStateChange(state) {
            // Texts that waited for this link leave as soon as it is bound again.
            if (state === 'bound') sender.wake();
          },
        },
      ),
    );
  }

  const routeOf = async (message: SmsMessageRow, to: string) => {
    if (message.route !== null && routes.some((r) => r.name === message.route)) return routes.find((r) => r.name === message.route);
    return chooseRoute(to, routes, await deps.portedRouteOf?.(message.to_hash));
  };

  const send = async (message: SmsMessageRow) => {
    const to = keyring.decrypt(message.to_enc, SMS_NUMBER_CONTEXT);
    const route = await routeOf(message, to);
    if (route === undefined) {
      await repository.markFailed({ id: message.id, route: null, now: nowIso(), error: NO_ROUTE });
      return;
    }
    const link = links.get(route.name);
    if (link?.state !== 'bound') {
      // Kept for the route, and sent when its link is bound again (the bind wakes the sender).
      await repository.release({ id: message.id, route: route.name, nextAttemptAt: nowIso(), error: 'link-down' });
      return 'waiting' as const;
    }
    const text = keyring.decrypt(message.text_enc, SMS_TEXT_CONTEXT);
    // One concatenation reference per text, from its id, so that a phone joins only its own parts.
    const reference = Number.parseInt(message.id.replace(/-/g, '').slice(-2), 16) || 1;
    const work = link.submit(to, text, reference);
    const pending = inflight.get(route.name);
    const tracked = work.then(async (result) => {
      await repository.markSubmitted({
        id: message.id,
        route: route.name,
        now: nowIso(),
        parts: result.messageIds.map((smscId, i) => ({ partNumber: i + 1, smscKey: sentMessageKey(smscId) })),
      });
      counters.submitted += 1;
    });
    pending?.add(tracked);
    try {
      await tracked;
    } catch (error) {
      if (error instanceof SmppLinkDownError) {
        await repository.release({ id: message.id, route: route.name, nextAttemptAt: nowIso(), error: 'link-down' });
        return 'waiting' as const;
      }
      const isBusy = error instanceof SmppRequestError && error.isRetriable;
      const reason = error instanceof SmppRequestError ? `smsc-status:0x${error.status.toString(16).padStart(2, '0')}` : 'send-failed';
      if (isBusy && message.attempts < settings.maxAttempts) {
        await repository.release({ id: message.id, route: route.name, nextAttemptAt: later(settings.retrySeconds), error: reason });
      } else {
        await repository.markFailed({ id: message.id, route: route.name, now: nowIso(), error: reason });
        logger.warn({ route: route.name, reason }, 'A text was given up');
      }
    } finally {
      pending?.delete(tracked);
    }
    return undefined;
  };

  const drain = async () => {
    if (isDraining) {
      isWoken = true;
      return;
    }
    isDraining = true;
    try {
      do {
        isWoken = false;
        const bound = routes.filter((r) => links.get(r.name)?.state === 'bound');
        if (bound.length === 0) break;
        const batch = await repository.claimDue({
          routes: bound.map((r) => r.name),
          now: nowIso(),
          lockedUntil: later(settings.responseSeconds * 4 + 30),
          limit: settings.batchSize,
        });
        if (batch.length === 0) break;
        const outcomes = await Promise.all(batch.map((message) => send(message)));
        // A batch whose texts all wait for a link that is down is not read again until the link is back.
        if (outcomes.every((outcome) => outcome === 'waiting')) break;
        isWoken = true;
      } while (isWoken && !isClosed);
    } catch (error) {
      logger.error({ err: error }, 'The SMS queue could not be read');
    } finally {
      isDraining = false;
    }
  };

  const schedule = () => {
    if (isClosed) return;
    timer = setTimeout(() => {
      void drain().finally(schedule);
    }, settings.pollSeconds * 1000);
    timer.unref();
  };

  const sender: SmsSender = {
    wake() {
      if (!isClosed) void drain();
    },
    status: () => ({ links: routes.map((r) => ({ route: r.name, state: links.get(r.name)?.state ?? 'closed' })), ...counters }),
    async whenBound() {
      await Promise.all([...links.values()].map((link) => link.whenBound()));
    },
    async close() {
      isClosed = true;
      clearTimeout(timer);
      await Promise.all([...links.values()].map((link) => link.close()));
    },
  };
  schedule();
  return sender;
}
