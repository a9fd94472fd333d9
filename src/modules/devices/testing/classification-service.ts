import type { Platform } from '../../../platform/platform.ts';
import type { ClassificationSettings } from '../classification/classification.settings.ts';
import { createClassificationRepository } from '../classification/classification.repository.ts';
import { createClassificationService } from '../classification/classification.service.ts';

/** The classification service over a test platform with the given settings, saying its e-mails in English. */
export function classificationServiceFor(platform: Platform, settings: ClassificationSettings, allocationLagDays: Readonly<Record<string, number>> = {}) {
  const { keyring, clock, ids, audit, jobs, sms } = platform;
  const repository = createClassificationRepository(platform.db.kysely);
  return createClassificationService({
    repository,
    keyring,
    clock,
    ids,
    audit,
    jobs,
    sms,
    settings,
    allocationLagDays,
    t: platform.catalogs.translator('en'),
    baseUrl: 'http://localhost',
  });
}
