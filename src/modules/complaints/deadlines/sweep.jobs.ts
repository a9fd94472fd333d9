import { addRecurringJob } from '../../../platform/maintenance.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { FullComplaintService } from '../cases/complaint.service.ts';

/** The job type of the periodic deadline sweep. */
export const SWEEP_JOB = 'complaints.sweep';

// Deadlines end at a local midnight; a quarter of an hour is late enough for no one and cheap.
const SWEEP_EVERY_MS = 15 * 60_000;

/**
 * Registers the deadline sweep, asked for in each quarter hour by the maintenance schedule:
 * untimely operators' cases go to the regulator, consumers learn when they may escalate.
 */
export function registerSweepJob(platform: Platform, service: Pick<FullComplaintService, 'sweep'>): void {
  platform.jobs.register(SWEEP_JOB, async () => {
    await service.sweep();
  });
  addRecurringJob(platform, SWEEP_JOB, SWEEP_EVERY_MS);
}
