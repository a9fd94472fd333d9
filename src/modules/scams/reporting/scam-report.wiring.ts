import { SUPPORTED_LANGUAGES } from '../../../platform/jurisdiction.ts';
import type { App } from '../../../platform/module.ts';
import { servicesOf, type Platform } from '../../../platform/platform.ts';
import type { ModuleSettings } from '../../../platform/settings.ts';
import { createSmsOutboxRepository } from '../../../platform/sms/index.ts';
import { chooseRoute } from '../../../platform/sms/sms-routes.ts';
import { createScamIdentifierRepository } from '../reputation/scam-identifier.repository.ts';
import { createThresholdCheck, type ThresholdCheck } from '../reputation/threshold-check.service.ts';
import { createThresholdCheckRepository } from '../reputation/threshold-check.repository.ts';
import { scamsCoreOf } from '../scams.wiring.ts';
import { createScamReportRepository } from './scam-report.repository.ts';
import { registerScamReportApiRoutes } from './scam-report.routes.tsx';
import { registerScamReportWebRoutes } from './scam-report-web.routes.tsx';
import { createScamReportService, type ScamReportService } from './scam-report.service.ts';

/** The threshold check over the platform, moving identifiers through the module's one state service. */
export function createThresholdCheckFor(platform: Platform): ThresholdCheck {
  return createThresholdCheck({
    repository: createThresholdCheckRepository(platform.db.kysely),
    states: scamsCoreOf(platform).states,
    clock: platform.clock,
    settings: platform.settings.scams,
  });
}

/**
 * The operator of a number: the route its porting record names, else the SMS route of its longest
 * prefix (the channels module's `sms.routes`, each naming its operator); null when no route serves it.
 */
export function operatorOfNumberFor(platform: Platform): (e164: string) => Promise<string | null> {
  const routes = (platform.settings as Partial<ModuleSettings>).channels?.sms.routes ?? [];
  const sms = createSmsOutboxRepository(platform.db.kysely);
  return async (e164) => {
    if (routes.length === 0) return null;
    const ported = await sms.portedRouteOf(platform.sms.hashNumber(e164));
    return chooseRoute(e164, routes, ported)?.operator ?? null;
  };
}

/** The reporting service over the platform: every channel files through it, and the threshold is checked after each report. */
export function createScamReportIntakeFor(platform: Platform): ScamReportService {
  const threshold = createThresholdCheckFor(platform);
  return createScamReportService({
    repository: createScamReportRepository(platform.db.kysely),
    identifiersOn: createScamIdentifierRepository,
    ...servicesOf(platform, 'keyring', 'clock', 'ids', 'audit', 'sms', 'sendLimits'),
    settings: platform.settings.scams,
    country: platform.config.jurisdiction.country,
    publicUrl: platform.config.publicUrl,
    operatorOf: operatorOfNumberFor(platform),
    async afterFiled(identifierIds) {
      await threshold.afterReport(identifierIds);
    },
  });
}

/** Registers the module's reporting routes over the platform: the API and the public pages, over one intake. */
export async function registerScamReportingRoutes(app: App, platform: Platform): Promise<void> {
  const fallback = platform.config.jurisdiction.defaultLanguage;
  const intake = createScamReportIntakeFor(platform);
  registerScamReportApiRoutes(app, {
    intake,
    settings: platform.settings.scams,
    defaultLanguage: fallback,
    translator: (language) => platform.catalogs.translator(SUPPORTED_LANGUAGES.find((l) => l === language) ?? fallback),
  });
  await registerScamReportWebRoutes(app, {
    intake,
    settings: platform.settings.scams,
    timeZone: platform.config.jurisdiction.timeZone,
    isCookieSecure: platform.config.session.isCookieSecure,
  });
}
