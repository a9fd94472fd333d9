import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import {
  HARD_STOP_MS,
  KEPT_METADATA,
  INITIAL_MESSAGE_SIZE,
  MAX_MESSAGE_SIZE,
  MEASUREMENT_INTERVAL_MS,
  NDT7_PATHS,
  NDT7_SUBPROTOCOL,
  TEST_DURATION_MS,
  buildMeasurement,
  formatEndpoint,
  nextMessageSize,
  offersNdt7Subprotocol,
  parseNdt7Query,
  type ConnectionInfo,
  type Ndt7TestKind,
} from './ndt7-protocol.ts';

/** How a test ended, as the server saw it. */
export type Ndt7EndReason = 'complete' | 'clientClosed' | 'hardStop' | 'protocolError' | 'tooLarge' | 'serverClosing' | 'networkError';

/** What the server measured in one test; never the client's address. */
export interface Ndt7TestRecord {
  uuid: string;
  test: Ndt7TestKind;
  startedAt: Date;
  /** Microseconds from the end of the handshake to the end of the test's data transfer. */
  elapsedMicros: number;
  /** Application bytes sent (download) or received (upload). */
  numBytes: number;
  /** The lowest WebSocket ping to pong time the server saw, in microseconds; null when no pong came. */
  minRttMicros: number | null;
  endReason: Ndt7EndReason;
  /** The client's query-string metadata, only the keys the server keeps. */
  metadata: Record<string, string>;
}

/** Options of {@link createNdt7Server}. */
export interface Ndt7ServerOptions {
  /** Tests running at once; an upgrade beyond it is refused with 503. */
  maxConcurrentTests: number;
  /** Tests one client address may start per minute; beyond it an upgrade is refused with 429. */
  testsPerAddressPerMinute: number;
  /** Read the client address from X-Forwarded-For, as Fastify's `trustProxy` does. */
  isProxyTrusted: boolean;
  /** The clock for the start instant stored with each record. */
  now(): Date;
  /** Called once per test when it ends. */
  onTestEnd(record: Ndt7TestRecord): void | Promise<void>;
  onError?(error: unknown): void;
  /** Shorter durations for tests of the server itself; the specification's values by default. */
  durationMs?: number;
  hardStopMs?: number;
  measurementIntervalMs?: number;
  /** Binary messages kept written but not yet flushed, for back-pressure (default 4). */
  messagesInFlight?: number;
}

/** An ndt7 server that takes over WebSocket upgrades on its two paths. */
export interface Ndt7Server {
  /** Handles an upgrade request if it is for an ndt7 path; returns false otherwise. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Tests running now. */
  activeTests(): number;
  /** Ends every running test and refuses new ones. */
  close(): Promise<void>;
}

let sharedPayload: Buffer | undefined;

/**
 * Random bytes the download test sends slices of, allocated once for every test: the socket
 * writes slices of one buffer without copying, so fifty tests cost one buffer, not fifty.
 */
function payload(): Buffer {
  sharedPayload ??= randomBytes(MAX_MESSAGE_SIZE);
  return sharedPayload;
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 429: 'Too Many Requests', 503: 'Service Unavailable' };

