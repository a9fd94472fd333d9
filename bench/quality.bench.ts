import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, WebSocket } from 'ws';
import { INITIAL_MESSAGE_SIZE, MAX_MESSAGE_SIZE, NDT7_SUBPROTOCOL, TEST_DURATION_MS, nextMessageSize } from '../src/modules/quality/speedtest/ndt7-protocol.ts';
import { formatBytes, median, REPO_ROOT, type Bench, type BenchContext, type BenchRow } from './harness.ts';

const AIM = 0.8;
const CONCURRENT_TESTS = 50;
const WS_PATH = createRequire(import.meta.url).resolve('ws');

/**
 * Download clients in a worker thread, on the other core: each opens the URL with the ndt7
 * subprotocol, counts the binary bytes until the server closes, and reports bytes and seconds.
 */
const CLIENT_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const WebSocket = require(workerData.wsPath);
const runs = Array.from({ length: workerData.count }, () => new Promise((resolve) => {
  const ws = new WebSocket(workerData.url, workerData.protocol, { perMessageDeflate: false });
  let bytes = 0; let opened = 0;
  ws.on('open', () => { opened = performance.now(); });
  ws.on('message', (data, isBinary) => { if (isBinary) bytes += data.length; });
  ws.on('close', () => resolve({ bytes, seconds: opened ? (performance.now() - opened) / 1000 : 0 }));
  ws.on('error', () => resolve({ bytes, seconds: 0 }));
}));
Promise.all(runs).then((results) => parentPort.postMessage(results));
`;

function runClients(url: string, count: number): Promise<{ bytes: number; seconds: number }[]> {
  const worker = new Worker(CLIENT_SOURCE, { eval: true, workerData: { url, count, wsPath: WS_PATH, protocol: NDT7_SUBPROTOCOL } });
  return new Promise((resolve, reject) => {
    worker.once('message', (results: { bytes: number; seconds: number }[]) => {
      void worker.terminate();
      resolve(results);
    });
    worker.once('error', reject);
  });
}

/** Starts `kinga serve --only speedtest` in its own process and waits for its port. */
async function startKingaSpeedtest(context: BenchContext): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bench/ndt7-server-process.ts'), context.tempDir('quality')], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (!child.stdout) throw new Error('no stdout');
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  return { child, port: (JSON.parse(line) as { port: number }).port };
}

/**
 * The reference: a bare ws server sending the same binary messages on the same schedule as
 * Kinga's ndt7 server (8 KiB, doubled by the 1/16 rule up to 16 MiB, four in flight, slices
 * of one random buffer, closed after ten seconds), with no measurements, pings or records.
 */
async function startReference(): Promise<{ port: number; close(): Promise<void> }> {
  const payload = randomBytes(MAX_MESSAGE_SIZE);
  const server = createServer();
  const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: MAX_MESSAGE_SIZE, handleProtocols: () => NDT7_SUBPROTOCOL });
  wss.on('connection', (ws) => {
    let size = INITIAL_MESSAGE_SIZE;
    let queued = 0;
    let inFlight = 0;
    let isStopped = false;
    const pump = () => {
      while (!isStopped && inFlight < 4 && ws.readyState === WebSocket.OPEN) {
        const length = size;
        queued += length;
        size = nextMessageSize(length, queued);
        inFlight += 1;
        ws.send(payload.subarray(0, length), { binary: true }, () => {
          inFlight -= 1;
          pump();
        });
      }
    };
    setTimeout(() => {
      isStopped = true;
      ws.close(1000);
    }, TEST_DURATION_MS);
    pump();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The resident memory of a process, from /proc (Linux). */
function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match?.[1] ? Number(match[1]) * 1024 : 0;
}

const mbps = (r: { bytes: number; seconds: number }) => (r.seconds > 0 ? (r.bytes * 8) / r.seconds / 1e6 : 0);

export const bench: Bench = {
  name: 'quality',
  description: `ndt7 download throughput of \`kinga serve --only speedtest\` on loopback against a bare ws server sending the same messages; its memory with ${CONCURRENT_TESTS} concurrent downloads.`,
  async run(context) {
    const rows: BenchRow[] = [];
    const kinga = await startKingaSpeedtest(context);
    const reference = await startReference();
    try {
      const subject: number[] = [];
      const bare: number[] = [];
      for (let round = 0; round < context.settings.rounds; round += 1) {
        // Alternating which runs first, so that a neighbour's load spreads over both.
        const kingaRun = () => runClients(`ws://127.0.0.1:${kinga.port}/ndt/v7/download`, 1);
        const referenceRun = () => runClients(`ws://127.0.0.1:${reference.port}/ndt/v7/download`, 1);
        let kingaResults: { bytes: number; seconds: number }[];
        let referenceResults: { bytes: number; seconds: number }[];
        if (round % 2 === 0) {
          kingaResults = await kingaRun();
          referenceResults = await referenceRun();
        } else {
          referenceResults = await referenceRun();
          kingaResults = await kingaRun();
        }
        const [k] = kingaResults;
        const [r] = referenceResults;
        if (k) subject.push(mbps(k));
        if (r) bare.push(mbps(r));
        context.note(
          `round ${round + 1}: Kinga ${mbps(k ?? { bytes: 0, seconds: 0 }).toFixed(0)} Mbit/s, bare ws ${mbps(r ?? { bytes: 0, seconds: 0 }).toFixed(0)} Mbit/s`,
        );
      }
      const k = median(subject);
      const r = median(bare);
      rows.push({
        label: 'one ndt7 download on loopback (median)',
        value: `${k.toFixed(0)} Mbit/s`,
        reference: `${r.toFixed(0)} Mbit/s (bare ws)`,
        ratio: k / r,
        aim: AIM,
      });

      const pid = kinga.child.pid ?? 0;
      const idle = rssOf(pid);
      let peak = idle;
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssOf(pid));
      }, 100);
      const started = performance.now();
      const results = await runClients(`ws://127.0.0.1:${kinga.port}/ndt/v7/download`, CONCURRENT_TESTS);
      clearInterval(sampler);
      const seconds = (performance.now() - started) / 1000;
      const completed = results.filter((x) => x.bytes > 0).length;
      const total = results.reduce((sum, x) => sum + x.bytes, 0);
      context.note(`${completed}/${CONCURRENT_TESTS} downloads moved ${formatBytes(total)} in ${seconds.toFixed(1)} s`);
      rows.push({ label: `${CONCURRENT_TESTS} concurrent downloads: tests that moved data`, value: `${completed}` });
      rows.push({ label: `${CONCURRENT_TESTS} concurrent downloads: aggregate goodput`, value: `${((total * 8) / seconds / 1e6).toFixed(0)} Mbit/s` });
      rows.push({ label: 'speedtest process RSS, idle', value: formatBytes(idle) });
      rows.push({ label: `speedtest process RSS, peak with ${CONCURRENT_TESTS} downloads`, value: formatBytes(peak) });
      rows.push({ label: 'RSS added per concurrent download', value: formatBytes((peak - idle) / CONCURRENT_TESTS) });
    } finally {
      await reference.close();
      kinga.child.kill('SIGTERM');
      await once(kinga.child, 'exit');
    }
    return rows;
  },
};
