import { STAFF_REPORT_ROLES } from './devices.policy.ts';
import type { KingaModule } from '../../platform/module.ts';
import { servicesOf, type Platform } from '../../platform/platform.ts';
import { devicesMigrations } from './migrations/index.ts';
import { devicesSettings } from './devices.settings.ts';
import { createImeiCheckService, type ImeiCheckService } from './imei-check/imei-check.service.ts';
import { createImeiCheckRepository } from './imei-check/imei-check.repository.ts';
import { registerImeiCheckRoutes } from './imei-check/imei-check.routes.tsx';
import { seedDevicesDemo } from './demo/devices.demo.ts';
import { registerDevicesCommands } from './devices.cli.ts';
import { createTheftReportRepository } from './theft-reports/theft-report.repository.ts';
import { createTheftReportService, type TheftReportService } from './theft-reports/theft-report.service.ts';
import { createPhoneReportService, type PhoneReportService } from './theft-reports/phone-report.service.ts';
import {
  classificationListSignalsFor,
  createDevicesClassificationService,
  createDevicesListService,
  createDevicesRecoveryService,
  devicesStatsServiceOf,
  registerClassificationJobs,
  reporterTextDepsOf,
  seedClassificationDemo,
  staffReportExtrasFor,
  withCheckCounter,
} from './devices.wiring.tsx';
import { registerStatisticsRoutes } from './statistics/statistics.routes.tsx';
import { registerDeviceListRoutes } from './lists/device-list.routes.ts';
import { registerRecoveryRoutes } from './recovery/recovery.routes.tsx';
import { registerClassificationRoutes } from './classification/classification.routes.tsx';
import { registerTheftReportRoutes } from './theft-reports/theft-report.routes.tsx';
import { registerOperatorDataJobs } from './operator-dumps/operator-dumps.wiring.ts';
import { registerOperatorDataRoutes } from './operator-dumps/operator-dumps.routes.tsx';
import { DUMP_ROLES, LIST_ROLES } from './operator-dumps/operator-dumps.policy.ts';
import { seedOperatorDataDemo } from './demo/operator-dumps.demo.ts';
import { seedTracingDemo } from './demo/tracing.demo.ts';
import { devicesDatasets } from './statistics/devices.datasets.ts';

import { devicesRecordKinds } from './devices.privacy.ts';

export { analyseImei, luhnCheckDigit, isTestTac } from './imei-check/imei.ts';
export type { ImeiAnalysis } from './imei-check/imei.ts';
export type { DeviceStatus, ListSignal, ListSignals } from './imei-check/device-status.ts';
export type { ImeiCheckResult } from './imei-check/imei-check.schemas.ts';
export type { ImeiCheck } from './imei-check/imei-check.service.ts';
export type { PhoneReportService, PhoneReportOutcome, PhoneReportIssue, PhoneReportChannel } from './theft-reports/phone-report.service.ts';

/** The IMEI check service over the platform's database, for routes, benches and other modules. */
export function createDevicesCheckService(platform: Platform): ImeiCheckService {
  return createImeiCheckService({
    reads: createImeiCheckRepository(platform.db.kysely),
    // Verified reports not recovered, the stolen list, and the classification state (blocked, duplicate watch).
    lists: classificationListSignalsFor(platform),
    settings: platform.settings.devices,
  });
}

/** The lost and stolen report service over the platform's database, keys, queue and audit log. */
export function createDevicesReportService(platform: Platform): TheftReportService {
  const settings = platform.settings.devices;
  return createTheftReportService({
    repository: createTheftReportRepository(platform.db.kysely),
    ...servicesOf(platform, 'keyring', 'clock', 'ids', 'audit', 'jobs', 'sendLimits'),
    settings: { codeMinutes: settings.reportCodeMinutes, maxImeis: settings.reportMaxImeis, policeReportFile: settings.policeReportFile },
    ...reporterTextDepsOf(platform),
  });
}

/** The IMEI check as consumers make it on any channel (the page, USSD, SMS): each check counts in the monthly statistics. */
export function createDevicesConsumerCheckService(platform: Platform): ImeiCheckService {
  return withCheckCounter(createDevicesCheckService(platform), platform);
}

/** Lost and stolen reports from a phone (USSD, SMS), which the staff queue shows as any other. */
export function createDevicesPhoneReportService(platform: Platform): PhoneReportService {
  return createPhoneReportService({
    repository: createTheftReportRepository(platform.db.kysely),
    ...servicesOf(platform, 'keyring', 'clock', 'ids', 'audit'),
    hashNumber: platform.sms.hashNumber,
    settings: { maxImeis: platform.settings.devices.reportMaxImeis },
  });
}

/** Device identity: IMEI checks against the GSMA TAC database and lost or stolen reports (issue 5). */
export const devicesModule: KingaModule = {
  name: 'devices',
  migrations: devicesMigrations,
  settings: devicesSettings,
  datasets: devicesDatasets,
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
    registerImeiCheckRoutes(app, platform, { checks: withCheckCounter(createDevicesCheckService(platform), platform), settings: platform.settings.devices });
    await registerTheftReportRoutes(app, createDevicesReportService(platform), {
      isCookieSecure: platform.config.session.isCookieSecure,
      extras: staffReportExtrasFor(platform),
      policeReportFile: platform.settings.devices.policeReportFile,
    });
    registerStatisticsRoutes(app, { stats: devicesStatsServiceOf(platform), smallestCount: platform.settings.opendata.smallestCount });
    const lists = createDevicesListService(platform);
    registerDeviceListRoutes(app, { lists });
    registerRecoveryRoutes(app, { recovery: createDevicesRecoveryService(platform), isCookieSecure: platform.config.session.isCookieSecure });
    registerClassificationRoutes(app, {
      lists,
      classification: createDevicesClassificationService(platform),
      conditions: platform.settings.devices.conditions,
    });
    await registerOperatorDataRoutes(app, platform);
  },
  jobs(platform) {
    registerOperatorDataJobs(platform);
    registerClassificationJobs(platform);
  },
  recordKinds: devicesRecordKinds,
  commands: registerDevicesCommands,
  async seedDemo(platform) {
    await seedDevicesDemo(platform);
    await seedOperatorDataDemo(platform);
    await seedTracingDemo(platform);
    await seedClassificationDemo(platform);
  },
};
