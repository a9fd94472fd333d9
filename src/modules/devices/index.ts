import { STAFF_REPORT_ROLES } from './devices.policy.ts';
import type { KingaModule } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import { devicesMigrations } from './migrations/index.ts';
import { checkDevicesSettings, readDevicesSettings, type DevicesSettings } from './devices.settings.ts';
import { createImeiCheckService, type ImeiCheckService } from './imei-check.service.ts';
import { createImeiCheckRepository } from './imei-check.repository.ts';
import { registerDevicesRoutes } from './devices.routes.tsx';
import { seedDevicesDemo } from './devices.demo.ts';
import { createTheftReportRepository } from './theft-report.repository.ts';
import { createTheftReportService, type TheftReportService } from './theft-report.service.ts';
import { classificationListSignalsFor, registerClassificationJobs, registerClassificationRoutesFor, seedClassificationDemo, staffReportExtrasFor, withCheckCounter } from './classification.factory.tsx';
import { registerTheftReportRoutes } from './theft-report.routes.tsx';
import { registerOperatorDataJobs } from './operator-data.factory.ts';
import { addDailyMaintenanceJob } from '../../platform/maintenance.ts';
import { eraseClosedReports, REPORT_RETENTION_JOB } from './report-retention.service.ts';
import { registerOperatorDataRoutes } from './operator-data.routes.tsx';
import { DUMP_ROLES, LIST_ROLES } from './operator-data.policy.ts';
import { seedOperatorDataDemo } from './operator-data.demo.ts';
import { seedTracingDemo } from './tracing.demo.ts';

export { analyseImei, luhnCheckDigit, isTestTac } from './imei.ts';
export type { ImeiAnalysis } from './imei.ts';
export type { DeviceStatus, ListSignal, ListSignals } from './device-status.ts';
export type { ImeiCheckResult } from './devices.schemas.ts';

/** The devices module's settings from the platform's jurisdiction profile. */
export function devicesSettingsOf(platform: Platform): DevicesSettings {
  return readDevicesSettings(platform.config.jurisdiction.modules['devices']);
}

/** The IMEI check service over the platform's database, for routes, benches and other modules. */
export function createDevicesCheckService(platform: Platform): ImeiCheckService {
  return createImeiCheckService({
    reads: createImeiCheckRepository(platform.db.kysely),
    // Verified reports not recovered, the stolen list, and the classification state (blocked, duplicate watch).
    lists: classificationListSignalsFor(platform),
    settings: devicesSettingsOf(platform),
  });
}

/** Registers the daily erasure of closed reports' personal values, enqueued by the platform's maintenance. */
function registerReportRetentionJob(platform: Platform): void {
  const repository = createTheftReportRepository(platform.db.kysely);
  platform.jobs.register(REPORT_RETENTION_JOB, async () => {
    const { cutoff, erased } = await eraseClosedReports({ repository, keyring: platform.keyring, clock: platform.clock, retentionMonths: devicesSettingsOf(platform).reportRetentionMonths });
    platform.logger.info({ cutoff, erased }, 'closed device reports past retention erased');
  });
  addDailyMaintenanceJob(platform, REPORT_RETENTION_JOB);
}

/** The lost and stolen report service over the platform's database, keys, queue and audit log. */
export function createDevicesReportService(platform: Platform): TheftReportService {
  const settings = devicesSettingsOf(platform);
  return createTheftReportService({
    repository: createTheftReportRepository(platform.db.kysely),
    keyring: platform.keyring,
    clock: platform.clock,
    ids: platform.ids,
    audit: platform.audit,
    jobs: platform.jobs,
    sendLimits: platform.sendLimits,
    settings: { codeMinutes: settings.reportCodeMinutes, maxImeis: settings.reportMaxImeis, policeReportFile: settings.policeReportFile },
  });
}

/** Device identity: IMEI checks against the GSMA TAC database and lost or stolen reports (issue 5). */
export const devicesModule: KingaModule = {
  name: 'devices',
  migrations: devicesMigrations,
  checkSettings: checkDevicesSettings,
  nav: [
    { href: '/devices/check', labelKey: 'devices.nav' },
    { href: '/devices/statistics', labelKey: 'devices.stats.nav' },
  ],
  staffLinks: [
    { href: '/staff/devices/reports', labelKey: 'devices.staff.reports.title', descriptionKey: 'devices.staff.reports.link', roles: STAFF_REPORT_ROLES },
    { href: '/staff/devices/dumps', labelKey: 'devices.dumps.title', descriptionKey: 'devices.dumps.link', roles: DUMP_ROLES },
    { href: '/staff/devices/lists', labelKey: 'devices.lists.title', descriptionKey: 'devices.lists.link', roles: LIST_ROLES },
    { href: '/staff/devices/classification', labelKey: 'devices.rules.title', descriptionKey: 'devices.rules.link', roles: STAFF_REPORT_ROLES },
  ],
  async routes(app, platform) {
    registerDevicesRoutes(app, platform, { checks: withCheckCounter(createDevicesCheckService(platform), platform), settings: devicesSettingsOf(platform) });
    await registerTheftReportRoutes(app, createDevicesReportService(platform), {
      isCookieSecure: platform.config.session.isCookieSecure,
      extras: staffReportExtrasFor(platform),
      policeReportFile: devicesSettingsOf(platform).policeReportFile,
    });
    registerClassificationRoutesFor(app, platform);
    await registerOperatorDataRoutes(app, platform);
  },
  jobs(platform) {
    registerOperatorDataJobs(platform);
    registerReportRetentionJob(platform);
    registerClassificationJobs(platform);
  },
  async seedDemo(platform) {
    await seedDevicesDemo(platform);
    await seedOperatorDataDemo(platform);
    await seedTracingDemo(platform);
    await seedClassificationDemo(platform);
  },
};
