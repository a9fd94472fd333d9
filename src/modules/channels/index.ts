import type { KingaModule } from '../../platform/module.ts';
import { channelsMigrations } from './migrations/index.ts';
import { channelsSettings } from './channels.settings.ts';
import { createUssdServiceFor, registerChannelsRetentionJob } from './channels.wiring.ts';
import { registerUssdRoutes } from './ussd/ussd.routes.ts';

export { createConsumerActionsFor, createUssdServiceFor } from './channels.wiring.ts';
export type { ConsumerActions, ActionCall, ActionReply, ActionDraft } from './actions/consumer-actions.service.ts';
export type { ChannelsSettings } from './channels.settings.ts';

/** Feature phones: the consumer services as USSD menus through the gateways of the profile (issue 16). */
export const channelsModule: KingaModule = {
  name: 'channels',
  migrations: channelsMigrations,
  settings: channelsSettings,
  routes(app, platform) {
    const { jurisdiction } = platform.config;
    registerUssdRoutes(app, {
      ussd: createUssdServiceFor(platform),
      gateways: platform.settings.channels.ussd.gateways,
      secrets: platform.config.secrets,
      country: jurisdiction.country,
    });
  },
  jobs: registerChannelsRetentionJob,
};
