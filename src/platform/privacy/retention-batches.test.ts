import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RETENTION_BATCH, runRetentionInBatches } from './retention-batches.ts';

const rule = { period: 'P1D', trigger: 'created', action: 'delete', legalBasis: 'publicTask' } as const;

test('a run reads and applies batches of at most a thousand keys until none is left, skipping held keys; a dry run applies none', async () => {
  const keys = Array.from({ length: 2_500 }, (_, i) => `k${String(i).padStart(5, '0')}`);
  const store = new Set(keys);
  const reads: number[] = [];
  const applied: number[] = [];
  const batches = {
    async dueKeys(_cutoff: string, afterKey: string | null, limit: number) {
      const due = [...store].filter((k) => afterKey === null || k > afterKey).slice(0, limit);
      reads.push(due.length);
      return due;
    },
    async apply(batch: readonly string[]) {
      applied.push(batch.length);
      for (const key of batch) store.delete(key);
    },
  };
  const run = { rule, cutoff: '2026-01-01T00:00:00.000Z', now: '2026-01-02T00:00:00.000Z', heldIds: new Set(['k00003', 'k02000']) };
  assert.equal(await runRetentionInBatches({ ...run, dryRun: true }, batches), 2_498);
  assert.deepEqual([applied, store.size], [[], 2_500]);
  reads.length = 0;
  assert.equal(await runRetentionInBatches({ ...run, dryRun: false }, batches), 2_498);
  assert.deepEqual(reads, [RETENTION_BATCH, RETENTION_BATCH, 500, 0]);
  assert.deepEqual(applied, [999, 1000, 499]);
  assert.deepEqual([...store], ['k00003', 'k02000']);
});
