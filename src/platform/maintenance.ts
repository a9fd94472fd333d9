import { createAuthServiceFor } from './auth/index.ts';
import type { Platform } from './platform.ts';

/** The job type of the daily clean-up. */
export const MAINTENANCE_JOB = 'platform.maintenance';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Registers the daily clean-up: finished jobs (whose encrypted payloads may hold addresses) older
 * than the retention, and sessions that expired or went idle.
 */
export function registerMaintenanceJob(platform: Platform): void {
  const auth = createAuthServiceFor(platform);
  platform.jobs.register(MAINTENANCE_JOB, async () => {
    const cutoff = new Date(platform.clock.now().getTime() - platform.config.jobRetentionDays * DAY_MS);
    const jobs = await platform.jobs.purgeFinished(cutoff);
    const sessions = await auth.purgeExpiredSessions();
    // Modules' own daily clean-ups run as jobs of their own, so one failing retries alone.
    const day = platform.clock.now().toISOString().slice(0, 10);
    for (const type of dailyJobs.get(platform) ?? []) {
      await platform.jobs.enqueue(platform.db.kysely, type, {}, { uniqueKey: `${type}:${day}`, maxAttempts: 3 });
    }
    platform.logger.info({ jobs, sessions }, 'maintenance done');
  });
}

const dailyJobs = new WeakMap<Platform, Set<string>>();

/**
 * Asks the daily maintenance to enqueue a module's job of type `type` (registered by the module
 * in its `jobs` hook) once a day, such as a retention clean-up of personal data.
 */
export function addDailyMaintenanceJob(platform: Platform, type: string): void {
  const types = dailyJobs.get(platform) ?? new Set<string>();
  types.add(type);
  dailyJobs.set(platform, types);
}

/**
 * Asks for today's clean-up now and every hour; the unique key per day makes every process of a
 * cluster ask safely, and only one runs it. Returns a function that stops asking.
 */
export function scheduleMaintenance(platform: Platform): () => void {
  const request = () => {
    const day = platform.clock.now().toISOString().slice(0, 10);
    platform.jobs.enqueue(platform.db.kysely, MAINTENANCE_JOB, {}, { uniqueKey: `${MAINTENANCE_JOB}:${day}`, maxAttempts: 3 }).catch((error: unknown) => {
      platform.logger.error({ err: error }, 'maintenance could not be scheduled');
    });
  };
  request();
  const timer = setInterval(request, HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}
