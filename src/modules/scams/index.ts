import type { KingaModule } from '../../platform/module.ts';
import { scamsMigrations } from './migrations/index.ts';
import { scamsSettings } from './scams.settings.ts';
import { registerScamReportingRoutes } from './reporting/scam-report.wiring.ts';
import { scamReportNav } from './reporting/scam-report-web.routes.tsx';

export type { ScamsSettings } from './scams.settings.ts';
export { createScamReportIntakeFor } from './reporting/scam-report.wiring.ts';
export type { ScamReportService, ScamReportInput, FiledReport } from './reporting/scam-report.service.ts';

/** Scams and fraud: reports from the public, the reputation of numbers, sender ids and links, review, operators' action and appeals (issue 17). */
export const scamsModule: KingaModule = {
  name: 'scams',
  migrations: scamsMigrations,
  settings: scamsSettings,
  nav: scamReportNav(),
  routes: (app, platform) => registerScamReportingRoutes(app, platform),
};
