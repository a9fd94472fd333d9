import { ConfigError } from '../../../config.ts';
import { addDailyMaintenanceJob } from '../../../platform/maintenance.ts';
import type { Platform } from '../../../platform/platform.ts';
import { RETENTION_JOB, SCHEDULED_BY, scheduleProblems, type RetentionJobPayload } from './retention.service.ts';
import { createRetentionServiceFor } from './retention.wiring.ts';

/**
 * Checks the profile's schedule against the kinds the modules declare (any problem stops the
 * start, as a settings problem does), then registers the run of the schedule and asks for it
 * nightly. A job with a run id runs the dry run staff asked for.
 */
export function registerRetentionJob(platform: Platform): void {
  const problems = scheduleProblems(platform.recordKinds, platform.settings.privacy.retention.schedule, platform.moduleNames);
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `KINGA_JURISDICTION ${platform.config.jurisdictionFile} ${p}`));
  const retention = createRetentionServiceFor(platform);
  platform.jobs.register<RetentionJobPayload>(RETENTION_JOB, async (payload) => {
    if (payload.runId) await retention.runQueued(payload.runId);
    else await retention.runNow({ dryRun: false, requestedBy: SCHEDULED_BY });
  });
  addDailyMaintenanceJob(platform, RETENTION_JOB);
}
