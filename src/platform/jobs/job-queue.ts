import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Database, Db } from '../db/index.ts';
import type { IdGenerator } from '../ids.ts';
import type { Keyring } from '../crypto/index.ts';

/** Does one job; throwing schedules a retry with backoff until the attempts run out. */
export type JobHandler<P = unknown> = (payload: P, job: { id: string; attempt: number }) => Promise<void>;

/** Options of {@link JobQueue.enqueue}. */
export interface EnqueueOptions {
  runAt?: Date;
  /** A second job with the same key is not added while the first exists. */
  uniqueKey?: string;
  maxAttempts?: number;
}

/** The durable job table and its worker. */
export interface JobQueue {
  register<P>(type: string, handler: JobHandler<P>): void;
  /** Adds a job inside the caller's transaction; its payload is encrypted at rest. */
  enqueue(executor: Kysely<Database>, type: string, payload: unknown, options?: EnqueueOptions): Promise<string>;
  /** Claims and runs due jobs until none is left or `limit` ran; returns how many ran. */
  runDue(limit?: number): Promise<number>;
  /** Starts polling in the background. */
  start(): void;
  /** Stops polling and waits for the running job. */
  stop(): Promise<void>;
}

/** Creates the job queue. */
export function createJobQueue(_deps: { db: Db; clock: Clock; ids: IdGenerator; keyring: Keyring; logger: Logger }): JobQueue {
  throw new Error('The job queue is being written.');
}
