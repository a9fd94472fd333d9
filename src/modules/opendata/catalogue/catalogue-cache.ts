import type { Clock } from '../../../platform/clock.ts';

/**
 * How long a built catalogue is served before the datasets are read again. The route already lets
 * browsers and proxies keep it for an hour (`max-age=3600`); five minutes keeps the server's copy
 * well inside that promise while sparing the database the coverage reads (the quality datasets
 * count every valid measurement by month) at each request.
 */
export const CATALOGUE_CACHE_MS = 5 * 60_000;

/** A source of elapsed milliseconds that never goes back (`performance.now`), so that a frozen demo clock still expires the copy. */
export type Elapsed = () => number;

/**
 * Wraps `build` so that its answer is kept for `maxAgeMs` of elapsed time, and dropped at once when
 * the day of `clock` changes (a catalogue without data dates itself today). Callers arriving while
 * it is being built share the same promise; a failed build is not kept.
 */
export function keptFor<T>(build: () => Promise<T>, clock: Clock, options: { maxAgeMs: number; elapsed?: Elapsed }): () => Promise<T> {
  const elapsed = options.elapsed ?? (() => performance.now());
  let kept: { at: number; day: string; value: Promise<T> } | null = null;
  return () => {
    const day = clock.now().toISOString().slice(0, 10);
    const at = elapsed();
    if (kept && kept.day === day && at - kept.at < options.maxAgeMs) return kept.value;
    const entry = { at, day, value: build() };
    kept = entry;
    entry.value.catch(() => {
      if (kept === entry) kept = null;
    });
    return entry.value;
  };
}
