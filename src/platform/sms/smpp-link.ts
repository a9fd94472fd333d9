import * as smpp from 'smpp';
import type { Logger } from 'pino';
import { DATA_CODING, smsSegments, type SmsEncoding } from './sms-text.ts';
import { parseDeliveryReceipt, type DeliveryReceipt } from './delivery-receipt.ts';

/** How Kinga binds to one SMS centre as an ESME (transceiver). */
export interface SmppLinkOptions {
  /** `smpp://host:port`; the credentials come apart, from the profile and the environment. */
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType?: string;
  /** The sender shown on phones: a short code or an alphanumeric sender id. */
  sourceAddr: string;
  /**
   * The `data_coding` a GSM 7-bit text is sent with: 0 (the SMS centre's default alphabet, as SMPP
   * 3.4 says GSM 7-bit) unless the SMS centre reads 0 as Latin-1 and wants 1 (IA5); UCS-2 is always 8.
   */
  gsm7DataCoding?: number;
  /** Seconds between `enquire_link` keep-alives; a link silent twice as long is dropped and bound again. */
  enquireLinkSeconds: number;
  /** The first wait before binding again after the link fell, doubled each time up to `reconnectMaxSeconds`. */
  reconnectInitialSeconds: number;
  reconnectMaxSeconds: number;
  /** The most `submit_sm` per second on this bind (the SMS centre's contract). */
  maxPerSecond: number;
  /** Seconds a response may take before the request counts as failed. */
  responseSeconds: number;
  logger: Logger;
}

/** The state of a link. */
export type SmppLinkState = 'connecting' | 'bound' | 'down' | 'closed';

/** A text received from a phone (mobile originated), its parts joined. */
export interface InboundSms {
  from: string;
  to: string;
  text: string;
}

/** What the link hands on; the SMS centre is acknowledged only once the handler has resolved, so nothing acknowledged is lost. */
export interface SmppLinkHandlers {
  onReceipt(receipt: DeliveryReceipt): Promise<void>;
  onMessage(message: InboundSms): Promise<void>;
  onStateChange?(state: SmppLinkState, reason?: string): void;
}

/** A submitted text: its encoding and the SMS centre's id of each part, in order. */
export interface SubmitResult {
  encoding: SmsEncoding;
  messageIds: string[];
}

/** The link is not bound: the message waits in the queue for the next bind. */
export class SmppLinkDownError extends Error {
  constructor(readonly state: SmppLinkState) {
    super(`The SMPP link is ${state}.`);
    this.name = 'SmppLinkDownError';
  }
}

/** The SMS centre refused a request; `isRetriable` when it asked to slow down or failed on its side. */
export class SmppRequestError extends Error {
  readonly isRetriable: boolean;
  constructor(
    readonly command: string,
    readonly status: number,
  ) {
    super(`The SMS centre answered ${command} with status 0x${status.toString(16).padStart(8, '0')}.`);
    this.name = 'SmppRequestError';
    this.isRetriable = status === SMPP_STATUS.throttled || status === SMPP_STATUS.systemError || status === SMPP_STATUS.messageQueueFull;
  }
}

/** One bound link to an SMS centre, bound again after every fall. */
export interface SmppLink {
  readonly state: SmppLinkState;
  /** Resolves once bound (or rejects when closed first). */
  whenBound(): Promise<void>;
  /** Sends `text` to `to` in as many parts as it needs, each asking for a delivery receipt; `reference` ties the parts together (0 to 255). */
  submit(to: string, text: string, reference: number): Promise<SubmitResult>;
  close(): Promise<void>;
}

/** Command statuses of SMPP 3.4 section 5.1.3 that Kinga sends or reads. */
export const SMPP_STATUS = { ok: 0x00, messageQueueFull: 0x14, systemError: 0x08, bindFailed: 0x0d, throttled: 0x58 } as const;

/** The `esm_class` of a deliver_sm carrying an SMS centre delivery receipt (bits 2 to 5). */
const ESM_RECEIPT = 0x04;
const ESM_UDHI = 0x40;

