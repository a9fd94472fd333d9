/**
 * The constants and pure rules of the ndt7 protocol, specification v0.11.0
 * (m-lab/ndt-server, spec/ndt7-protocol.md). No sockets, no clock: the server feeds values in.
 */

/** The WebSocket subprotocol every ndt7 upgrade request must name. */
export const NDT7_SUBPROTOCOL = 'net.measurementlab.ndt.v7';

/** The two test paths of the specification. */
export const NDT7_PATHS = { download: '/ndt/v7/download', upload: '/ndt/v7/upload' } as const;

/** A test kind, as the `Test` field of a measurement names it. */
export type Ndt7TestKind = keyof typeof NDT7_PATHS;

/** The first binary message size the specification recommends (1 << 13 bytes). */
export const INITIAL_MESSAGE_SIZE = 1 << 13;

/** The smallest binary message the specification allows (1 << 10 bytes). */
export const MIN_MESSAGE_SIZE = 1 << 10;

/**
 * The largest binary message: the specification bounds messages at 1 << 24 bytes, its appendix
 * stops scaling there, and a receiver must accept messages up to that size.
 */
export const MAX_MESSAGE_SIZE = 1 << 24;

/** The appendix's scaling fraction: double when the message is smaller than 1/16 of the bytes queued. */
export const SCALING_FRACTION = 16;

/** The expected duration of a test: "up to ten seconds" from the end of the handshake. */
export const TEST_DURATION_MS = 10_000;

/** The hard stop: after thirteen seconds an implementation may close the connection, and does. */
export const HARD_STOP_MS = 13_000;

/** About four measurement messages a second: under the specification's ten a second. */
export const MEASUREMENT_INTERVAL_MS = 250;

/** The longest query string an upgrade request may carry. */
export const MAX_QUERY_BYTES = 4096;

/**
 * The size of the next binary message after one of `size` bytes, with `queued` bytes queued so
 * far including it (the appendix's algorithm): doubled when smaller than 1/16 of the queued bytes,
 * never above {@link MAX_MESSAGE_SIZE}.
 *
 * @example nextMessageSize(8192, 17 * 8192) // 16384
 */
export function nextMessageSize(size: number, queued: number): number {
  if (size >= MAX_MESSAGE_SIZE || size >= Math.floor(queued / SCALING_FRACTION)) return size;
  return Math.min(size * 2, MAX_MESSAGE_SIZE);
}

/** The application-level counters of a measurement. */
export interface AppInfo {
  /** Microseconds since the handshake completed. */
  ElapsedTime: number;
  /** Application bytes sent (download) or received (upload) since then. */
  NumBytes: number;
}

/** The connection four-tuple and the test's identifier, which servers must always include. */
export interface ConnectionInfo {
  Client: string;
  Server: string;
  UUID: string;
  StartTime: string;
}

/**
 * A measurement message as this server sends it. `TCPInfo` and `BBRInfo` are absent on purpose:
 * Node.js cannot read `TCP_INFO`, and the specification says to omit what cannot be measured.
 */
export interface Ndt7Measurement {
  AppInfo: AppInfo;
  ConnectionInfo: ConnectionInfo;
  Origin: 'server';
  Test: Ndt7TestKind;
}

/** Builds one measurement message from the test's counters. */
export function buildMeasurement(test: Ndt7TestKind, connection: ConnectionInfo, elapsedMicros: number, numBytes: number): Ndt7Measurement {
  return { AppInfo: { ElapsedTime: Math.max(0, Math.round(elapsedMicros)), NumBytes: numBytes }, ConnectionInfo: connection, Origin: 'server', Test: test };
}

/** Serialises an endpoint as the specification asks: IPv4 verbatim, IPv6 in brackets, then the port. */
export function formatEndpoint(address: string | undefined, port: number | undefined): string {
  const host = address ?? '';
  const shown = host.includes(':') ? `[${host}]` : host;
  return `${shown}:${port ?? 0}`;
}

/** The metadata a client sent in the query string, or why the upgrade must be refused. */
export type QueryParse = { ok: true; metadata: Record<string, string> } | { ok: false; reason: string };

/** The metadata keys kept with a test; anything else a client sends is ignored. */
export const KEPT_METADATA = ['client_name', 'client_version', 'client_library_name', 'client_library_version'] as const;

/**
 * Parses an upgrade request's query string: at most 4096 bytes of valid URL-encoded UTF-8.
 * Duplicate keys keep their first value and keys without a value are empty, as the specification says.
 */
export function parseNdt7Query(rawQuery: string): QueryParse {
  if (Buffer.byteLength(rawQuery, 'utf8') > MAX_QUERY_BYTES) return { ok: false, reason: 'the query string is longer than 4096 bytes' };
  const metadata: Record<string, string> = {};
  if (rawQuery === '') return { ok: true, metadata };
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const rawKey = at < 0 ? pair : pair.slice(0, at);
    const rawValue = at < 0 ? '' : pair.slice(at + 1);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replaceAll('+', ' '));
      value = decodeURIComponent(rawValue.replaceAll('+', ' '));
    } catch {
      return { ok: false, reason: 'the query string is not valid URL-encoded UTF-8' };
    }
    if (key in metadata) continue;
    metadata[key] = value;
  }
  return { ok: true, metadata };
}

/** Whether an upgrade request's `Sec-WebSocket-Protocol` header offers the ndt7 subprotocol. */
export function offersNdt7Subprotocol(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((p) => p.trim() === NDT7_SUBPROTOCOL);
}

/** Kilobits per second from application bytes over microseconds; 0 when no time passed. */
export function kbpsOf(numBytes: number, elapsedMicros: number): number {
  if (elapsedMicros <= 0) return 0;
  return (numBytes * 8 * 1000) / elapsedMicros;
}
