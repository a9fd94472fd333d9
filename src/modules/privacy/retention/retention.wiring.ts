import { servicesOf, type Platform } from '../../../platform/platform.ts';
import { createRetentionRepository } from './retention.repository.ts';
import { createRetentionService, type RetentionService } from './retention.service.ts';

/** The retention service over a platform, for the job, the pages, the command and the demo. */
export function createRetentionServiceFor(platform: Platform): RetentionService {
  return createRetentionService({
    repository: createRetentionRepository(platform.db.kysely),
    kinds: platform.recordKinds,
    schedule: platform.settings.privacy.retention.schedule,
    timeZone: platform.config.jurisdiction.timeZone,
    ...servicesOf(platform, 'clock', 'ids', 'keyring', 'audit', 'jobs', 'logger'),
  });
}

/**
 * The record ids of one kind under a legal hold in force, for the erasure of data-subject
 * requests, which must keep them as the schedule does.
 */
export async function heldIdsFor(platform: Platform, kind: string): Promise<ReadonlySet<string>> {
  return new Set(await createRetentionRepository(platform.db.kysely).heldIds(kind));
}
