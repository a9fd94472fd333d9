import { AuditChainError } from './audit/index.ts';
import type { Platform } from './platform.ts';

/** The job type of the daily clean-up. */
export const MAINTENANCE_JOB = 'platform.maintenance';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Registers the daily job that writes a checkpoint of the audit chain to the log: logs leave the
 * machine (journald, a log system), so the checkpoint is kept where someone who changes only the
 * database cannot reach it. Finished jobs, sessions and counters are kinds of record now
 * (`src/platform/privacy/platform-kinds.ts`), which the retention schedule deletes.
 */
export function registerMaintenanceJob(platform: Platform): void {
  platform.jobs.register(MAINTENANCE_JOB, async () => {
    try {
      platform.logger.info({ checkpoint: await platform.audit.checkpoint(platform.db.kysely) }, 'audit checkpoint');
    } catch (error) {
      if (!(error instanceof AuditChainError)) throw error;
      platform.logger.error('the head of the audit chain does not carry its key mark; run `kinga audit verify`');
    }
    platform.logger.info('maintenance done');
  });
}

/**
 * Asks for a module's job of type `type` (registered by the module in its `jobs` hook) once a
 * (UTC) day, such as a retention clean-up of personal data; it runs as a job of its own, so one
 * failing retries alone.
 */
export function addDailyMaintenanceJob(platform: Platform, type: string): void {
  addRecurringJob(platform, type, DAY_MS);
}

// Keyed by the job queue, which every view of one platform shares (tests spread the platform).
const recurringJobs = new WeakMap<Platform['jobs'], Map<string, number>>();

/**
 * Asks {@link scheduleMaintenance} to enqueue a module's job of type `type` (registered by the
 * module in its `jobs` hook) once in each period of `everyMs`, such as a sweep of lapsed deadlines.
 */
export function addRecurringJob(platform: Platform, type: string, everyMs: number): void {
  const types = recurringJobs.get(platform.jobs) ?? new Map<string, number>();
  types.set(type, everyMs);
  recurringJobs.set(platform.jobs, types);
}

/** Enqueues one run of a scheduled job for the current period; the unique key makes it once a period. */
async function requestJob(platform: Platform, type: string, everyMs: number): Promise<void> {
  const slot = Math.floor(platform.clock.now().getTime() / everyMs);
  await platform.jobs.enqueue(platform.db.kysely, type, {}, { uniqueKey: `${type}:${slot}`, maxAttempts: 3 });
}

/** The daily clean-up and every job the modules asked for, with their periods. */
function scheduledJobs(platform: Platform): [string, number][] {
  return [[MAINTENANCE_JOB, DAY_MS], ...(recurringJobs.get(platform.jobs) ?? [])];
}

/** Asks once for every scheduled job of the current period, as {@link scheduleMaintenance} does at start. */
export async function requestScheduledJobs(platform: Platform): Promise<void> {
  await Promise.all(scheduledJobs(platform).map(([type, everyMs]) => requestJob(platform, type, everyMs)));
}

/** The schedule {@link scheduleMaintenance} keeps. */
export interface MaintenanceSchedule {
  /** Settles once the first asks (at start) were answered; a failed ask is logged, never thrown. */
  firstAsked: Promise<void>;
  /** Stops asking. */
  stop(): void;
}

/**
 * Asks for the daily clean-up and each recurring job now, then at least hourly; the unique key
 * per period makes every process of a cluster ask safely, and only one runs each.
 */
export function scheduleMaintenance(platform: Platform): MaintenanceSchedule {
  const asks: Promise<void>[] = [];
  const timers = scheduledJobs(platform).map(([type, everyMs]) => {
    const ask = () =>
      requestJob(platform, type, everyMs).catch((error: unknown) => {
        platform.logger.error({ err: error, type }, 'a scheduled job could not be requested');
      });
    asks.push(ask());
    const timer = setInterval(() => void ask(), Math.min(everyMs, HOUR_MS));
    timer.unref();
    return timer;
  });
  return {
    firstAsked: Promise.all(asks).then(() => undefined),
    stop: () => {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
