import { calendarOf } from '../../../platform/calendar.ts';
import { createFormatter } from '../../../platform/i18n/index.ts';
import type { Language } from '../../../platform/jurisdiction.ts';
import { addDailyMaintenanceJob } from '../../../platform/maintenance.ts';
import type { ModuleStaffLink } from '../../../platform/module.ts';
import { enqueueEmail } from '../../../platform/notify/index.ts';
import { servicesOf, type Platform } from '../../../platform/platform.ts';
import type { RecordKind } from '../../../platform/privacy/record-kinds.ts';
import type { Fulfilment } from '../fulfil/fulfilment.ts';
import { createFulfilment } from '../fulfil/fulfil.wiring.ts';
import { createRequestRepository } from './request.repository.ts';
import { requestRecordKinds } from './request-kinds.ts';
import { noonOf } from './request-rules.ts';
import { createRequestService, type RequestService } from './request.service.ts';
import { REQUEST_PATHS } from './request.paths.ts';
import { REQUEST_STAFF_ROLES } from './requests.policy.ts';

/** The daily job that reminds staff of requests falling due and re-runs erasures that kept records of open cases. */
export const REQUESTS_DAILY_JOB = 'privacy.requests.daily';

/** The requests service over the platform, carrying out access and erasure through `fulfilment`. */
export function createRequestServiceFor(platform: Platform, fulfilment: Fulfilment): RequestService {
  const { jurisdiction } = platform.config;
  return createRequestService({
    repository: createRequestRepository(platform.db.kysely),
    ...servicesOf(platform, 'keyring', 'clock', 'ids', 'audit', 'jobs', 'sms', 'sendLimits'),
    fulfilment,
    settings: platform.settings.privacy.requests,
    calendar: calendarOf(jurisdiction),
    timeZone: jurisdiction.timeZone,
    country: jurisdiction.country,
    publicUrl: platform.config.publicUrl,
    recordKinds: platform.recordKinds,
    // The settings schema checks each rule's trigger and action against the kinds at start.
    schedule: platform.settings.privacy.retention.schedule,
    translatorFor: (language) => platform.catalogs.translator(language),
    dateIn: (language, date) => createFormatter(language, jurisdiction.timeZone).date(date),
  });
}

/** The privacy module's kinds of record kept by requests: the requests and the access archives. */
export function requestKindsOf(platform: Platform): RecordKind[] {
  return requestRecordKinds({ repository: createRequestRepository(platform.db.kysely), keyring: platform.keyring });
}

/**
 * Registers the daily job: e-mails every administrator and officer the requests due in one of the
 * profile's reminder days or overdue, runs again the erasures that kept records of open cases, and
 * deletes the public pages' lapsed sessions.
 */
export function registerRequestJobs(platform: Platform, fulfilment: Fulfilment): void {
  platform.jobs.register(REQUESTS_DAILY_JOB, async () => {
    const service = createRequestServiceFor(platform, fulfilment);
    const sent = await sendReminders(platform, service);
    const rerun = await service.rerunPendingErasures().catch((error: unknown) => {
      platform.logger.error({ err: error }, 'privacy request erasures not run again');
      return 0;
    });
    // A session holds the address or number typed; one nobody finished is deleted once it lapses.
    const sessionsDeleted = await createRequestRepository(platform.db.kysely).deleteExpiredSessions(platform.clock.now().toISOString());
    platform.logger.info(
      { remindersSent: sent, erasuresRerun: rerun, sessionsDeleted },
      'privacy requests: staff reminded, pending erasures run again, lapsed sessions deleted',
    );
  });
  addDailyMaintenanceJob(platform, REQUESTS_DAILY_JOB);
}

/** E-mails the reminder to each administrator and officer; answers how many e-mails were queued. */
export async function sendReminders(platform: Platform, service: RequestService): Promise<number> {
  const { due, overdue } = await service.remindersDue();
  if (due.length === 0 && overdue.length === 0) return 0;
  const language = platform.config.jurisdiction.defaultLanguage;
  const t = platform.catalogs.translator(language);
  const format = createFormatter(language, platform.config.jurisdiction.timeZone);
  const line = (key: string) => (r: (typeof due)[number]) =>
    `- ${t(key, { reference: r.reference, type: t(`privacy.requests.type.${r.type}`), due: format.date(noonOf(r.current_due_on)) })}`;
  const lines = [...overdue.map(line('privacy.requests.reminder.lineOverdue')), ...due.map(line('privacy.requests.reminder.lineDue'))].join('\n');
  const url = `${platform.config.publicUrl.replace(/\/$/, '')}${REQUEST_PATHS.staffList}`;
  const repository = createRequestRepository(platform.db.kysely);
  const staff = await repository.listStaffEmails(REQUEST_STAFF_ROLES);
  for (const member of staff) {
    await enqueueEmail(platform.jobs, platform.db.kysely, {
      to: platform.keyring.decrypt(member.email_enc, 'users.email'),
      subject: t('privacy.requests.reminder.subject', { due: due.length, overdue: overdue.length }),
      text: t('privacy.requests.reminder.body', { lines, url }),
    });
  }
  return staff.length;
}

/** The dashboard link to the requests, with what falls due within a week and what is overdue (an alert). */
export function requestStaffLink(): ModuleStaffLink {
  return {
    href: REQUEST_PATHS.staffList,
    labelKey: 'privacy.requests.staff.title',
    descriptionKey: 'privacy.requests.staff.link',
    roles: REQUEST_STAFF_ROLES,
    async figures(platform) {
      const { dueThisWeek, overdue } = await createRequestServiceFor(platform, createFulfilment(platform)).figures();
      return [
        { messageKey: 'privacy.requests.staff.figureDueThisWeek', count: dueThisWeek },
        { messageKey: 'privacy.requests.staff.figureOverdue', count: overdue, isAlert: overdue > 0 },
      ];
    },
  };
}

/** The language of a request a person filed on a page in `language`, or the profile's default when the profile does not offer it. */
export function requestLanguageOf(platform: Platform, language: string): Language {
  const { languages, defaultLanguage } = platform.config.jurisdiction;
  return (languages as readonly string[]).includes(language) ? (language as Language) : defaultLanguage;
}
