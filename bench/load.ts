import { Worker } from 'node:worker_threads';
import type { LoadRequest, LoadResult } from './load-client.ts';

export type { LoadResult } from './load-client.ts';

/** A load generator on its own thread, so that it never competes with the servers for their event loop. */
export interface LoadGenerator {
  /** Measures one URL, or several asked in turn, with the given bounds. */
  measure(
    url: string | readonly string[],
    bounds: { concurrency: number; maxRequests: number; maxMs: number; headers?: Record<string, string> },
  ): Promise<LoadResult>;
  close(): Promise<void>;
}

/** Starts the load generator's worker thread. */
export function startLoadGenerator(): LoadGenerator {
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url));
  const waiting = new Map<number, { resolve(result: LoadResult): void; reject(error: Error): void }>();
  let nextId = 1;
  worker.on('message', (result: LoadResult) => {
    waiting.get(result.id)?.resolve(result);
    waiting.delete(result.id);
  });
  worker.on('error', (error) => {
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  });
  return {
    measure(url, bounds) {
      const request: LoadRequest = { id: nextId++, url, headers: bounds.headers ?? {}, ...bounds };
      return new Promise((resolve, reject) => {
        waiting.set(request.id, { resolve, reject });
        worker.postMessage(request);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
