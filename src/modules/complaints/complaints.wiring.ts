import { calendarOf, localDateOf } from '../../platform/calendar.ts';
import { servicesOf, type Platform } from '../../platform/platform.ts';
import { createOperatorDirectory } from '../../platform/operators/index.ts';
import { createComplaintRepository } from './cases/complaint.repository.ts';
import { createComplaintService, type FullComplaintService } from './cases/complaint.service.ts';
import type { ComplaintsService } from './cases/complaint.types.ts';
import { createComplaintDraftService, type ComplaintDraftService } from './filing/complaint-draft.service.ts';
import { createComplaintFollowService, DEFAULT_FOLLOW_SETTINGS } from './follow/complaint-follow.service.ts';
import { createFilingRepository } from './filing/filing.repository.ts';
import type { ConsumerPagesDeps } from './filing/filing.routes.tsx';
import type { ComplaintsSettings } from './complaints.settings.ts';
import { FOLLOW_PATHS } from './follow/follow.paths.ts';
import { draftExpiryOf } from './complaints.privacy.ts';
import { createSubscriberService, type SubscriberService } from './subscribers/complaint-subscribers.service.ts';

/** The consumer's follow page, named in every e-mail. */
export const FOLLOW_PATH = FOLLOW_PATHS.follow;

/**
 * Builds the complaint service over the platform's database, keys, clock, queue, audit log and
 * jurisdiction; the consumer pages use its {@link ComplaintsService} part, staff and operator
 * pages its `staff` and `operator` parts, the job its `sweep`.
 */
export function createComplaintServiceFor(platform: Platform, settings: ComplaintsSettings = platform.settings.complaints): FullComplaintService {
  const { jurisdiction } = platform.config;
  return createComplaintService({
    repository: createComplaintRepository(platform.db.kysely),
    ...servicesOf(platform, 'keyring', 'clock', 'ids', 'audit', 'jobs', 'catalogs', 'logger', 'sms'),
    country: jurisdiction.country,
    settings,
    smallestCount: platform.settings.opendata.smallestCount,
    calendar: calendarOf(jurisdiction),
    languages: jurisdiction.languages,
    defaultLanguage: jurisdiction.defaultLanguage,
    operators: createOperatorDirectory(platform.db.kysely),
    followUrl: `${platform.config.publicUrl.replace(/\/$/, '')}${FOLLOW_PATH}`,
  });
}

/** The subscriber numbers service over the platform's database, audit log, clock and operator list. */
export function createSubscriberServiceFor(platform: Platform): SubscriberService {
  return createSubscriberService({
    repository: createComplaintRepository(platform.db.kysely),
    ...servicesOf(platform, 'audit', 'clock', 'logger'),
    timeZone: platform.config.jurisdiction.timeZone,
    listOperators: createOperatorDirectory(platform.db.kysely).list,
  });
}

/** What the draft and follow services share: the consumer pages' repository and the platform's keys, clock, ids, queue and logger. */
function consumerPageDepsOf(platform: Platform) {
  return {
    repository: createFilingRepository(platform.db.kysely),
    ...servicesOf(platform, 'keyring', 'clock', 'ids', 'jobs', 'logger', 'sendLimits', 'sms'),
    publicUrl: platform.config.publicUrl,
    country: platform.config.jurisdiction.country,
  };
}

/** The draft service over the platform's database, keys, clock and queue, filing through `complaints`. */
export function createComplaintDraftServiceFor(
  platform: Platform,
  complaints: Pick<ComplaintsService, 'file'>,
  settings: ComplaintsSettings = platform.settings.complaints,
): ComplaintDraftService {
  return createComplaintDraftService({ ...consumerPageDepsOf(platform), complaints, settings, draftExpiry: draftExpiryOf(platform) });
}

/** What the consumer's complaint pages need, over the platform and the app's one complaint service. */
export function consumerPagesDepsFor(platform: Platform, complaints: ComplaintsService, settings: ComplaintsSettings): ConsumerPagesDeps {
  const { jurisdiction } = platform.config;
  const now = platform.clock.now();
  return {
    drafts: createComplaintDraftServiceFor(platform, complaints, settings),
    draftCookieSeconds: Math.round((draftExpiryOf(platform)(now).getTime() - now.getTime()) / 1000),
    follow: createComplaintFollowService({ ...consumerPageDepsOf(platform), complaints, settings: DEFAULT_FOLLOW_SETTINGS }),
    complaints,
    settings,
    listOperators: createOperatorDirectory(platform.db.kysely).list,
    today: () => localDateOf(platform.clock.now(), jurisdiction.timeZone),
    isCookieSecure: platform.config.session.isCookieSecure,
    publicUrl: platform.config.publicUrl,
    country: jurisdiction.country,
    categoryGuides: platform.settings.learn.guides.complaintCategories,
  };
}
