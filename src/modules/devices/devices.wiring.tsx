import { addDailyMaintenanceJob } from '../../platform/maintenance.ts';
import { RecoverySection, TraceAlertsSection } from './recovery/recovery.views.tsx';
import { presentOpenTraceAlerts } from './recovery/recovery.presenter.ts';
import type { StaffReportExtras } from './theft-reports/theft-report.routes.tsx';
import { servicesOf, type Platform } from '../../platform/platform.ts';
import { createClassificationListSignals } from './classification/classification-list-signals.ts';
import { createClassificationRepository } from './classification/classification.repository.ts';
import {
  ClassificationRefused,
  createClassificationService,
  type ClassificationService,
  type ClassificationSummary,
} from './classification/classification.service.ts';
import { createDeviceListRepository } from './lists/device-list.repository.ts';
import { createDeviceListService, type DeviceListService } from './lists/device-list.service.ts';
import { createDeviceStatsRepository } from './statistics/device-stats.repository.ts';
import { createDeviceStatsService, type DeviceStatsService } from './statistics/device-stats.service.ts';
import { createOperatorDataRepository } from './operator-dumps/operator-dumps.repository.ts';
import { createTacRepository } from './tac-database/tac.repository.ts';
import type { ListSignals } from './imei-check/device-status.ts';
import type { ImeiCheckService } from './imei-check/imei-check.service.ts';
import { createRecoveryRepository } from './recovery/recovery.repository.ts';
import { createRecoveryService, type RecoveryService } from './recovery/recovery.service.ts';
import { createTheftReportRepository } from './theft-reports/theft-report.repository.ts';
import { createTheftReportService, type ReporterTextDeps } from './theft-reports/theft-report.service.ts';

/** What the report flow texts reporters with: the outbox, the public address and the profile's country. */
export function reporterTextDepsOf(platform: Platform): ReporterTextDeps {
  return { sms: platform.sms, publicUrl: platform.config.publicUrl, country: platform.config.jurisdiction.country };
}

/** The job type of the daily classification and list run. */
export const CLASSIFY_JOB = 'devices.classify';

/** How long the daily run waits, each time, for a dump import being published. */
export const CLASSIFY_WAIT_MS = 10 * 60_000;

/** The classification service over the platform. */
export function createDevicesClassificationService(platform: Platform): ClassificationService {
  const settings = platform.settings.devices;
  return createClassificationService({
    repository: createClassificationRepository(platform.db.kysely),
    ...servicesOf(platform, 'keyring', 'clock', 'ids', 'audit', 'jobs', 'sms'),
    settings,
    allocationLagDays: settings.allocationLagDays,
    t: platform.catalogs.translator(platform.config.jurisdiction.defaultLanguage),
    baseUrl: platform.config.publicUrl,
  });
}

/** The operators' list service over the platform. */
export function createDevicesListService(platform: Platform): DeviceListService {
  return createDeviceListService({
    repository: createDeviceListRepository(platform.db.kysely),
    ...servicesOf(platform, 'keyring', 'clock', 'ids', 'audit'),
    settings: platform.settings.devices,
  });
}

/** The recovery and trace alert service over the platform. */
export function createDevicesRecoveryService(platform: Platform): RecoveryService {
  const settings = platform.settings.devices;
  const reports = createTheftReportRepository(platform.db.kysely);
  const deps = {
    ...servicesOf(platform, 'keyring', 'clock', 'ids', 'audit', 'jobs', 'sendLimits'),
  };
  return createRecoveryService({
    ...deps,
    sms: platform.sms,
    publicUrl: platform.config.publicUrl,
    repository: createRecoveryRepository(platform.db.kysely),
    reportsOver: createTheftReportRepository,
    reportFlow: createTheftReportService({
      ...deps,
      repository: reports,
      settings: { codeMinutes: settings.reportCodeMinutes, maxImeis: settings.reportMaxImeis, policeReportFile: settings.policeReportFile },
      ...reporterTextDepsOf(platform),
    }),
    codeMinutes: settings.reportCodeMinutes,
  });
}

const statsServices = new WeakMap<Platform, DeviceStatsService>();

/** The public statistics service; one per platform, so the check counter it holds is shared by the check and statistics routes. */
export function devicesStatsServiceOf(platform: Platform): DeviceStatsService {
  const known = statsServices.get(platform);
  if (known) return known;
  const created = createDeviceStatsService({
    repository: createDeviceStatsRepository(platform.db.kysely),
    clock: platform.clock,
    conditions: platform.settings.devices.conditions,
    logger: platform.logger,
  });
  statsServices.set(platform, created);
  return created;
}

