import http from 'node:http';
import { parentPort } from 'node:worker_threads';

/** One measured run, as asked by the main thread. */
export interface LoadRequest {
  id: number;
  /** The address asked, or several asked in turn (many IMEIs, so that no one row stays hot). */
  url: string | readonly string[];
  concurrency: number;
  maxRequests: number;
  maxMs: number;
  headers: Record<string, string>;
}

/** What one run measured. */
export interface LoadResult {
  id: number;
  requests: number;
  errors: number;
  ms: number;
  bytes: number;
  rps: number;
  /** The first unexpected status or error, to explain a failed run. */
  firstError: string | undefined;
}

function get(url: URL, agent: http.Agent, headers: Record<string, string>): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/**
 * Sends requests from `concurrency` lanes over keep-alive connections until `maxRequests` have
 * been sent or `maxMs` have passed, whichever comes first.
 */
export async function runLoad(request: LoadRequest): Promise<LoadResult> {
  const urls = (typeof request.url === 'string' ? [request.url] : request.url).map((u) => new URL(u));
  if (urls.length === 0) throw new Error('runLoad needs at least one URL.');
  const agent = new http.Agent({ keepAlive: true, maxSockets: request.concurrency });
  let started = 0;
  let completed = 0;
  let errors = 0;
  let bytes = 0;
  let firstError: string | undefined;
  const begin = performance.now();
  const deadline = begin + request.maxMs;
  const lane = async () => {
    while (started < request.maxRequests && performance.now() < deadline) {
      const url = urls[started % urls.length]!;
      started += 1;
      try {
        const outcome = await get(url, agent, request.headers);
        bytes += outcome.bytes;
        if (outcome.status !== 200) {
          errors += 1;
          firstError ??= `status ${outcome.status}`;
        }
      } catch (error) {
        errors += 1;
        firstError ??= (error as Error).message;
      }
      completed += 1;
    }
  };
  await Promise.all(Array.from({ length: request.concurrency }, lane));
  const ms = performance.now() - begin;
  agent.destroy();
  return { id: request.id, requests: completed, errors, ms, bytes, rps: (completed / ms) * 1000, firstError };
}

parentPort?.on('message', (message: LoadRequest) => {
  void runLoad(message).then((result) => parentPort?.postMessage(result));
});
