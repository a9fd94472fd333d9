import { addDailyMaintenanceJob } from '../../../platform/maintenance.ts';
import type { Platform } from '../../../platform/platform.ts';
import { DRAFT_PURGE_JOB, type ComplaintDraftService } from './complaint-draft.service.ts';

/** Registers the purge of expired drafts, codes and follow sessions. */
export function registerDraftPurgeJob(platform: Platform, drafts: Pick<ComplaintDraftService, 'purgeExpired'>): void {
  platform.jobs.register(DRAFT_PURGE_JOB, async () => {
    const purged = await drafts.purgeExpired();
    platform.logger.info(purged, 'complaint drafts purged');
  });
  // Drafts hold personal data: the expired ones go every day.
  addDailyMaintenanceJob(platform, DRAFT_PURGE_JOB);
}
