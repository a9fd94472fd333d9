import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/platform/module.ts';

/** What `/healthz` went through while a request ran. */
export interface HealthDuring {
  reply: LightMyRequestResponse;
  /** `/healthz` answers that came while the request was still running. */
  answered: number;
  /** The longest time without an answer while the request ran: the longest the event loop was held, give or take a poll. */
  longestGapMs: number;
  durationMs: number;
}

/**
 * Runs a request (an upload) while `/healthz` is asked again and again, one after the other.
 * A handler that holds the event loop shows as a long gap between two answers, whenever it
 * happens: while a `/healthz` request waits, or between two of them.
 */
export async function healthzDuring(app: App, request: () => Promise<LightMyRequestResponse>): Promise<HealthDuring> {
  let isDone = false;
  let answered = 0;
  const started = performance.now();
  let lastAnswerAt = started;
  let longestGapMs = 0;
  const running = request().finally(() => {
    isDone = true;
    longestGapMs = Math.max(longestGapMs, performance.now() - lastAnswerAt);
  });
  const polling = (async () => {
    while (!isDone) {
      const health = await app.inject('/healthz');
      assert.equal(health.statusCode, 200);
      const now = performance.now();
      if (!isDone) {
        answered += 1;
        longestGapMs = Math.max(longestGapMs, now - lastAnswerAt);
        lastAnswerAt = now;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  const reply = await running;
  const durationMs = performance.now() - started;
  await polling;
  return { reply, answered, longestGapMs, durationMs };
}
