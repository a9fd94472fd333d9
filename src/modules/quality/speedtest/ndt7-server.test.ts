import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { INITIAL_MESSAGE_SIZE, MAX_MESSAGE_SIZE, NDT7_SUBPROTOCOL, nextMessageSize, type Ndt7Measurement } from './ndt7-protocol.ts';
import { attachNdt7Server, createNdt7Server, type Ndt7ServerOptions, type Ndt7TestRecord } from './ndt7-server.ts';

const INTERVAL_MS = 250;
const DURATION_MS = 2000;

/** An ndt7 server on a loopback port with a short test duration, and the records it produced. */
async function startNdt7(overrides: Partial<Ndt7ServerOptions> = {}) {
  const records: Ndt7TestRecord[] = [];
  const waiting: Array<(record: Ndt7TestRecord) => void> = [];
  const ndt7 = createNdt7Server({
    maxConcurrentTests: 10,
    testsPerAddressPerMinute: 100,
    isProxyTrusted: false,
    now: () => new Date('2026-12-01T09:00:00Z'),
    onTestEnd: (record) => {
      const waiter = waiting.shift();
      if (waiter) waiter(record);
      else records.push(record);
    },
    durationMs: DURATION_MS,
    hardStopMs: DURATION_MS + 1000,
    measurementIntervalMs: INTERVAL_MS,
    ...overrides,
  });
  const server: Server = createServer((_request, response) => response.writeHead(404).end());
  attachNdt7Server(server, ndt7);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const port = address.port;
  return {
    port,
    url: (path: string) => `ws://127.0.0.1:${port}${path}`,
    ndt7,
    /** The next record, or one already produced. */
    nextRecord: () =>
      new Promise<Ndt7TestRecord>((resolve) => {
        const ready = records.shift();
        if (ready) resolve(ready);
        else waiting.push(resolve);
      }),
    async close() {
      await ndt7.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The HTTP status of a refused upgrade. */
function refusedStatus(
  url: string,
  protocols?: string | string[],
  headers: Record<string, string> = {},
): Promise<{ status: number; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.on('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] });
      response.resume();
      ws.terminate();
    });
    ws.on('open', () => reject(new Error('the upgrade was accepted')));
    ws.on('error', () => undefined);
  });
}

/** Runs a download with the ws client and returns every message and the close code. */
async function download(url: string) {
  const ws = new WebSocket(url, NDT7_SUBPROTOCOL);
  const sizes: number[] = [];
  const measurements: Ndt7Measurement[] = [];
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) sizes.push(data.length);
    else measurements.push(JSON.parse(data.toString()) as Ndt7Measurement);
  });
  await once(ws, 'open');
  const localPort = (ws as unknown as { _socket: { localPort: number } })._socket.localPort;
  const [code] = (await once(ws, 'close')) as [number];
  return { sizes, measurements, code, localPort, protocol: ws.protocol };
}

test('an upgrade without the ndt7 subprotocol, with another one, or with an unusable query is refused with 400', async () => {
  const server = await startNdt7();
  try {
    assert.equal((await refusedStatus(server.url('/ndt/v7/download'))).status, 400);
    assert.equal((await refusedStatus(server.url('/ndt/v7/upload'), 'net.measurementlab.ndt.v5')).status, 400);
    assert.equal((await refusedStatus(server.url(`/ndt/v7/download?x=${'a'.repeat(5000)}`), NDT7_SUBPROTOCOL)).status, 400);
    assert.equal((await refusedStatus(server.url('/ndt/v7/download?x=%E0%A4%A'), NDT7_SUBPROTOCOL)).status, 400);
    assert.equal(server.ndt7.activeTests(), 0);
  } finally {
    await server.close();
  }
});