/** Opens a link to an SMS centre and keeps it bound until {@link SmppLink.close}. */
export function openSmppLink(options: SmppLinkOptions, handlers: SmppLinkHandlers): SmppLink {
  let state: SmppLinkState = 'connecting';
  let session: smpp.Session | undefined;
  let failures = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let keepAlive: NodeJS.Timeout | undefined;
  let lastHeard = Date.now();
  let waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const partials = new Map<string, { parts: (string | undefined)[]; startedAt: number }>();
  // Tokens of the throughput cap: one submit_sm each, refilled continuously.
  let tokens = options.maxPerSecond;
  let tokensAt = Date.now();

  const setState = (next: SmppLinkState, reason?: string) => {
    if (state === next) return;
    state = next;
    handlers.onStateChange?.(next, reason);
    if (next === 'bound') {
      for (const w of waiters) w.resolve();
      waiters = [];
    }
    if (next === 'closed') {
      for (const w of waiters) w.reject(new SmppLinkDownError('closed'));
      waiters = [];
    }
  };

  const request = (send: (callback: (pdu: smpp.Pdu) => void) => void, command: string): Promise<smpp.Pdu> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new SmppLinkDownError(state)), options.responseSeconds * 1000);
      send((pdu) => {
        clearTimeout(timer);
        lastHeard = Date.now();
        if (pdu.command_status === 0) resolve(pdu);
        else reject(new SmppRequestError(command, pdu.command_status));
      });
    });

  const fall = (reason: string) => {
    if (state === 'closed') return;
    clearInterval(keepAlive);
    keepAlive = undefined;
    const falling = session;
    session = undefined;
    falling?.removeAllListeners();
    falling?.on('error', () => undefined);
    falling?.destroy();
    setState('down', reason);
    failures += 1;
    const ceiling = Math.min(options.reconnectMaxSeconds, options.reconnectInitialSeconds * 2 ** (failures - 1));
    // Jitter keeps several processes from binding again in step.
    const wait = ceiling * (0.8 + Math.random() * 0.4) * 1000;
    options.logger.warn({ host: options.host, port: options.port, reason, retryInSeconds: Math.round(wait / 100) / 10 }, 'SMPP link down');
    reconnectTimer = setTimeout(connect, wait);
  };

  const onDeliver = (current: smpp.Session, pdu: smpp.Pdu) => {
    lastHeard = Date.now();
    const answer = (status: number) => current.send(pdu.response({ command_status: status }));
    const work = async () => {
      const esmClass = pdu.esm_class ?? 0;
      const body = pdu.short_message;
      const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('latin1') : String(body?.message ?? '');
      if ((esmClass & 0x3c) === ESM_RECEIPT) {
        const receiptOptions: { receiptedMessageId?: string; messageState?: number } = {};
        if (pdu.receipted_message_id !== undefined) receiptOptions.receiptedMessageId = pdu.receipted_message_id;
        if (pdu.message_state !== undefined) receiptOptions.messageState = pdu.message_state;
        const receipt = parseDeliveryReceipt(text, receiptOptions);
        if (receipt) await handlers.onReceipt(receipt);
        return;
      }
      const whole = joinParts(pdu, text, esmClass);
      if (whole !== undefined) await handlers.onMessage({ from: pdu.source_addr ?? '', to: pdu.destination_addr ?? '', text: whole });
    };
    work().then(
      () => answer(0),
      (error: unknown) => {
        options.logger.error({ err: error }, 'An inbound SMS or receipt could not be stored; the SMS centre will send it again');
        answer(SMPP_STATUS.systemError);
      },
    );
  };

  /** The whole text once every part of a concatenated message has arrived; `undefined` while parts are missing. */
  const joinParts = (pdu: smpp.Pdu, text: string, esmClass: number): string | undefined => {
    const body = pdu.short_message;
    const udh = typeof body === 'object' && !Buffer.isBuffer(body) ? body.udh : undefined;
    const concat = (esmClass & ESM_UDHI) !== 0 ? udh?.find((ie) => ie[0] === 0x00 || ie[0] === 0x08) : undefined;
    if (!concat) return text;
    const is16 = concat[0] === 0x08;
    const reference = is16 ? ((concat[2] ?? 0) << 8) | (concat[3] ?? 0) : (concat[2] ?? 0);
    const total = concat[is16 ? 4 : 3] ?? 1;
    const sequence = concat[is16 ? 5 : 4] ?? 1;
    const key = `${pdu.source_addr ?? ''}|${reference}|${total}`;
    const now = Date.now();
    for (const [k, v] of partials) if (now - v.startedAt > 10 * 60_000) partials.delete(k);
    const entry = partials.get(key) ?? { parts: new Array<string | undefined>(total).fill(undefined), startedAt: now };
    entry.parts[sequence - 1] = text;
    partials.set(key, entry);
    if (entry.parts.some((p) => p === undefined)) return undefined;
    partials.delete(key);
    return entry.parts.join('');
  };

  function connect(): void {
    if (state === 'closed') return;
    setState('connecting');
    const current = smpp.connect({ host: options.host, port: options.port });
    // PDUs are small and each waits for its answer: Nagle's delay would hold every one back.
    current.socket.setNoDelay(true);
    session = current;
    current.on('error', (error: Error) => fall(error.message));
    current.on('close', () => fall('connection closed'));
    current.on('deliver_sm', (pdu: smpp.Pdu) => onDeliver(current, pdu));
    current.on('enquire_link', (pdu: smpp.Pdu) => {
      lastHeard = Date.now();
      current.send(pdu.response());
    });
    current.on('unbind', (pdu: smpp.Pdu) => {
      current.send(pdu.response());
      fall('the SMS centre unbound');
    });
    current.on('connect', () => {
      request(
        (cb) => current.bind_transceiver({ system_id: options.systemId, password: options.password, system_type: options.systemType ?? '' }, cb),
        'bind_transceiver',
      )
        .then(() => {
          if (session !== current) return;
          failures = 0;
          lastHeard = Date.now();
          keepAlive = setInterval(() => {
            if (Date.now() - lastHeard > options.enquireLinkSeconds * 2000) fall('no answer to enquire_link');
            else current.enquire_link({}, () => (lastHeard = Date.now()));
          }, options.enquireLinkSeconds * 1000);
          setState('bound');
          options.logger.info({ host: options.host, port: options.port }, 'SMPP link bound');
        })
        .catch((error: unknown) => fall(error instanceof Error ? error.message : 'bind failed'));
    });
  }

  const takeToken = async (): Promise<void> => {
    for (;;) {
      const now = Date.now();
      tokens = Math.min(options.maxPerSecond, tokens + ((now - tokensAt) / 1000) * options.maxPerSecond);
      tokensAt = now;
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(((1 - tokens) / options.maxPerSecond) * 1000)));
    }
  };

  connect();

  return {
    get state() {
      return state;
    },
    whenBound() {
      if (state === 'bound') return Promise.resolve();
      if (state === 'closed') return Promise.reject(new SmppLinkDownError('closed'));
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    async submit(to, text, reference) {
      const { encoding, segments } = smsSegments(text, reference);
      const messageIds: string[] = [];
      for (const segment of segments) {
        await takeToken();
        const current = session;
        if (state !== 'bound' || !current) throw new SmppLinkDownError(state);
        const response = await request(
          (cb) =>
            current.submit_sm(
              {
                source_addr: options.sourceAddr,
                source_addr_ton: /^\d+$/.test(options.sourceAddr) ? 0 : 5,
                destination_addr: to.replace(/^\+/, ''),
                dest_addr_ton: 1,
                dest_addr_npi: 1,
                esm_class: segment.hasUdh ? ESM_UDHI : 0,
                data_coding: encoding === 'gsm7' ? (options.gsm7DataCoding ?? DATA_CODING.gsm7) : DATA_CODING.ucs2,
                registered_delivery: 1,
                short_message: segment.shortMessage,
              },
              cb,
            ),
          'submit_sm',
        );
        messageIds.push(response.message_id ?? '');
      }
      return { encoding, messageIds };
    },
    async close() {
      clearTimeout(reconnectTimer);
      clearInterval(keepAlive);
      const current = session;
      setState('closed');
      session = undefined;
      if (!current) return;
      current.removeAllListeners('close');
      current.removeAllListeners('error');
      current.on('error', () => undefined);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        current.unbind({}, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      current.destroy();
    },
  };
}
