import { servicesOf, type Platform } from '../../../platform/platform.ts';
import { scamsCoreOf } from '../scams.wiring.ts';
import { createAppealRepository } from './appeal.repository.ts';
import { createAppealService, type AppealService } from './appeal.service.ts';

/** The appeal service over a platform, for the routes and the demo. */
export function createAppealServiceFor(platform: Platform): AppealService {
  const { catalogs } = platform;
  return createAppealService({
    repository: createAppealRepository(platform.db.kysely),
    states: scamsCoreOf(platform).states,
    ...servicesOf(platform, 'keyring', 'clock', 'ids', 'jobs', 'sms', 'sendLimits'),
    publicUrl: platform.config.publicUrl,
    country: platform.config.jurisdiction.country,
    settings: platform.settings.scams.public,
    translator: (language) => catalogs.translator(catalogs.languages.find((l) => l === language) ?? 'en'),
  });
}