test('a download sends binary messages that start at 8 KiB and grow by the 1/16 rule, with measurements of the spec fields, then closes normally', async () => {
  const server = await startNdt7();
  try {
    const result = await download(server.url('/ndt/v7/download?client_name=kinga-test&client_version=1&secret=x'));
    assert.equal(result.protocol, NDT7_SUBPROTOCOL, 'the server selects the ndt7 subprotocol');
    assert.equal(result.code, 1000, 'the server ends the test with a normal closure');
    assert.ok(result.sizes.length > 17, `enough messages to see growth: ${result.sizes.length}`);
    assert.equal(result.sizes[0], INITIAL_MESSAGE_SIZE);
    let queued = 0;
    for (let i = 0; i < result.sizes.length; i += 1) {
      const size = result.sizes[i] ?? 0;
      assert.ok(size >= 1024 && size <= MAX_MESSAGE_SIZE, `message ${i} of ${size} bytes is within 1 KiB and 16 MiB`);
      queued += size;
      const next = result.sizes[i + 1];
      if (next !== undefined) assert.equal(next, nextMessageSize(size, queued), `message ${i + 1} follows the growth rule`);
    }
    assert.ok(
      result.sizes.some((s) => s > INITIAL_MESSAGE_SIZE),
      'the messages grew',
    );

    // About one measurement every 250 ms over 2 s, plus the first and the last: counted loosely, never
    // timed; a loaded machine fires fewer timers, never fewer than the first, one periodic and the last.
    const count = result.measurements.length;
    assert.ok(count >= 3 && count <= DURATION_MS / INTERVAL_MS + 4, `${count} measurement messages`);
    const uuid = result.measurements[0]?.ConnectionInfo.UUID ?? '';
    assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    let previous = { ElapsedTime: -1, NumBytes: -1 };
    for (const m of result.measurements) {
      assert.deepEqual(Object.keys(m).sort(), ['AppInfo', 'ConnectionInfo', 'Origin', 'Test'], 'no TCPInfo or BBRInfo: they are not measured');
      assert.equal(m.Origin, 'server');
      assert.equal(m.Test, 'download');
      assert.equal(m.ConnectionInfo.Client, `127.0.0.1:${result.localPort}`);
      assert.equal(m.ConnectionInfo.Server, `127.0.0.1:${server.port}`);
      assert.equal(m.ConnectionInfo.UUID, uuid);
      assert.ok(Number.isInteger(m.AppInfo.ElapsedTime) && Number.isInteger(m.AppInfo.NumBytes));
      assert.ok(m.AppInfo.ElapsedTime >= previous.ElapsedTime && m.AppInfo.NumBytes >= previous.NumBytes, 'counters never go back');
      previous = m.AppInfo;
    }
    const received = result.sizes.reduce((a, b) => a + b, 0);
    const last = result.measurements.at(-1);
    assert.ok(last && last.AppInfo.NumBytes > 0 && last.AppInfo.NumBytes <= received, 'the server counts bytes it wrote, never more than arrived');

    const record = await server.nextRecord();
    assert.equal(record.uuid, uuid);
    assert.equal(record.test, 'download');
    assert.equal(record.endReason, 'complete');
    assert.equal(record.numBytes, last?.AppInfo.NumBytes);
    assert.deepEqual(record.metadata, { client_name: 'kinga-test', client_version: '1' }, 'only the known metadata keys are kept');
    assert.ok(record.minRttMicros !== null && record.minRttMicros > 0, 'the ws client answered the pings');
  } finally {
    await server.close();
  }
});

/** Resolves with the first text message that satisfies `isWanted`; rejects if the connection closes first. */
function waitForMeasurement(ws: WebSocket, isWanted: (m: Ndt7Measurement) => boolean): Promise<Ndt7Measurement> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer, isBinary: boolean) => {
      if (isBinary) return;
      const measurement = JSON.parse(data.toString()) as Ndt7Measurement;
      if (!isWanted(measurement)) return;
      ws.off('close', onClose);
      ws.off('message', onMessage);
      resolve(measurement);
    };
    const onClose = () => {
      ws.off('message', onMessage);
      reject(new Error('the connection closed before the awaited measurement'));
    };
    ws.on('message', onMessage);
    ws.once('close', onClose);
  });
}

