import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { attachNdt7Server, createNdt7Server } from './ndt7-server.ts';
import type { MeasurementService } from '../measurements/measurement.service.ts';
import type { QualitySettings } from '../quality.settings.ts';

/**
 * Serves `/ndt/v7/download` and `/ndt/v7/upload` on the application's HTTP server: the upgrade
 * requests never reach Fastify's router. Each finished test is stored through the service.
 */
export function registerNdt7Routes(app: App, platform: Platform, deps: { measurements: MeasurementService; settings: QualitySettings }): void {
  const ndt7 = createNdt7Server({
    maxConcurrentTests: deps.settings.maxConcurrentTests,
    testsPerAddressPerMinute: deps.settings.testsPerAddressPerMinute,
    isProxyTrusted: platform.config.trustProxy,
    now: () => platform.clock.now(),
    onTestEnd: (record) => deps.measurements.recordNdt7Test(record),
    // The test id only: the record carries no address, and the error no personal data.
    onError: (error) => platform.logger.warn({ err: error }, 'ndt7 test error'),
  });
  const detach = attachNdt7Server(app.server, ndt7);
  app.addHook('preClose', async () => {
    detach();
    await ndt7.close();
  });
}
