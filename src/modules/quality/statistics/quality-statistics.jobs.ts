import { addDailyMaintenanceJob } from '../../../platform/maintenance.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createQualityStatisticsServiceFor } from './quality-statistics.wiring.ts';

/** The job type of the daily aggregation of quality statistics. */
export const AGGREGATE_JOB = 'quality.aggregate';

/** Registers the aggregation, asked for once a day by the maintenance schedule. */
export function registerQualityStatisticsJobs(platform: Platform): void {
  const statistics = createQualityStatisticsServiceFor(platform);
  platform.jobs.register(AGGREGATE_JOB, async () => {
    const report = await statistics.aggregate();
    platform.logger.info(report, 'quality statistics aggregated');
  });
  addDailyMaintenanceJob(platform, AGGREGATE_JOB);
}
