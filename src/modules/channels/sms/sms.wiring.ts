import type { App, ModuleWorker } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createSmsOutboxRepository, type SmsSettings, type StoredInbound } from '../../../platform/sms/index.ts';
import { createSmsLogService } from './sms-log.service.ts';
import { registerSmsLogRoutes } from './sms-log.routes.tsx';
import { startSmsChannel } from './sms-channel.ts';

/** The staff pages of texts, over the platform's outbox. */
export function registerSmsRoutesFor(app: App, platform: Platform, sms: SmsSettings): void {
  const operators = new Map(sms.routes.map((route) => [route.name, route.operator ?? null]));
  const log = createSmsLogService({
    repository: createSmsOutboxRepository(platform.db.kysely),
    keyring: platform.keyring,
    clock: platform.clock,
    operatorOfRoute: (route) => operators.get(route) ?? null,
  });
  registerSmsLogRoutes(app, { log });
}

/** Binds to the SMS centres for as long as the process runs (see `startSmsChannel`). */
export async function startSmsWorkerFor(
  platform: Platform,
  sms: SmsSettings,
  context: { isDemo: boolean; env: Record<string, string | undefined>; onInbound?: (stored: StoredInbound) => void },
): Promise<ModuleWorker> {
  const input: Parameters<typeof startSmsChannel>[0] = { platform, sms, env: context.env, isDemo: context.isDemo };
  if (context.onInbound) input.onInbound = context.onInbound;
  const channel = await startSmsChannel(input);
  return { stop: () => channel.stop() };
}
