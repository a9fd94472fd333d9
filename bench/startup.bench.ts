import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatBytes, median, REPO_ROOT, type Bench, type BenchContext, type BenchRow } from './harness.ts';

const KINGA_BIN = fileURLToPath(new URL('../bin/kinga.js', import.meta.url));
const SERVING_LINE = /Kinga is serving .* at http:\/\/[^\s:]+:(\d+) \(ready in (\d+) ms\)/;
const MEASURED_STARTS = 3;

/** One start of `kinga serve --demo`: from spawn to the first page, and the memory then. */
interface Start {
  msToFirstPage: number;
  /** From spawn until the server began to open the database: Node.js starting and loading the code. */
  msLoadingCode: number;
  rssBytes: number | undefined;
}

/** The resident memory of a process, from /proc on Linux; undefined elsewhere. */
function residentBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function firstPage(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) throw new Error(`${url} did not answer 200 in time.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts `node bin/kinga.js serve --demo` on a data folder, waits for its first page, and stops it. */
function startOnce(dataDir: string): Promise<Start> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      KINGA_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'warn',
    };
    const begin = performance.now();
    const child = spawn(process.execPath, [KINGA_BIN, 'serve', '--demo'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let isMeasuring = false;
    let result: Start | undefined;
    let msLoadingCode = Number.NaN;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = SERVING_LINE.exec(stdout);
      const port = match?.[1];
      if (!port || isMeasuring) return;
      isMeasuring = true;
      // The server reports how long it took once its code was loaded; the rest is loading.
      msLoadingCode = performance.now() - begin - Number(match[2]);
      firstPage(`http://127.0.0.1:${port}/`, begin + 60_000)
        .then(() => {
          result = { msToFirstPage: performance.now() - begin, msLoadingCode, rssBytes: child.pid === undefined ? undefined : residentBytes(child.pid) };
          child.kill('SIGTERM');
        })
        .catch((error: unknown) => {
          child.kill('SIGKILL');
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (result) resolve(result);
      else reject(new Error(`kinga serve ended with status ${code ?? '?'} before its first page:\n${stderr || stdout}`));
    });
  });
}

/** Start-up time to the first served page with an existing database, and the memory of the process then. */
export const bench: Bench = {
  name: 'startup',
  description: `Time from spawning \`node bin/kinga.js serve --demo\` to the first 200 on '/' with an existing SQLite database (median of ${MEASURED_STARTS} starts), and its resident memory then.`,
  async run(context: BenchContext): Promise<BenchRow[]> {
    const dataDir = context.tempDir('startup');
    const first = await startOnce(dataDir);
    context.note(`first start (creates the database, loads the demo): ${Math.round(first.msToFirstPage)} ms`);
    const starts: Start[] = [];
    for (let n = 1; n <= MEASURED_STARTS; n += 1) {
      const start = await startOnce(dataDir);
      starts.push(start);
      context.note(
        `start ${n} with the existing database: ${Math.round(start.msToFirstPage)} ms (loading the code ${Math.round(start.msLoadingCode)} ms), RSS ${start.rssBytes === undefined ? 'n/a' : formatBytes(start.rssBytes)}`,
      );
    }
    const rss = starts.map((s) => s.rssBytes).filter((b): b is number => b !== undefined);
    return [
      { label: 'start-up to first page, new database', value: `${Math.round(first.msToFirstPage)} ms` },
      { label: 'start-up to first page, existing database', value: `${Math.round(median(starts.map((s) => s.msToFirstPage)))} ms` },
      { label: '  of which starting Node.js and loading the code', value: `${Math.round(median(starts.map((s) => s.msLoadingCode)))} ms` },
      { label: 'memory (RSS) after start', value: rss.length > 0 ? formatBytes(median(rss)) : 'n/a (no /proc)' },
    ];
  },
};
