import { addDailyMaintenanceJob, addRecurringJob } from '../../platform/maintenance.ts';
import type { Platform } from '../../platform/platform.ts';
import { complaintsSettingsOf, createComplaintDraftServiceFor, createComplaintServiceFor } from './complaint-service-factory.ts';
import { DRAFT_PURGE_JOB } from './complaint-draft.service.ts';

/** The job type of the periodic deadline sweep. */
export const SWEEP_JOB = 'complaints.sweep';

// Deadlines end at a local midnight; a quarter of an hour is late enough for no one and cheap.
const SWEEP_EVERY_MS = 15 * 60_000;

/**
 * Registers the module's jobs: the sweep, asked for in each quarter hour by the maintenance
 * schedule (untimely operators' cases go to the regulator, consumers learn when they may
 * escalate), and the purge of expired drafts, codes and follow sessions.
 */
export function registerComplaintJobs(platform: Platform): void {
  const settings = complaintsSettingsOf(platform);
  const service = createComplaintServiceFor(platform, settings);
  const drafts = createComplaintDraftServiceFor(platform, service.consumer, settings);
  platform.jobs.register(SWEEP_JOB, async () => {
    await service.sweep();
  });
  addRecurringJob(platform, SWEEP_JOB, SWEEP_EVERY_MS);
  platform.jobs.register(DRAFT_PURGE_JOB, async () => {
    const purged = await drafts.purgeExpired();
    platform.logger.info(purged, 'complaint drafts purged');
  });
  // Drafts hold personal data: the expired ones go every day.
  addDailyMaintenanceJob(platform, DRAFT_PURGE_JOB);
}
