import { addDailyMaintenanceJob } from '../../../platform/maintenance.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createLibraryServiceFor } from './library.wiring.ts';

/** The daily job that deletes contributors' names and addresses past the library's retention. */
export const LIBRARY_RETENTION_JOB = 'learn.library.retention';

/** Registers the retention job and asks for it once a day; it logs a count only. */
export function registerLibraryRetentionJob(platform: Platform): void {
  const library = createLibraryServiceFor(platform);
  platform.jobs.register(LIBRARY_RETENTION_JOB, async () => {
    const invitations = await library.applyRetention();
    platform.logger.info({ invitations }, 'Library invitations past their retention deleted');
  });
  addDailyMaintenanceJob(platform, LIBRARY_RETENTION_JOB);
}
