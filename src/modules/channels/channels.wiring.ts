import { servicesOf, type Platform } from '../../platform/platform.ts';
import type { Translate } from '../../platform/i18n/index.ts';
import { SUPPORTED_LANGUAGES } from '../../platform/jurisdiction.ts';
import { createDevicesConsumerCheckService, createDevicesPhoneReportService } from '../devices/index.ts';
import { createComplaintStatusServiceFor } from '../complaints/index.ts';
import { createScamReportIntakeFor, readSender } from '../scams/index.ts';
import { createConsumerActions, type ConsumerActions } from './actions/consumer-actions.service.ts';
import { createConsumerActionsRepository } from './actions/consumer-actions.repository.ts';
import { createUssdEngine, type UssdEngine } from './ussd/ussd-menu.ts';
import { createUssdService, type UssdService } from './ussd/ussd.service.ts';
import { createUssdSessionRepository } from './ussd/ussd-session.repository.ts';
import type { ModuleWorker } from '../../platform/module.ts';
import { createSmsOutboxRepository } from '../../platform/sms/index.ts';
import { createOfferSubscriptionServiceFor } from '../offers/index.ts';
import { createSmsInboundService, type SmsInboundService } from './sms/sms-inbound.service.ts';
import { createSmsConversationRepository } from './sms/sms-conversation.repository.ts';
import { startSmsWorkerFor } from './sms/sms.wiring.ts';

/** The words of a language by its code, a code outside the supported ones said in the profile's default language. */
function translatorOf(platform: Platform): (language: string) => Translate {
  const fallback = platform.config.jurisdiction.defaultLanguage;
  return (language) => platform.catalogs.translator(SUPPORTED_LANGUAGES.find((l) => l === language) ?? fallback);
}

/** The consumer actions over the platform: the devices check and reports, the complaint status, the channels' tables. */
export function createConsumerActionsFor(platform: Platform): ConsumerActions {
  const { jurisdiction } = platform.config;
  return createConsumerActions({
    // A check by USSD or SMS is a consumer's check like one on the page: it counts in the statistics.
    checks: createDevicesConsumerCheckService(platform),
    complaints: createComplaintStatusServiceFor(platform),
    reports: createDevicesPhoneReportService(platform),
    scams: { intake: createScamReportIntakeFor(platform), isSender: (typed) => readSender(typed, jurisdiction.country).ok },
    repository: createConsumerActionsRepository(platform.db.kysely),
    ...servicesOf(platform, 'keyring', 'clock'),
    translator: translatorOf(platform),
    languages: jurisdiction.languages,
    timeZone: jurisdiction.timeZone,
  });
}

/** The USSD menu engine of the profile over `actions`. */
export function createUssdEngineFor(platform: Platform, actions: ConsumerActions): UssdEngine {
  const { ussd } = platform.settings.channels;
  return createUssdEngine({ actions, translator: translatorOf(platform), settings: ussd });
}

/** The USSD session service: the real callbacks and the staff's simulator share it. */
export function createUssdServiceFor(platform: Platform): UssdService {
  const actions = createConsumerActionsFor(platform);
  const { ussd } = platform.settings.channels;
  return createUssdService({
    engine: createUssdEngineFor(platform, actions),
    actions,
    repository: createUssdSessionRepository(platform.db.kysely),
    ...servicesOf(platform, 'keyring', 'clock', 'ids'),
    translator: translatorOf(platform),
    defaultLanguage: platform.config.jurisdiction.defaultLanguage,
    settings: ussd,
  });
}

/** The service answering texts from phones, over the consumer actions the USSD menu uses. */
export function createSmsInboundServiceFor(platform: Platform, actions: ConsumerActions = createConsumerActionsFor(platform)): SmsInboundService {
  const { jurisdiction } = platform.config;
  const subscriptions = createOfferSubscriptionServiceFor(platform);
  return createSmsInboundService({
    inbox: createSmsOutboxRepository(platform.db.kysely),
    conversations: createSmsConversationRepository(platform.db.kysely),
    outbox: platform.sms,
    actions,
    ...servicesOf(platform, 'keyring', 'clock', 'logger'),
    translator: translatorOf(platform),
    settings: platform.settings.channels.smsKeywords,
    languages: jurisdiction.languages,
    defaultLanguage: jurisdiction.defaultLanguage,
    // STOP also ends the number's offer alerts by text, which it subscribed to one by one.
    onStop: async (number) => {
      await subscriptions.stopTexts(number);
    },
  });
}

/** How often the texts from phones left unanswered (by a process that stopped) are looked for. */
const INBOUND_SWEEP_MS = 30_000;

/**
 * Binds to the SMS centres (see `startSmsChannel`) and answers texts from phones as they are
 * stored, and every half-minute those another process left unanswered.
 */
export async function startSmsWorker(platform: Platform, context: { isDemo: boolean }): Promise<ModuleWorker> {
  const inbound = createSmsInboundServiceFor(platform);
  let running: Promise<unknown> = Promise.resolve();
  // One pass at a time: texts of one number are answered in the order they came.
  const answer = () => {
    running = running
      .then(() => inbound.handleWaiting())
      .catch((error: unknown) => platform.logger.error({ err: error }, 'texts from phones could not be answered'));
  };
  const worker = await startSmsWorkerFor(platform, platform.settings.channels.sms, {
    isDemo: context.isDemo,
    env: platform.config.smppUrls,
    onInbound: answer,
  });
  const sweep = setInterval(answer, INBOUND_SWEEP_MS);
  sweep.unref();
  answer();
  return {
    async stop() {
      clearInterval(sweep);
      await running;
      await worker.stop();
    },
  };
}
