import type { KingaModule } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import { createComplaintRepository } from './cases/complaint.repository.ts';
import { createComplaintStatusService, type ComplaintStatusService } from './follow/complaint-status.service.ts';
import { complaintsMigrations } from './migrations/index.ts';
import { complaintsSettings } from './complaints.settings.ts';
import { consumerPagesDepsFor, createComplaintServiceFor, createSubscriberServiceFor } from './complaints.wiring.ts';
import { registerFilingRoutes } from './filing/filing.routes.tsx';
import { registerFollowRoutes } from './follow/follow.routes.tsx';
import { registerFilingApiRoutes } from './filing/filing-api.routes.ts';
import { registerOperatorApiRoutes } from './operator-portal/operator-api.routes.ts';
import { registerStaffPages } from './staff/staff.routes.tsx';
import { registerOperatorPortalPages } from './operator-portal/operator-portal.routes.tsx';
import { registerComplaintStatisticsRoutes } from './statistics/complaint-statistics.routes.tsx';
import { STATISTICS_PATH } from './statistics/statistics.paths.ts';
import { registerSubscriberRoutes } from './subscribers/complaint-subscribers.routes.tsx';
import { SUBSCRIBERS_PATH } from './subscribers/subscribers.paths.ts';
import { registerSweepJob } from './deadlines/sweep.jobs.ts';
import { seedComplaintsDemo } from './demo/complaints.demo.ts';
import { registerComplaintsCommands } from './complaints.cli.ts';
import { complaintsRecordKinds } from './complaints.privacy.ts';
import { ASSOCIATION_ROLES, FILING_ROLES, OPERATOR_ROLES, STAFF_ROLES, STATISTICS_ROLES } from './cases/complaints.policy.ts';
import { complaintsDatasets } from './statistics/complaints.datasets.ts';

export { createComplaintServiceFor, FOLLOW_PATH } from './complaints.wiring.ts';
export type { FullComplaintService } from './cases/complaint.service.ts';
export type { StaffActor, OperatorActor } from './cases/case-workflow.ts';
export type { CaseDetail } from './cases/case-detail.presenter.ts';
export type { OperatorResponseInput } from './operator-portal/operator.service.ts';
export type { SweepReport } from './deadlines/sweep.service.ts';
export type { ComplaintsSettings } from './complaints.settings.ts';
export { parseReference } from './cases/complaint-reference.ts';
export type { ComplaintStatus, ComplaintStatusService } from './follow/complaint-status.service.ts';
export { TEXT_LIMITS, checkSubmission } from './cases/complaint-validation.ts';
export * from './cases/complaint.types.ts';

/** The status of a complaint by its reference alone (stage and due date, nothing personal), for USSD and SMS. */
export function createComplaintStatusServiceFor(platform: Platform): ComplaintStatusService {
  return createComplaintStatusService({ repository: createComplaintRepository(platform.db.kysely) });
}

/** Complaints: filing, cases through their stages with deadlines, the operator portal and the regulator's queue. */
export const complaintsModule: KingaModule = {
  name: 'complaints',
  migrations: complaintsMigrations,
  settings: complaintsSettings,
  datasets: complaintsDatasets,
  // The consumer's pages: know your rights, filing with drafts, resuming and following a case.
  nav: [{ href: '/complaints', labelKey: 'complaints.nav' }],
  staffLinks: [
    { href: '/staff/complaints', labelKey: 'complaints.staff.queue.title', descriptionKey: 'complaints.staff.queue.link', roles: STAFF_ROLES },
    { href: '/staff/complaints/new', labelKey: 'complaints.staff.new.title', descriptionKey: 'complaints.staff.new.dashboard', roles: FILING_ROLES },
    { href: SUBSCRIBERS_PATH, labelKey: 'complaints.subscribers.title', descriptionKey: 'complaints.subscribers.link', roles: STATISTICS_ROLES },
    { href: '/staff/operator/complaints', labelKey: 'complaints.operator.list.title', descriptionKey: 'complaints.operator.list.link', roles: OPERATOR_ROLES },
    {
      href: '/staff/association/complaints',
      labelKey: 'complaints.association.list.title',
      descriptionKey: 'complaints.association.list.link',
      roles: ASSOCIATION_ROLES,
    },
  ],
  async routes(app, platform) {
    // Complaint answers carry personal data: no browser or proxy may keep a copy. Only the
    // published statistics, anonymous by construction, may be cached.
    app.addHook('onSend', async (request, reply, payload) => {
      if (!reply.hasHeader('cache-control') && !(request.routeOptions.url ?? '').startsWith(STATISTICS_PATH)) reply.header('cache-control', 'no-store');
      return payload;
    });
    const { complaints: settings } = platform.settings;
    const service = createComplaintServiceFor(platform, settings);
    const web = consumerPagesDepsFor(platform, service.consumer, settings);
    await registerFilingRoutes(app, web);
    registerFollowRoutes(app, web);
    registerFilingApiRoutes(app, service, settings, platform.sendLimits);
    registerOperatorApiRoutes(app, service);
    registerStaffPages(app, platform, service, settings);
    registerOperatorPortalPages(app, platform, service, settings);
    registerComplaintStatisticsRoutes(app, service);
    registerSubscriberRoutes(app, createSubscriberServiceFor(platform));
  },
  // The deadline sweep; drafts, codes and follow sessions go by the retention schedule (complaints.privacy.ts).
  jobs(platform) {
    registerSweepJob(platform, createComplaintServiceFor(platform, platform.settings.complaints));
  },
  commands: registerComplaintsCommands,
  recordKinds: complaintsRecordKinds,
  seedDemo: seedComplaintsDemo,
};
