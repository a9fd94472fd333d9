import type { KingaModule } from '../../platform/module.ts';
import { channelsMigrations } from './migrations/index.ts';
import { channelsSettings } from './channels.settings.ts';
import { createUssdServiceFor, startSmsWorker } from './channels.wiring.ts';
import { registerSmsRoutesFor } from './sms/sms.wiring.ts';
import { channelsRecordKinds } from './channels.privacy.ts';
import { registerSmsMetrics } from './sms/sms.metrics.ts';
import { SMS_LOG_PATH } from './sms/sms-log.paths.ts';
import { SMS_LOG_ROLES } from './sms/sms.policy.ts';
import { registerUssdRoutes } from './ussd/ussd.routes.ts';
import { registerUssdSimulatorRoutes } from './ussd/ussd-simulator.routes.tsx';
import { USSD_SIMULATOR_PATH } from './ussd/ussd.paths.ts';
import { SIMULATOR_ROLES } from './channels.policy.ts';
import { registerChannelsCommands } from './channels.cli.ts';
import { registerSmsPhoneRoutes } from './sms/sms-phone.routes.tsx';
import { SMS_PHONE_PATH } from './sms/sms-phone.paths.ts';
import { runningSmsChannel } from './sms/sms-channel.ts';

export { createConsumerActionsFor, createUssdServiceFor } from './channels.wiring.ts';
export type { ConsumerActions, ActionCall, ActionReply, ActionDraft } from './actions/consumer-actions.service.ts';
export type { ChannelsSettings } from './channels.settings.ts';

/** Feature phones: the consumer services as USSD menus through the profile's gateways, and by text over SMPP (issue 16). */
export const channelsModule: KingaModule = {
  name: 'channels',
  migrations: channelsMigrations,
  settings: channelsSettings,
  staffLinks: [
    { href: USSD_SIMULATOR_PATH, labelKey: 'channels.simulator.title', descriptionKey: 'channels.simulator.link', roles: [...SIMULATOR_ROLES] },
    { href: SMS_PHONE_PATH, labelKey: 'channels.sms.phone.title', descriptionKey: 'channels.sms.phone.link', roles: [...SIMULATOR_ROLES] },
    { href: SMS_LOG_PATH, labelKey: 'channels.sms.log.title', descriptionKey: 'channels.sms.log.link', roles: [...SMS_LOG_ROLES] },
  ],
  routes(app, platform) {
    const { jurisdiction } = platform.config;
    const { gateways } = platform.settings.channels.ussd;
    const ussd = createUssdServiceFor(platform);
    // The demo declares gateways without secrets, for its simulator; a real installation is warned.
    const log = jurisdiction.isDemo === true ? platform.logger.info.bind(platform.logger) : platform.logger.warn.bind(platform.logger);
    for (const gateway of gateways.filter((g) => platform.config.secrets[g.secretEnv] === undefined))
      log({ gateway: gateway.name, variable: gateway.secretEnv }, 'a USSD gateway has no secret set: its callbacks are refused');
    registerUssdRoutes(app, { ussd, gateways, secrets: platform.config.secrets, country: jurisdiction.country });
    registerUssdSimulatorRoutes(app, { ussd, serviceCodes: [...new Set(gateways.map((g) => g.serviceCode))], country: jurisdiction.country });
    registerSmsRoutesFor(app, platform, platform.settings.channels.sms);
    const { sms, smsKeywords } = platform.settings.channels;
    registerSmsPhoneRoutes(app, {
      smscOf: () => runningSmsChannel(platform)?.demoSmsc,
      country: jurisdiction.country,
      shortCode: sms.shortCode,
      scamShortCode: smsKeywords.scamShortCode,
      words: smsKeywords.words,
      defaultLanguage: jurisdiction.defaultLanguage,
    });
  },
  commands: registerChannelsCommands,
  workers: startSmsWorker,
  metrics: registerSmsMetrics,
  recordKinds: channelsRecordKinds,
};
