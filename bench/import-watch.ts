// What the import benchmarks watch while a large import runs: the highest resident memory of the
// process, and how long a one-statement read of the database (what `/readyz` runs) waits.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/platform/db/index.ts';

/** The highest resident memory seen since the last `reset()`, sampled by a worker thread until `stop()`. */
export interface PeakSampler {
  reset(): void;
  peak(): number;
  stop(): Promise<void>;
}

/**
 * Keeps the highest resident memory of the process from a worker thread, every `intervalMs`:
 * better-sqlite3 runs each statement on the main thread, so a timer there would not fire during a
 * long statement.
 */
export async function startPeakSampler(intervalMs: number): Promise<PeakSampler> {
  const shared = new BigInt64Array(new SharedArrayBuffer(8));
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const peak = new BigInt64Array(workerData.peak);
     setInterval(() => { const rss = BigInt(process.memoryUsage.rss()); if (rss > Atomics.load(peak, 0)) Atomics.store(peak, 0, rss); }, workerData.intervalMs);`,
    { eval: true, workerData: { peak: shared.buffer, intervalMs }, execArgv: [] },
  );
  await once(worker, 'online');
  return {
    reset: () => Atomics.store(shared, 0, BigInt(process.memoryUsage.rss())),
    peak: () => Math.max(Number(Atomics.load(shared, 0)), process.memoryUsage.rss()),
    stop: async () => {
      await worker.terminate();
    },
  };
}

/** How long a one-statement read waited, from the moment it was due until it was answered. */
export async function timedRead(db: Kysely<Database>, due: number): Promise<number> {
  await sql`select 1`.execute(db);
  return performance.now() - due;
}

/** The waits of the reads asked so far, and `stop()`, which ends the asking once the import is over. */
export interface ReadProbe {
  waits: number[];
  stop(): Promise<void>;
}

/**
 * Asks a one-statement read every 100 ms until `stop()`, keeping how long each waited from the
 * moment it was due. A read the import's event loop kept from being asked waited until the import
 * ended: `stop()` counts that wait too.
 */
export function startReadProbe(db: Kysely<Database>): ReadProbe {
  const waits: number[] = [];
  let isImporting = true;
  // The moment the next read is due: one the import's event loop kept from being asked waited until the import ended.
  let nextDue: number | null = null;
  const probe = (async () => {
    while (isImporting) {
      const due = performance.now() + 100;
      nextDue = due;
      await new Promise((resolve) => setTimeout(resolve, 100));
      nextDue = null;
      // Counted even when answered after the import ended: a read held by its last transaction is answered only then.
      if (isImporting) waits.push(await timedRead(db, due));
    }
  })();
  return {
    waits,
    async stop() {
      isImporting = false;
      if (nextDue !== null && performance.now() > nextDue) waits.push(performance.now() - nextDue);
      await probe;
    },
  };
}
