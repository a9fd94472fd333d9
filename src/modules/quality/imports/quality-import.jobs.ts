import { addRecurringJob } from '../../../platform/maintenance.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createQualityImportRepository } from './quality-import.repository.ts';
import { SETTLE_QUALITY_IMPORTS_JOB, settleAbandonedQualityImports } from './quality-import.service.ts';

const HOUR_MS = 60 * 60_000;

/** Registers the hourly settling of measurement and KPI imports a stopped process left half written. */
export function registerQualityImportJobs(platform: Platform): void {
  const imports = createQualityImportRepository(platform.db.kysely);
  platform.jobs.register(SETTLE_QUALITY_IMPORTS_JOB, async () => {
    const discarded = await settleAbandonedQualityImports({ imports, clock: platform.clock });
    if (discarded > 0) platform.logger.warn({ discarded }, 'quality imports a stopped process left were deleted');
  });
  addRecurringJob(platform, SETTLE_QUALITY_IMPORTS_JOB, HOUR_MS);
}