test('an upload counts the binary bytes received, up to a 16 MiB message, ignores text, and reports them in measurements', async () => {
  // A long test, so that a slow machine still receives every byte before the server ends it.
  const server = await startNdt7({ durationMs: 60_000, hardStopMs: 70_000 });
  try {
    const ws = new WebSocket(server.url('/ndt/v7/upload'), NDT7_SUBPROTOCOL);
    const measurements: Ndt7Measurement[] = [];
    let binaryFromServer = 0;
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) binaryFromServer += 1;
      else measurements.push(JSON.parse(data.toString()) as Ndt7Measurement);
    });
    await once(ws, 'open');
    const sizes = [8192, 8192, 1 << 16, 1 << 20, MAX_MESSAGE_SIZE];
    for (const size of sizes) ws.send(Buffer.alloc(size), { binary: true });
    ws.send(JSON.stringify({ AppInfo: { ElapsedTime: 1, NumBytes: 1 } }));
    const total = sizes.reduce((a, b) => a + b, 0);
    // Measurements arrive about every 250 ms; wait for one that has every byte.
    await waitForMeasurement(ws, (m) => m.AppInfo.NumBytes === total);
    ws.close(1000);
    await once(ws, 'close');
    const record = await server.nextRecord();
    assert.equal(record.test, 'upload');
    assert.equal(record.numBytes, total);
    assert.equal(record.endReason, 'clientClosed');
    assert.equal(binaryFromServer, 0, 'the server never sends binary messages during an upload');
    assert.ok(measurements.every((m) => m.Test === 'upload' && m.Origin === 'server'));
  } finally {
    await server.close();
  }
});

test('a message above 16 MiB is refused with close code 1009', async () => {
  // A long test, so that on a loaded machine the refusal, not the normal end of the test, closes it.
  const server = await startNdt7({ durationMs: 60_000, hardStopMs: 70_000 });
  try {
    const ws = new WebSocket(server.url('/ndt/v7/upload'), NDT7_SUBPROTOCOL);
    await once(ws, 'open');
    ws.send(Buffer.alloc(MAX_MESSAGE_SIZE + 1), { binary: true });
    const [code] = (await once(ws, 'close')) as [number];
    assert.equal(code, 1009);
    const record = await server.nextRecord();
    assert.equal(record.endReason, 'tooLarge');
    assert.equal(record.numBytes, 0);
  } finally {
    await server.close();
  }
});

test('a binary message from the client during a download ends the test with close code 1003', async () => {
  const server = await startNdt7();
  try {
    const ws = new WebSocket(server.url('/ndt/v7/download'), NDT7_SUBPROTOCOL);
    await once(ws, 'open');
    ws.send(Buffer.alloc(2048), { binary: true });
    const [code] = (await once(ws, 'close')) as [number];
    assert.equal(code, 1003);
    assert.equal((await server.nextRecord()).endReason, 'protocolError');
  } finally {
    await server.close();
  }
});

test('a client that never answers the closing handshake is cut off at the hard stop', async () => {
  const server = await startNdt7({ durationMs: 500, hardStopMs: 1500 });
  try {
    const socket = connect(server.port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      [
        'GET /ndt/v7/download HTTP/1.1',
        `Host: 127.0.0.1:${server.port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: DOdm+5/Cm3WwvhfcAlhJoQ==',
        'Sec-WebSocket-Version: 13',
        `Sec-WebSocket-Protocol: ${NDT7_SUBPROTOCOL}`,
        '',
        '',
      ].join('\r\n'),
    );
    const [first] = (await once(socket, 'data')) as [Buffer];
    assert.match(first.toString('latin1'), /^HTTP\/1\.1 101 /);
    // From here the client reads nothing and never sends a close frame.
    socket.pause();
    const record = await server.nextRecord();
    assert.equal(record.endReason, 'hardStop');
    assert.equal(server.ndt7.activeTests(), 0);
    socket.destroy();
  } finally {
    await server.close();
  }
});

test('tests beyond the concurrency limit get 503, and an address beyond its allowance gets 429 with Retry-After', async () => {
  const server = await startNdt7({ maxConcurrentTests: 1, testsPerAddressPerMinute: 2 });
  try {
    const first = new WebSocket(server.url('/ndt/v7/upload'), NDT7_SUBPROTOCOL);
    await once(first, 'open');
    const busy = await refusedStatus(server.url('/ndt/v7/upload'), NDT7_SUBPROTOCOL);
    assert.equal(busy.status, 503);
    first.close(1000);
    await server.nextRecord();
    const second = new WebSocket(server.url('/ndt/v7/upload'), NDT7_SUBPROTOCOL);
    await once(second, 'open');
    second.close(1000);
    await server.nextRecord();
    const limited = await refusedStatus(server.url('/ndt/v7/upload'), NDT7_SUBPROTOCOL);
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.retryAfter) > 0);
  } finally {
    await server.close();
  }
});
