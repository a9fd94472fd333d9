import type { RetentionRun } from './record-kinds.ts';

/** The most records one batch of a retention run touches, so that a large run never holds the database for long. */
export const RETENTION_BATCH = 1000;

/** The due records of a kind, read a batch at a time in the order of their key, and what the rule does to them. */
export interface RetentionBatches {
  /** Keys of due records after `afterKey` (all when null), in ascending order, at most `limit`. */
  dueKeys(cutoff: string, afterKey: string | null, limit: number): Promise<readonly string[]>;
  /** Applies the rule to these records, in one transaction. */
  apply(keys: readonly string[], now: string): Promise<void>;
}

/**
 * Runs a kind's rule batch by batch until no due record is left: held records are skipped and
 * never counted, a dry run counts and changes nothing. Reading by key after the last batch's key
 * ends the loop even where an applied record stays due (a dry run, an anonymised row).
 */
export async function runRetentionInBatches(run: RetentionRun, batches: RetentionBatches): Promise<number> {
  let afterKey: string | null = null;
  let count = 0;
  for (;;) {
    const keys = await batches.dueKeys(run.cutoff, afterKey, RETENTION_BATCH);
    if (keys.length === 0) return count;
    afterKey = keys[keys.length - 1] ?? null;
    const acting = keys.filter((key) => !run.heldIds.has(key));
    if (!run.dryRun && acting.length > 0) await batches.apply(acting, run.now);
    count += acting.length;
  }
}

/**
 * Runs a rule batch by batch: a dry run only counts; a real run repeats `batch` (one transaction
 * of at most {@link RETENTION_BATCH} rows, answering how many it changed) until one finds nothing left.
 */
export async function runInBatches(run: Pick<RetentionRun, 'dryRun'>, count: () => Promise<number>, batch: () => Promise<number>): Promise<number> {
  if (run.dryRun) return count();
  let total = 0;
  for (let done = await batch(); done > 0; done = await batch()) total += done;
  return total;
}
