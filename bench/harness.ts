import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../src/config.ts';

/** The repository root: benchmarks start Kinga from here, as `npm start` does. */
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Kinga's configuration for a benchmark that starts it in-process: its data and an SQLite database
 * (`kinga.db`) in `dir`, logs at info, cookies over plain HTTP, no job worker; `env` adds to it or
 * overrides it.
 */
export function benchConfig(dir: string, env: Record<string, string> = {}): Config {
  return loadConfig(
    { KINGA_DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'kinga.db')}`, LOG_LEVEL: 'info', COOKIE_SECURE: 'false', KINGA_WORKER: 'false', ...env },
    REPO_ROOT,
  );
}

/** One line of a benchmark's report: a measured value, and when there is one, its reference and ratio. */
export interface BenchRow {
  label: string;
  /** Kinga's figure, formatted with its unit. */
  value: string;
  /** The reference figure, formatted with its unit. */
  reference?: string;
  /** Kinga divided by the reference, where higher is better. */
  ratio?: number;
  /** The lowest acceptable ratio. */
  aim?: number;
}

/** A benchmark module: each `bench/*.bench.ts` exports one as `bench`. */
export interface Bench {
  /** A short name, used to choose benchmarks on the command line (`npm run bench -- http`). */
  name: string;
  /** One sentence on what is measured against what. */
  description: string;
  run(context: BenchContext): Promise<BenchRow[]>;
}

/** What the runner gives every benchmark. */
export interface BenchContext {
  /** A new temporary folder, removed when the run ends. */
  tempDir(prefix: string): string;
  /** Writes a progress line, so that a long benchmark shows it is alive. */
  note(line: string): void;
  /** Settings from the environment, with their defaults applied. */
  settings: BenchSettings;
}

/** How long and how hard to measure; each can be set in the environment. */
export interface BenchSettings {
  /** BENCH_CONCURRENCY: requests in flight at once. */
  concurrency: number;
  /** BENCH_REQUESTS: the most requests in one measured run. */
  requests: number;
  /** BENCH_SECONDS: the longest one measured run may take. */
  seconds: number;
  /** BENCH_ROUNDS: measured runs of each target, alternating subject and reference. */
  rounds: number;
}

/** Reads the settings from the environment. */
export function readSettings(env: Record<string, string | undefined>): BenchSettings {
  const int = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  return {
    concurrency: int('BENCH_CONCURRENCY', 20),
    // 3,000 requests took a fifth of a second against a bare route on an idle machine, too short
    // for a steady figure; 30,000 take one to ten seconds (BENCH_SECONDS bounds every run).
    requests: int('BENCH_REQUESTS', 30_000),
    seconds: int('BENCH_SECONDS', 10),
    rounds: int('BENCH_ROUNDS', 3),
  };
}

/** Temporary folders made during a run, and their removal. */
export function createTempDirs(): { make(prefix: string): string; removeAll(): void } {
  const made: string[] = [];
  return {
    make(prefix) {
      const dir = mkdtempSync(join(tmpdir(), `kinga-bench-${prefix}-`));
      made.push(dir);
      return dir;
    },
    removeAll() {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The middle value (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** One measured run of a load against one server. */
export interface LoadRun {
  rps: number;
  requests: number;
  errors: number;
  firstError?: string | null | undefined;
}

/**
 * Measures the bare reference and Kinga with `run` in `rounds` alternating rounds, so that a slow
 * moment of the machine falls on both; notes each run as `<what> round N <side>`, fails on any
 * failed request, and returns the median rate of each side.
 */
export async function alternateRounds<T>(
  context: BenchContext,
  what: string,
  bases: { reference: T; kinga: T },
  run: (base: T) => Promise<LoadRun>,
): Promise<{ subject: number; reference: number }> {
  const rates = { reference: [] as number[], Kinga: [] as number[] };
  for (let round = 1; round <= context.settings.rounds; round += 1) {
    for (const [side, base] of [
      ['reference', bases.reference],
      ['Kinga', bases.kinga],
    ] as const) {
      const result = await run(base);
      if (result.errors > 0) throw new Error(`${what}, ${side}: ${result.errors} of ${result.requests} requests failed (${result.firstError ?? '?'}).`);
      rates[side].push(result.rps);
      context.note(`${what} round ${round} ${side}: ${formatRps(result.rps)} (${result.requests} requests)`);
    }
  }
  return { subject: median(rates.Kinga), reference: median(rates.reference) };
}

/** A byte count in B, KiB or MiB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Requests per second, rounded. */
export function formatRps(rps: number): string {
  return `${Math.round(rps).toLocaleString('en')} req/s`;
}

/** A ratio with two decimals, or two significant digits below 0.1, where two decimals would hide a change of half. */
export function formatRatio(ratio: number): string {
  return ratio < 0.1 ? ratio.toPrecision(2) : ratio.toFixed(2);
}

/** Renders rows as an aligned text table with a verdict for every ratio. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['', 'Kinga', 'reference', 'ratio', 'aim', ''];
  const body = rows.map((row) => [
    row.label,
    row.value,
    row.reference ?? '',
    row.ratio === undefined ? '' : formatRatio(row.ratio),
    row.aim === undefined ? '' : `>= ${formatRatio(row.aim)}`,
    verdict(row),
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((cells) => (cells[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...body.map(line)].join('\n');
}

/** "met", "BELOW AIM" or nothing, for a row with a ratio and an aim. */
export function verdict(row: BenchRow): string {
  if (row.ratio === undefined || row.aim === undefined) return '';
  return row.ratio >= row.aim ? 'met' : 'BELOW AIM';
}

/** What a route answers, captured once from Kinga so that a reference route can send the same bytes. */
export interface Captured {
  body: Buffer;
  contentType: string;
}

/** Fetches a URL on loopback once and keeps its body and content type; refuses anything but 200. */
export function capture(url: string): Promise<Captured> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          if (response.statusCode !== 200) reject(new Error(`${url} answered ${response.statusCode ?? '?'}`));
          else resolve({ body: Buffer.concat(chunks), contentType: String(response.headers['content-type'] ?? 'application/octet-stream') });
        });
      })
      .on('error', reject);
  });
}

/** Listens on 127.0.0.1 on a free port and returns the base URL. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}
