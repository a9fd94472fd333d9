import { calendarOf } from '../../platform/calendar.ts';
import type { Platform } from '../../platform/platform.ts';
import { createOfferServiceFor } from '../offers/index.ts';
import { createComplaintRepository } from './complaint.repository.ts';
import { createComplaintService, type FullComplaintService } from './complaint.service.ts';
import { readComplaintsSettings, type ComplaintsSettings } from './complaints.settings.ts';

/** The complaints module's settings from the platform's jurisdiction profile. */
export function complaintsSettingsOf(platform: Platform): ComplaintsSettings {
  return readComplaintsSettings(platform.config.jurisdiction.modules['complaints']);
}

/** The consumer's follow page, named in every e-mail. */
export const FOLLOW_PATH = '/complaints/follow';

/**
 * Builds the complaint service over the platform's database, keys, clock, queue, audit log and
 * jurisdiction; the consumer pages use its {@link ComplaintsService} part, staff and operator
 * pages its `staff` and `operator` parts, the job its `sweep`.
 */
export function createComplaintServiceFor(platform: Platform): FullComplaintService {
  const { jurisdiction } = platform.config;
  const offers = createOfferServiceFor(platform);
  return createComplaintService({
    repository: createComplaintRepository(platform.db.kysely),
    keyring: platform.keyring,
    clock: platform.clock,
    ids: platform.ids,
    audit: platform.audit,
    jobs: platform.jobs,
    catalogs: platform.catalogs,
    logger: platform.logger,
    settings: complaintsSettingsOf(platform),
    calendar: calendarOf(jurisdiction),
    languages: jurisdiction.languages,
    defaultLanguage: jurisdiction.defaultLanguage,
    listOperators: async () => (await offers.listOperators()).map((o) => ({ id: o.licence_id, name: o.name })),
    followUrl: `${platform.config.publicUrl.replace(/\/$/, '')}${FOLLOW_PATH}`,
  });
}
