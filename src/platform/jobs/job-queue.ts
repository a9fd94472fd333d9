import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { queriesOf, type Db, type Executor } from '../db/index.ts';
import type { IdGenerator } from '../ids.ts';
import type { Keyring } from '../crypto/index.ts';
import { createJobRepository } from './job.repository.ts';
import type { JobClaim, JobRow } from './job.repository.ts';

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
  enqueue(executor: Executor, type: string, payload: unknown, options?: EnqueueOptions): Promise<string>;
  /** Claims and runs due jobs until none is left or `limit` ran; returns how many ran. */
  runDue(limit?: number): Promise<number>;
  /** Starts polling in the background. */
  start(): void;
  /** Stops polling and waits for the running job. */
  stop(): Promise<void>;
}

/** Tuning of the worker; the defaults suit production. */
export interface JobQueueOptions {
  /** How long a claimed job stays locked before another worker may take it over (default 5 minutes). */
  leaseMs?: number;
  /** The pause between polls when no job is due (default 1 second). */
  pollMs?: number;
  /** This worker's name in `locked_by` (default host, process id and a random suffix). */
  workerId?: string;
}

/** The encryption context of job payloads, so a sealed payload opens nowhere else. */
export const JOB_PAYLOAD_CONTEXT = 'jobs.payload';
/** Attempts a job gets when `enqueue` is not told otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 5;

const DEFAULT_LEASE_MS = 5 * 60_000;
const DEFAULT_POLL_MS = 1000;
const DEFAULT_RUN_LIMIT = 100;
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_CAP_MS = 60 * 60_000;
const LAST_ERROR_MAX = 500;

/** Creates the job queue. */
export function createJobQueue(deps: { db: Db; clock: Clock; ids: IdGenerator; keyring: Keyring; logger: Logger }, options: JobQueueOptions = {}): JobQueue {
  const { clock, keyring, logger } = deps;
  const repository = createJobRepository(deps.db.kysely);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const handlers = new Map<string, JobHandler>();
  const nowIso = (offsetMs = 0): string => new Date(clock.now().getTime() + offsetMs).toISOString();

  let isStopping = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> | undefined;

  function claimOf(job: JobRow): JobClaim {
    return { id: job.id, workerId, attempts: job.attempts };
  }

  async function fail(job: JobRow, message: string): Promise<void> {
    const lastError = redact(message).slice(0, LAST_ERROR_MAX);
    const log = { jobId: job.id, jobType: job.type, attempt: job.attempts };
    if (job.attempts < job.max_attempts) {
      const delayMs = backoffMs(job.attempts);
      await repository.reschedule(claimOf(job), nowIso(delayMs), lastError);
      logger.warn({ ...log, retryInMs: delayMs, err: lastError }, 'job failed; will retry');
      return;
    }
    await repository.markFailed(claimOf(job), lastError, nowIso());
    logger.error({ ...log, err: lastError }, 'job failed for the last time');
  }

  async function run(job: JobRow): Promise<void> {
    const log = { jobId: job.id, jobType: job.type, attempt: job.attempts };
    if (job.attempts > job.max_attempts) {
      // The worker died during the last attempt; running it again could crash the next one too.
      await fail(job, 'The worker stopped during the last attempt.');
      return;
    }
    const handler = handlers.get(job.type);
    if (!handler) {
      // Retried like any failure: during a rolling upgrade an older process may see a newer type first.
      await fail(job, `No handler is registered for job type "${job.type}".`);
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(keyring.decrypt(job.payload_enc, JOB_PAYLOAD_CONTEXT));
    } catch {
      await fail(job, 'The payload cannot be decrypted with the loaded keys.');
      return;
    }
    logger.debug(log, 'job started');
    const claim = claimOf(job);
    const heartbeat = setInterval(
      () => {
        repository
          .extendLease(claim, nowIso(leaseMs))
          .catch((error: unknown) => logger.warn({ ...log, err: redact(messageOf(error)) }, 'job lease not extended'));
      },
      Math.max(1000, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref();
    try {
      await handler(payload, { id: job.id, attempt: job.attempts });
    } catch (error) {
      clearInterval(heartbeat);
      await fail(job, messageOf(error));
      return;
    }
    clearInterval(heartbeat);
    // A worker that lost its claim writes nothing: the takeover's outcome stands.
    await repository.markDone(claim, nowIso());
    logger.debug(log, 'job done');
  }

  async function runDue(limit = DEFAULT_RUN_LIMIT): Promise<number> {
    let ran = 0;
    while (ran < limit && !isStopping) {
      const job = await repository.claimDue(nowIso(), workerId, nowIso(leaseMs));
      if (!job) break;
      await run(job);
      ran += 1;
    }
    return ran;
  }

  function schedule(delayMs: number): void {
    if (isStopping) return;
    timer = setTimeout(() => {
      timer = undefined;
      const pass = runDue()
        .catch((error: unknown) => {
          logger.error({ err: redact(messageOf(error)) }, 'job poll failed');
          return 0;
        })
        .then((ran) => schedule(ran > 0 ? 0 : pollMs));
      current = pass;
    }, delayMs);
    // Polling alone must not keep a CLI command or a test process alive.
    timer.unref();
  }

  return {
    register(type, handler) {
      if (handlers.has(type)) throw new Error(`A handler for job type "${type}" is already registered.`);
      handlers.set(type, handler as JobHandler);
    },

    async enqueue(executor, type, payload, opts = {}) {
      const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError('maxAttempts must be a whole number of at least 1.');
      const now = nowIso();
      const id = deps.ids();
      const uniqueKey = opts.uniqueKey ?? null;
      const store = createJobRepository(queriesOf(executor));
      const isInserted = await store.insertJob({
        id,
        type,
        payload_enc: keyring.encrypt(JSON.stringify(payload ?? null), JOB_PAYLOAD_CONTEXT),
        status: 'pending',
        attempts: 0,
        max_attempts: maxAttempts,
        run_at: opts.runAt ? opts.runAt.toISOString() : now,
        locked_by: null,
        locked_until: null,
        last_error: null,
        unique_key: uniqueKey,
        created_at: now,
        finished_at: null,
      });
      if (isInserted || uniqueKey === null) {
        logger.debug({ jobId: id, jobType: type }, 'job enqueued');
        return id;
      }
      const existing = await store.findIdByUniqueKey(uniqueKey);
      if (existing === undefined) throw new Error('The job holding this unique key was deleted while another was enqueued.');
      return existing;
    },

    runDue,

    start() {
      if (timer || current) return;
      isStopping = false;
      schedule(0);
    },

    async stop() {
      isStopping = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await current;
      current = undefined;
    },
  };
}

/** The pause before the next attempt: 20 s, 40 s, 80 s ... capped at one hour, plus up to 10 % jitter so retries spread out. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_BASE_MS * 2 ** attempts, BACKOFF_CAP_MS);
  return Math.round(base * (1 + 0.1 * random()));
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : 'The job failed without an error message.';
}

// Mail servers quote the refused address in their replies; the job table and logs must not keep it.
const EMAIL_IN_TEXT = /[^\s@<>()"':;,]+@[^\s@<>()"':;,]+\.[a-z]{2,}/gi;
const PHONE_IN_TEXT = /\+\d(?:[\s.-]?\d){6,14}|\b\d{9,15}\b/g;

function redact(message: string): string {
  return message.replace(EMAIL_IN_TEXT, '[address]').replace(PHONE_IN_TEXT, '[number]');
}
