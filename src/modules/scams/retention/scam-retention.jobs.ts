import { addDailyMaintenanceJob } from '../../../platform/maintenance.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createScamRetentionRepository } from './scam-retention.repository.ts';
import { runScamRetention } from './scam-retention.service.ts';

/** The daily job that deletes and erases the module's personal and raw data past the profile's retention. */
export const SCAM_RETENTION_JOB = 'scams.retention';

/** Registers the retention job and asks for it once a day; it logs what it erased, counts only. */
export function registerScamRetentionJob(platform: Platform): void {
  const repository = createScamRetentionRepository(platform.db.kysely);
  platform.jobs.register(SCAM_RETENTION_JOB, async () => {
    const counts = await runScamRetention({ repository, clock: platform.clock, retention: platform.settings.scams.retention });
    platform.logger.info({ ...counts }, 'Scam data past its retention erased');
  });
  addDailyMaintenanceJob(platform, SCAM_RETENTION_JOB);
}
