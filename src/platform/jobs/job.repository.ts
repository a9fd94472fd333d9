import type { Insertable, Selectable } from 'kysely';
import { dialectOf, queriesOf, type Executor } from '../db/index.ts';
import type { JobsTable } from '../db/platform.tables.ts';

/** A row of `jobs` as stored, its payload sealed. */
export type JobRow = Selectable<JobsTable>;

/** A new row of `jobs`. */
export type NewJobRow = Insertable<JobsTable>;

/** The hold one worker has on one attempt of a job; an outcome is written only while it lasts. */
export interface JobClaim {
  id: string;
  workerId: string;
  /** The attempt this claim is for, so a takeover (which counts a new attempt) voids it. */
  attempts: number;
}

/** Every SQL statement of the job queue, bound to one connection or transaction. */
export interface JobRepository {
  /** Inserts a job; returns false when its unique key is already taken and nothing was added. */
  insertJob(row: NewJobRow): Promise<boolean>;
  /** The id of the job holding a unique key, if any. */
  findIdByUniqueKey(uniqueKey: string): Promise<string | undefined>;
  /**
   * Atomically takes the oldest job that is due at `now` or whose lease expired before it, marks
   * it running for `workerId` until `lockedUntil` and counts the attempt; undefined when none is due.
   */
  claimDue(now: string, workerId: string, lockedUntil: string): Promise<JobRow | undefined>;
  /** Pushes the lease of a running job forward; does nothing once the claim was lost. */
  extendLease(claim: JobClaim, lockedUntil: string): Promise<void>;
  /** Ends a job as done; returns false when the claim was lost and nothing changed. */
  markDone(claim: JobClaim, finishedAt: string): Promise<boolean>;
  /** Releases a job to run again at `runAt`; returns false when the claim was lost and nothing changed. */
  reschedule(claim: JobClaim, runAt: string, lastError: string): Promise<boolean>;
  /** Ends a job as failed for good; returns false when the claim was lost and nothing changed. */
  markFailed(claim: JobClaim, lastError: string, finishedAt: string): Promise<boolean>;
}

/** Creates the job repository over a database or a transaction. */
export function createJobRepository(executor: Executor): JobRepository {
  const db = queriesOf(executor);
  const isPostgres = dialectOf(db) === 'postgres';

  /** Writes the outcome only while the claim holds, so a late finisher never overwrites a takeover. */
  async function settle(claim: JobClaim, values: Partial<Pick<JobRow, 'status' | 'run_at' | 'last_error' | 'finished_at'>>): Promise<boolean> {
    const result = await db
      .updateTable('jobs')
      .set({ ...values, locked_by: null, locked_until: null })
      .where('id', '=', claim.id)
      .where('locked_by', '=', claim.workerId)
      .where('attempts', '=', claim.attempts)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  return {
    async insertJob(row) {
      const inserted = await db
        .insertInto('jobs')
        .values(row)
        .$if(row.unique_key != null, (q) => q.onConflict((oc) => oc.column('unique_key').doNothing()))
        .returning('id')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    async findIdByUniqueKey(uniqueKey) {
      const row = await db.selectFrom('jobs').select('id').where('unique_key', '=', uniqueKey).executeTakeFirst();
      return row?.id;
    },

    claimDue(now, workerId, lockedUntil) {
      // One UPDATE with its sub-select is atomic on both engines; on PostgreSQL `skip locked` lets
      // several processes claim side by side, and SQLite lets only one writer in at a time.
      const next = db
        .selectFrom('jobs')
        .select('id')
        .where((eb) =>
          eb.or([eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]), eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)])]),
        )
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        .$if(isPostgres, (q) => q.forUpdate().skipLocked());
      return db
        .updateTable('jobs')
        .set((eb) => ({
          status: 'running',
          locked_by: workerId,
          locked_until: lockedUntil,
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', next)
        .returningAll()
        .executeTakeFirst();
    },

    async extendLease(claim, lockedUntil) {
      await db
        .updateTable('jobs')
        .set({ locked_until: lockedUntil })
        .where('id', '=', claim.id)
        .where('locked_by', '=', claim.workerId)
        .where('status', '=', 'running')
        .execute();
    },

    markDone(claim, finishedAt) {
      return settle(claim, { status: 'done', finished_at: finishedAt, last_error: null });
    },

    reschedule(claim, runAt, lastError) {
      return settle(claim, { status: 'pending', run_at: runAt, last_error: lastError });
    },

    markFailed(claim, lastError, finishedAt) {
      return settle(claim, { status: 'failed', last_error: lastError, finished_at: finishedAt });
    },
  };
}