/** What the classification state and the reports say about checked IMEIs. */
export function classificationListSignalsFor(platform: Platform): ListSignals {
  return createClassificationListSignals({
    repository: createClassificationRepository(platform.db.kysely),
    keyring: platform.keyring,
    clock: platform.clock,
    conditions: platform.settings.devices.conditions,
  });
}

/** Counts consumer checks for the monthly statistics, then answers as the wrapped service. */
export function withCheckCounter(checks: ImeiCheckService, platform: Platform): ImeiCheckService {
  const stats = devicesStatsServiceOf(platform);
  return {
    async checkImei(raw) {
      const result = await checks.checkImei(raw);
      stats.recordChecks(1);
      return result;
    },
    async checkImeis(raws) {
      const results = await checks.checkImeis(raws);
      stats.recordChecks(results.length);
      return results;
    },
  };
}

/**
 * Registers the daily run: classify today, then generate the lists. The platform's daily
 * maintenance asks for it; before the profile's hour it reschedules itself to that hour, so that
 * the night's operator dumps are in.
 */
export function registerClassificationJobs(platform: Platform): void {
  platform.jobs.register(CLASSIFY_JOB, async () => {
    const now = platform.clock.now();
    const day = now.toISOString().slice(0, 10);
    const at = new Date(`${day}T${String(platform.settings.devices.classifyHourUtc).padStart(2, '0')}:00:00Z`);
    if (now < at) {
      await platform.jobs.enqueue(platform.db.kysely, CLASSIFY_JOB, {}, { runAt: at, uniqueKey: `${CLASSIFY_JOB}:at:${day}`, maxAttempts: 3 });
      return;
    }
    // An accepted dump still being merged, a reference list still being applied, or a TAC database still replacing the old one would be classified half: wait until it is published.
    const operatorData = createOperatorDataRepository(platform.db.kysely);
    if (
      (await operatorData.isAnyDumpPublishing()) ||
      (await operatorData.isAnyListApplying()) ||
      (await createTacRepository(platform.db.kysely).isPublishing())
    ) {
      const later = new Date(now.getTime() + CLASSIFY_WAIT_MS);
      await platform.jobs.enqueue(
        platform.db.kysely,
        CLASSIFY_JOB,
        {},
        { runAt: later, uniqueKey: `${CLASSIFY_JOB}:after:${later.toISOString()}`, maxAttempts: 3 },
      );
      platform.logger.info({ retryAt: later.toISOString() }, 'devices classification waits for a dump, list or TAC import to be published');
      return;
    }
    // No day given: today, with the operator data as of the last day they cover (the profile's analysisDate).
    const summary = await classifyApplying(platform);
    const run = await createDevicesListService(platform).generateLists();
    platform.logger.info({ classificationRunId: summary.runId, listRunId: run.runId, alerts: summary.alerts }, 'devices classified and lists generated');
  });
  addDailyMaintenanceJob(platform, CLASSIFY_JOB);
}

/**
 * Classifies today; when safety limits refused some conditions and the others were applied, logs the
 * refusal (staff see it on the rules page) and returns what was applied, so that the lists follow
 * it. A run refused whole still throws.
 */
async function classifyApplying(platform: Platform): Promise<ClassificationSummary> {
  try {
    return await createDevicesClassificationService(platform).classify();
  } catch (error) {
    if (!(error instanceof ClassificationRefused) || error.applied === null) throw error;
    platform.logger.error(
      { refused: error.refused.map((r) => r.condition).join(',') },
      'devices classification refused conditions over their safety limit; the others were applied',
    );
    return error.applied;
  }
}

/** The trace alerts and recovery sections of the staff report pages. */
export function staffReportExtrasFor(platform: Platform): StaffReportExtras {
  const recovery = createDevicesRecoveryService(platform);
  return {
    async listSection(ctx, actor) {
      return <TraceAlertsSection ctx={ctx} open={presentOpenTraceAlerts(await recovery.listAlerts(actor))} />;
    },
    async reportSection(ctx, reportId, status) {
      if (status !== 'verified') return null;
      return <RecoverySection ctx={ctx} reportId={reportId} isRecovered={await recovery.isRecovered(reportId)} />;
    },
  };
}

/**
 * Classifies the demo data once and generates the first lists, so that `npm start` shows blocked
 * phones, the staff overview and lists to download. A refusal by a safety limit is logged, not fatal.
 */
export async function seedClassificationDemo(platform: Platform): Promise<void> {
  const classification = createDevicesClassificationService(platform);
  if (await classification.latestRun()) return;
  try {
    await classifyApplying(platform);
    await createDevicesListService(platform).generateLists();
  } catch (error) {
    platform.logger.warn({ err: error }, 'demo classification not run');
  }
}
