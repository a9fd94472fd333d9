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

export type { ScamsSettings } from './scams.settings.ts';
export { createScamReportIntakeFor } from './reporting/scam-report.wiring.ts';
export type { ScamReportService, ScamReportInput, FiledReport } from './reporting/scam-report.service.ts';
export { readSender } from './reporting/scam-evidence.ts';

/** Scams and fraud: reports from the public, the reputation of numbers, sender ids and links, review, operators' action and appeals (issue 17). */
export const scamsModule: KingaModule = {
  name: 'scams',
  migrations: scamsMigrations,
  settings: scamsSettings,
  nav: scamReportNav(),
  staffLinks: [...reviewStaffLinks, ...NOTICES_STAFF_LINKS],
  async routes(app, platform) {
    await registerScamReportingRoutes(app, platform);
    registerNoticeRoutes(app, platform);
    registerScamListRoutes(app, platform);
    registerReviewRoutes(app, platform);
  },
  seedDemo: seedScamsDemo,
  jobs: (platform) => registerChannelImportJob(platform),
};
