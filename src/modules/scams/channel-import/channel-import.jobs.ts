import { addDailyMaintenanceJob } from '../../../platform/maintenance.ts';
import { servicesOf, type Platform } from '../../../platform/platform.ts';
import { createScamReportIntakeFor } from '../reporting/scam-report.wiring.ts';
import { createChannelImportRepository } from './channel-import.repository.ts';
import { createChannelImport, type ChannelImport } from './channel-import.service.ts';

/** The job type that files the scam reports the channels module kept (at start, then daily, when there are any). */
export const SCAMS_CHANNEL_IMPORT_JOB = 'scams.channel-import';

/** The import over the platform. */
export function createChannelImportFor(platform: Platform): ChannelImport {
  return createChannelImport({
    repository: createChannelImportRepository(platform.db.kysely),
    intake: createScamReportIntakeFor(platform),
    ...servicesOf(platform, 'keyring', 'logger'),
  });
}

/**
 * Registers the import as a daily job: the schedule asks for it when a working process starts,
 * so reports staged by the migration are filed at the first start after the upgrade; later runs
 * find nothing and cost one query.
 */
export function registerChannelImportJob(platform: Platform): void {
  const channelImport = createChannelImportFor(platform);
  platform.jobs.register(SCAMS_CHANNEL_IMPORT_JOB, async () => {
    await channelImport.run();
  });
  addDailyMaintenanceJob(platform, SCAMS_CHANNEL_IMPORT_JOB);
}