function refuse(socket: Duplex, status: number, message: string, headers: Record<string, string> = {}): void {
  const body = `${message}\n`;
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

/** A per-address admission counter over a sliding minute, kept in memory only and never logged. */
function createAddressLimiter(perMinute: number) {
  const starts = new Map<string, number[]>();
  let lastSweep = 0;
  return {
    /** Seconds to wait, or 0 when the address may start a test now (and it is counted). */
    admit(address: string, at: number): number {
      if (at - lastSweep > 60_000) {
        for (const [key, times] of starts) if (times.every((t) => at - t >= 60_000)) starts.delete(key);
        lastSweep = at;
      }
      const recent = (starts.get(address) ?? []).filter((t) => at - t < 60_000);
      if (recent.length >= perMinute) {
        starts.set(address, recent);
        return Math.max(1, Math.ceil((60_000 - (at - (recent[0] ?? at))) / 1000));
      }
      recent.push(at);
      starts.set(address, recent);
      return 0;
    },
  };
}

function clientAddressOf(request: IncomingMessage, isProxyTrusted: boolean): string {
  if (isProxyTrusted) {
    const forwarded = request.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return request.socket.remoteAddress ?? 'unknown';
}

/**
 * Creates the ndt7 server: download and upload tests over WebSocket following the ndt7
 * specification v0.11.0, with admission limits. It owns no HTTP server; see {@link attachNdt7Server}.
 */
export function createNdt7Server(options: Ndt7ServerOptions): Ndt7Server {
  const durationMs = options.durationMs ?? TEST_DURATION_MS;
  const hardStopMs = options.hardStopMs ?? HARD_STOP_MS;
  const intervalMs = options.measurementIntervalMs ?? MEASUREMENT_INTERVAL_MS;
  const inFlightLimit = options.messagesInFlight ?? 4;
  const limiter = createAddressLimiter(options.testsPerAddressPerMinute);
  const running = new Set<{ end(reason: Ndt7EndReason): void }>();
  let pendingUpgrades = 0;
  let isClosed = false;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_SIZE,
    perMessageDeflate: false,
    clientTracking: false,
    handleProtocols: (protocols) => (protocols.has(NDT7_SUBPROTOCOL) ? NDT7_SUBPROTOCOL : false),
  });

  const reportError = (error: unknown) => options.onError?.(error);

  function runTest(ws: WebSocket, request: IncomingMessage, test: Ndt7TestKind, metadata: Record<string, string>): void {
    const started = performance.now();
    const startedAt = options.now();
    const socket = request.socket;
    const connection: ConnectionInfo = {
      Client: formatEndpoint(socket.remoteAddress, socket.remotePort),
      Server: formatEndpoint(socket.localAddress, socket.localPort),
      UUID: randomUUID(),
      StartTime: startedAt.toISOString(),
    };
    const elapsedMicros = () => (performance.now() - started) * 1000;
    let numBytes = 0;
    let stoppedAtMicros: number | null = null;
    let endReason: Ndt7EndReason | null = null;
    let minRttMicros: number | null = null;
    const pings = new Map<string, number>();
    let pingSeq = 0;
    let isFinished = false;

    const ping = () => {
      if (ws.readyState !== WebSocket.OPEN || pings.size > 64) return;
      const key = String((pingSeq += 1));
      pings.set(key, performance.now());
      ws.ping(Buffer.from(key));
    };
    ws.on('pong', (data: Buffer) => {
      const sentAt = pings.get(data.toString());
      if (sentAt === undefined) return;
      pings.delete(data.toString());
      const rtt = (performance.now() - sentAt) * 1000;
      if (minRttMicros === null || rtt < minRttMicros) minRttMicros = rtt;
    });

    const measure = () => {
      if (ws.readyState !== WebSocket.OPEN) return;
      ws.send(JSON.stringify(buildMeasurement(test, connection, stoppedAtMicros ?? elapsedMicros(), numBytes)));
      // One ping per measurement at most: the specification forbids pinging more often than measuring.
      if (stoppedAtMicros === null) ping();
    };

    // Download: binary messages grow by the appendix's rule; a few stay in flight so that the
    // socket's own back-pressure, not a timer, sets the pace.
    let size = INITIAL_MESSAGE_SIZE;
    let queued = 0;
    let inFlight = 0;
    const pump = () => {
      while (stoppedAtMicros === null && inFlight < inFlightLimit && ws.readyState === WebSocket.OPEN) {
        const length = size;
        queued += length;
        size = nextMessageSize(length, queued);
        inFlight += 1;
        ws.send(payload().subarray(0, length), { binary: true }, (error) => {
          inFlight -= 1;
          if (error) return;
          if (stoppedAtMicros === null) numBytes += length;
          pump();
        });
      }
    };

    const stop = (reason: Ndt7EndReason, code: number, why: string) => {
      if (stoppedAtMicros !== null) return;
      stoppedAtMicros = elapsedMicros();
      endReason = reason;
      measure();
      if (ws.readyState === WebSocket.OPEN) ws.close(code, why);
    };

    const soft = setTimeout(() => stop('complete', 1000, 'the test is over'), durationMs);
    const hard = setTimeout(() => {
      endReason = stoppedAtMicros === null || endReason === 'complete' ? 'hardStop' : endReason;
      stoppedAtMicros ??= elapsedMicros();
      ws.terminate();
    }, hardStopMs);
    const timer = setInterval(measure, intervalMs);

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) return; // Client measurements are optional and may be ignored.
      if (test === 'download') {
        stop('protocolError', 1003, 'binary messages are not expected during a download');
        return;
      }
      if (stoppedAtMicros === null) numBytes += lengthOf(data);
    });
    ws.on('error', (error: Error & { code?: string }) => {
      if (stoppedAtMicros !== null) return;
      stoppedAtMicros = elapsedMicros();
      endReason = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'tooLarge' : 'networkError';
    });

    const entry = {
      end(reason: Ndt7EndReason) {
        if (stoppedAtMicros === null) {
          stoppedAtMicros = elapsedMicros();
          endReason = reason;
        }
        ws.terminate();
      },
    };
    running.add(entry);

    ws.on('close', () => {
      if (isFinished) return;
      isFinished = true;
      clearTimeout(soft);
      clearTimeout(hard);
      clearInterval(timer);
      running.delete(entry);
      if (stoppedAtMicros === null) {
        stoppedAtMicros = elapsedMicros();
        endReason = 'clientClosed';
      }
      const record: Ndt7TestRecord = {
        uuid: connection.UUID,
        test,
        startedAt,
        elapsedMicros: Math.round(stoppedAtMicros),
        numBytes,
        minRttMicros: minRttMicros === null ? null : Math.round(minRttMicros),
        endReason: endReason ?? 'clientClosed',
        metadata,
      };
      Promise.resolve()
        .then(() => options.onTestEnd(record))
        .catch(reportError);
    });

    // The first measurement, and its ping, leave before any load, so one round trip sees an idle path.
    measure();
    if (test === 'download') pump();
  }

  return {
    handleUpgrade(request, socket, head) {
      const url = request.url ?? '';
      const queryAt = url.indexOf('?');
      const path = queryAt < 0 ? url : url.slice(0, queryAt);
      const test = path === NDT7_PATHS.download ? 'download' : path === NDT7_PATHS.upload ? 'upload' : null;
      if (test === null) return false;
      if (isClosed) {
        refuse(socket, 503, 'The measurement server is shutting down.', { 'Retry-After': '30' });
        return true;
      }
      // The specification asks for a 4xx when the request does not look right.
      if (!offersNdt7Subprotocol(request.headers['sec-websocket-protocol'])) {
        refuse(socket, 400, `The WebSocket subprotocol ${NDT7_SUBPROTOCOL} is required.`);
        return true;
      }
      const query = parseNdt7Query(queryAt < 0 ? '' : url.slice(queryAt + 1));
      if (!query.ok) {
        refuse(socket, 400, `The query string cannot be used: ${query.reason}.`);
        return true;
      }
      if (running.size + pendingUpgrades >= options.maxConcurrentTests) {
        refuse(socket, 503, 'The measurement server is busy; try again in a minute.', { 'Retry-After': '30' });
        return true;
      }
      const wait = limiter.admit(clientAddressOf(request, options.isProxyTrusted), Date.now());
      if (wait > 0) {
        refuse(socket, 429, 'Too many tests from this address; wait a minute.', { 'Retry-After': String(wait) });
        return true;
      }
      const metadata: Record<string, string> = {};
      for (const [key, value] of Object.entries(query.metadata)) {
        if ((KEPT_METADATA as readonly string[]).includes(key)) metadata[key] = value.slice(0, 100);
      }
      pendingUpgrades += 1;
      let isPending = true;
      const settle = () => {
        if (!isPending) return;
        isPending = false;
        pendingUpgrades -= 1;
      };
      socket.on('error', reportError);
      // A handshake ws refuses (a bad key, a wrong version) never reaches the callback below.
      socket.once('close', settle);
      wss.handleUpgrade(request, socket, head, (ws) => {
        settle();
        if (isClosed) {
          ws.terminate();
          return;
        }
        runTest(ws, request, test, metadata);
      });
      return true;
    },
    activeTests: () => running.size,
    async close() {
      isClosed = true;
      for (const entry of [...running]) entry.end('serverClosing');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function lengthOf(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

/**
 * Routes the HTTP server's WebSocket upgrades on the ndt7 paths to the ndt7 server; upgrades on
 * other paths are refused, since nothing else in Kinga speaks WebSocket.
 */
export function attachNdt7Server(server: Server, ndt7: Ndt7Server): () => void {
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (ndt7.handleUpgrade(request, socket, head)) return;
    if (server.listenerCount('upgrade') === 1) socket.destroy();
  };
  server.on('upgrade', onUpgrade);
  return () => server.off('upgrade', onUpgrade);
}
