import { localDateOf } from '../../platform/calendar.ts';
import type { App } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import { createOfferServiceFor } from '../offers/index.ts';
import { createComplaintServiceFor } from './complaint-service-factory.ts';
import { createComplaintDraftService, DRAFT_PURGE_JOB, type ComplaintDraftService } from './complaint-draft.service.ts';
import { createComplaintFollowService } from './complaint-follow.service.ts';
import { createComplaintWebRepository } from './complaint-web.repository.ts';
import { registerComplaintWebRoutes } from './complaint-web.routes.tsx';
import { readComplaintWebSettings, type ComplaintWebSettings } from './complaint-web.settings.ts';

/** The web pages' settings from the platform's jurisdiction profile. */
export function complaintWebSettingsOf(platform: Platform): ComplaintWebSettings {
  return readComplaintWebSettings(platform.config.jurisdiction.modules['complaints']);
}

/** The draft service over the platform's database, keys, clock and queue, filing through the complaint service. */
export function createComplaintDraftServiceFor(platform: Platform): ComplaintDraftService {
  return createComplaintDraftService({
    repository: createComplaintWebRepository(platform.db.kysely),
    keyring: platform.keyring,
    clock: platform.clock,
    ids: platform.ids,
    jobs: platform.jobs,
    audit: platform.audit,
    logger: platform.logger,
    complaints: createComplaintServiceFor(platform).consumer,
    settings: complaintWebSettingsOf(platform).draft,
  });
}

/** Registers the consumer's complaint pages: rights, filing with drafts, resume, follow. */
export async function registerComplaintWeb(app: App, platform: Platform): Promise<void> {
  const settings = complaintWebSettingsOf(platform);
  const complaints = createComplaintServiceFor(platform).consumer;
  const offers = createOfferServiceFor(platform);
  const repository = createComplaintWebRepository(platform.db.kysely);
  const { jurisdiction } = platform.config;
  await registerComplaintWebRoutes(app, {
    drafts: createComplaintDraftServiceFor(platform),
    follow: createComplaintFollowService({
      repository,
      keyring: platform.keyring,
      clock: platform.clock,
      ids: platform.ids,
      jobs: platform.jobs,
      logger: platform.logger,
      complaints,
      settings: settings.follow,
    }),
    complaints,
    settings,
    listOperators: async () => (await offers.listOperators()).map((o) => ({ id: o.licence_id, name: o.name })),
    today: () => localDateOf(platform.clock.now(), jurisdiction.timeZone),
    isCookieSecure: platform.config.session.isCookieSecure,
    publicUrl: platform.config.publicUrl,
  });
}

/** Registers the purge of expired drafts, codes and follow sessions on the queue. */
export function registerDraftPurgeJob(platform: Platform): void {
  const drafts = createComplaintDraftServiceFor(platform);
  platform.jobs.register(DRAFT_PURGE_JOB, async () => {
    const purged = await drafts.purgeExpired();
    platform.logger.info(purged, 'complaint drafts purged');
  });
}
