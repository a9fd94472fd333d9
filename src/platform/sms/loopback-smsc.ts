import type { AddressInfo } from 'node:net';
import * as smpp from 'smpp';

/** A message as the SMS centre received it from Kinga. */
export interface ReceivedSubmit {
  messageId: string;
  to: string;
  from: string;
  dataCoding: number;
  esmClass: number;
  /** The text as the SMS centre decoded it, by `data_coding`. */
  text: string;
  /** The information elements of the user data header (the concatenation header of a part). */
  udh: Buffer[];
  registeredDelivery: number;
}

/** How the loopback SMS centre behaves. */
export interface LoopbackSmscOptions {
  systemId?: string;
  password?: string;
  /** Writes ids in `submit_sm_resp` in this base, and in receipts in the other when `receiptIdsInOtherBase`. */
  idBase?: 'hex' | 'decimal';
  receiptIdsInOtherBase?: boolean;
  /** Pads receipt ids with leading zeros to this length. */
  receiptIdWidth?: number;
  /** Sends a delivery receipt for every part that asks for one, with this `stat:` (default DELIVRD); `null` sends none. */
  receiptStat?: string | null;
  /** Keeps only the newest this many received messages (the demo runs for days); all when absent. */
  maxKept?: number;
}

/**
 * A real SMPP 3.4 peer on loopback (the `smpp` package's server), playing an operator's SMS
 * centre for the tests and for the demo, which has no operator to bind to: it checks the bind's credentials, answers `submit_sm` with message ids, returns delivery
 * receipts, sends texts from phones, and can drop every link.
 */
export interface LoopbackSmsc {
  port: number;
  received: ReceivedSubmit[];
  binds: { systemId: string; accepted: boolean }[];
  /** Answers from Kinga to the texts and receipts this centre sent: 0 when stored. */
  deliverAnswers: number[];
  /** Sends a text from a phone to every bound session, as one or several parts; resolves with Kinga's answers. */
  sendInbound(from: string, to: string, parts: { shortMessage: Buffer; dataCoding: number; udh?: Buffer }[]): Promise<number[]>;
  /** Cuts every open connection, as a network fault would. */
  dropAll(): void;
  close(): Promise<void>;
}

/** Starts a {@link LoopbackSmsc} on 127.0.0.1 at a free port (never on another interface). */
export async function startLoopbackSmsc(options: LoopbackSmscOptions = {}): Promise<LoopbackSmsc> {
  const systemId = options.systemId ?? 'kinga';
  const password = options.password ?? 'secret';
  const sessions = new Set<smpp.Session>();
  const received: ReceivedSubmit[] = [];
  const binds: LoopbackSmsc['binds'] = [];
  const deliverAnswers: number[] = [];
  let nextId = 0x1a2b;
  const formatId = (n: number, base: 'hex' | 'decimal') => (base === 'hex' ? n.toString(16).toUpperCase() : String(n));
  const server = smpp.createServer((session) => {
    sessions.add(session);
    session.socket.setNoDelay(true);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => sessions.delete(session));
    session.on('bind_transceiver', (pdu: smpp.Pdu) => {
      const accepted = pdu.system_id === systemId && pdu.password === password;
      binds.push({ systemId: pdu.system_id ?? '', accepted });
      session.send(pdu.response({ command_status: accepted ? 0 : 0x0d /* ESME_RBINDFAIL */ }));
      if (!accepted) session.close();
    });
    session.on('enquire_link', (pdu: smpp.Pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu: smpp.Pdu) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: smpp.Pdu) => {
      const n = nextId++;
      const base = options.idBase ?? 'hex';
      const messageId = formatId(n, base);
      const body = pdu.short_message;
      const text = typeof body === 'object' && !Buffer.isBuffer(body) ? String(body.message) : String(body ?? '');
      const udh = typeof body === 'object' && !Buffer.isBuffer(body) ? (body.udh ?? []) : [];
      received.push({
        messageId,
        to: pdu.destination_addr ?? '',
        from: pdu.source_addr ?? '',
        dataCoding: pdu.data_coding ?? 0,
        esmClass: pdu.esm_class ?? 0,
        text,
        udh,
        registeredDelivery: pdu.registered_delivery ?? 0,
      });
      if (options.maxKept !== undefined && received.length > options.maxKept) received.splice(0, received.length - options.maxKept);
      session.send(pdu.response({ message_id: messageId }));
      const stat = options.receiptStat === undefined ? 'DELIVRD' : options.receiptStat;
      if (stat !== null && (pdu.registered_delivery ?? 0) & 1) {
        const otherBase = base === 'hex' ? 'decimal' : 'hex';
        const written = formatId(n, options.receiptIdsInOtherBase ? otherBase : base).padStart(options.receiptIdWidth ?? 0, '0');
        setImmediate(() =>
          session.deliver_sm(
            {
              source_addr: pdu.destination_addr,
              destination_addr: pdu.source_addr,
              esm_class: 0x04,
              short_message: `id:${written} sub:001 dlvrd:001 submit date:2612071200 done date:2612071201 stat:${stat} err:000 text:`,
            },
            (answer: smpp.Pdu) => deliverAnswers.push(answer.command_status),
          ),
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    received,
    binds,
    deliverAnswers,
    sendInbound(from, to, parts) {
      const answers = parts.map(
        (part) =>
          new Promise<number>((resolve) => {
            const session = [...sessions][0];
            if (!session) return resolve(-1);
            session.deliver_sm(
              {
                source_addr: from,
                destination_addr: to,
                esm_class: part.udh ? 0x40 : 0,
                data_coding: part.dataCoding,
                short_message: part.udh ? Buffer.concat([part.udh, part.shortMessage]) : part.shortMessage,
              },
              (answer: smpp.Pdu) => resolve(answer.command_status),
            );
          }),
      );
      return Promise.all(answers);
    },
    dropAll() {
      for (const session of sessions) session.destroy();
      sessions.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of sessions) session.destroy();
        server.close(() => resolve());
      }),
  };
}
