import { createOperatorDirectory } from '../../../platform/operators/index.ts';
import { addRecurringJob } from '../../../platform/maintenance.ts';
import { servicesOf, type Platform } from '../../../platform/platform.ts';
import { removeStaleSpool, settleAbandonedDumps, SETTLE_DUMPS_JOB, spoolDirOf, type DumpImportDeps } from './dump-import.service.ts';
import { settleAbandonedListUploads, type ListImportDeps } from './list-import.service.ts';
import { createOperatorDataRepository } from './operator-dumps.repository.ts';
import { settleAbandonedTacImports } from '../tac-database/tac-import.service.ts';
import { createTacRepository } from '../tac-database/tac.repository.ts';

// File times are the file system's, not the platform's clock.
const SPOOL_STALE_MS = 24 * 60 * 60_000;

/** What the dump import needs, over the platform's database, keys, clock and audit log. */
export function dumpImportDepsFor(platform: Platform): DumpImportDeps {
  return {
    repository: createOperatorDataRepository(platform.db.kysely),
    ...servicesOf(platform, 'keyring', 'audit', 'clock', 'ids'),
    settings: platform.settings.devices.dumps,
    // A dump names a licensed operator of the platform's operator register.
    isKnownOperator: createOperatorDirectory(platform.db.kysely).exists,
  };
}

/** What a reference list upload needs. */
export function listImportDepsFor(platform: Platform): ListImportDeps {
  return {
    repository: createOperatorDataRepository(platform.db.kysely),
    ...servicesOf(platform, 'keyring', 'audit', 'clock', 'ids'),
    threeDigitMncMccs: platform.settings.devices.dumps.threeDigitMncMccs,
  };
}

/**
 * Registers the hourly settling of dump imports, list uploads and TAC imports a stopped process
 * left half done, enqueued by the platform's maintenance. The retention of observations and
 * pairings is their kinds' (`devices.privacy.ts`), run by the privacy module's schedule.
 */
export function registerOperatorDataJobs(platform: Platform): void {
  const repository = createOperatorDataRepository(platform.db.kysely);
  platform.jobs.register(SETTLE_DUMPS_JOB, async () => {
    const settled = await settleAbandonedDumps({ repository, clock: platform.clock });
    const lists = await settleAbandonedListUploads({ repository, audit: platform.audit, clock: platform.clock });
    const tacImports = await settleAbandonedTacImports({ repository: createTacRepository(platform.db.kysely), clock: platform.clock });
    // Uploads older than a day were left by a stopped process: a live upload is checked in minutes.
    const spooled = await removeStaleSpool(spoolDirOf(platform.config.dataDir), new Date(Date.now() - SPOOL_STALE_MS));
    const tacs = tacImports.published + tacImports.discarded;
    if (settled.published + settled.discarded + lists.applied + lists.discarded + spooled + tacs > 0) {
      platform.logger.warn(
        {
          ...settled,
          listUploadsApplied: lists.applied,
          listUploadsDiscarded: lists.discarded,
          spooled,
          tacImportsPublished: tacImports.published,
          tacImportsDiscarded: tacImports.discarded,
        },
        'imports a stopped process left were settled',
      );
    }
  });
  addRecurringJob(platform, SETTLE_DUMPS_JOB, 60 * 60_000);
}
