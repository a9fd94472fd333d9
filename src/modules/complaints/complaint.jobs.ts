import type { Platform } from '../../platform/platform.ts';
import { createComplaintServiceFor } from './complaint-service-factory.ts';

/** The job type of the periodic deadline sweep. */
export const SWEEP_JOB = 'complaints.sweep';

// Deadlines end at a local midnight; a quarter of an hour is late enough for no one and cheap.
const SWEEP_EVERY_MS = 15 * 60_000;

/** Registers the sweep: untimely operators' cases go to the regulator, consumers learn when they may escalate. */
export function registerComplaintJobs(platform: Platform): void {
  platform.jobs.register(SWEEP_JOB, async () => {
    await createComplaintServiceFor(platform).sweep();
  });
}

/**
 * Asks for a sweep in each quarter hour; the unique key per quarter lets every process of a
 * cluster ask, and only one sweep runs. Returns a function that stops asking.
 */
export async function scheduleComplaintSweep(platform: Platform): Promise<() => void> {
  const request = async () => {
    const slot = Math.floor(platform.clock.now().getTime() / SWEEP_EVERY_MS);
    await platform.jobs.enqueue(platform.db.kysely, SWEEP_JOB, {}, { uniqueKey: `${SWEEP_JOB}:${slot}`, maxAttempts: 3 });
  };
  await request();
  const timer = setInterval(() => {
    request().catch((error: unknown) => platform.logger.error({ err: error }, 'complaints sweep could not be scheduled'));
  }, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
