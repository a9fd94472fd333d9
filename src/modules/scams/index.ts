import type { KingaModule } from '../../platform/module.ts';
import { scamsMigrations } from './migrations/index.ts';
import { scamsSettings } from './scams.settings.ts';
import { registerScamReportingRoutes } from './reporting/scam-report.wiring.ts';
import { NOTICES_STAFF_LINKS, registerNoticeRoutes } from './notices/scam-notices.routes.tsx';
import { registerScamListRoutes } from './block-list/scam-list.routes.ts';
import { registerReviewRoutes } from './review/review.routes.tsx';
import { reviewStaffLinks } from './review/review.wiring.ts';
import { seedScamsDemo } from './demo/scams.demo.ts';
import { registerChannelImportJob } from './channel-import/channel-import.jobs.ts';
import { scamReportNav } from './reporting/scam-report-web.routes.tsx';
import { registerLookupRoutes } from './lookup/scam-lookup.routes.tsx';
import { APPEALS_STAFF_LINK, registerAppealRoutes } from './appeals/appeal.routes.tsx';
import { scamsRecordKinds } from './scams.privacy.ts';
import { registerScamOpenDataRoutes } from './open-data/scam-open-data.routes.ts';
import { scamsDatasets } from './open-data/scams.datasets.ts';

export type { ScamsSettings } from './scams.settings.ts';
export { createScamReportIntakeFor } from './reporting/scam-report.wiring.ts';
export type { ScamReportService, ScamReportInput, FiledReport } from './reporting/scam-report.service.ts';
export { readSender } from './reporting/scam-evidence.ts';

/** Scams and fraud: reports from the public, the reputation of numbers, sender ids and links, review, operators' action and appeals (issue 17). */
export const scamsModule: KingaModule = {
  name: 'scams',
  migrations: scamsMigrations,
  settings: scamsSettings,
  datasets: scamsDatasets,
  nav: scamReportNav(),
  staffLinks: [...reviewStaffLinks, ...NOTICES_STAFF_LINKS, APPEALS_STAFF_LINK],
  async routes(app, platform) {
    await registerScamReportingRoutes(app, platform);
    registerNoticeRoutes(app, platform);
    registerScamListRoutes(app, platform);
    registerReviewRoutes(app, platform);
    registerLookupRoutes(app, platform);
    registerAppealRoutes(app, platform);
    registerScamOpenDataRoutes(app, platform);
  },
  jobs(platform) {
    registerChannelImportJob(platform);
  },
  seedDemo: seedScamsDemo,
  recordKinds: scamsRecordKinds,
};
