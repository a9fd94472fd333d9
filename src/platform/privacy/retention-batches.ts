import type { RetentionRun } from './record-kinds.ts';

/** The most rows one transaction of a retention run touches, so a large run never holds the database long. */
export const RETENTION_BATCH = 1000;

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
