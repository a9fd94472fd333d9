import { Type, type Static } from '@sinclair/typebox';
import { defineSettings, settingsOf } from '../../platform/settings.ts';
import { USSD_FORMATS } from './ussd/ussd-gateways.ts';
import { SmsSettingsSchema, smsSettingsRules } from '../../platform/sms/sms.settings.ts';
import { SmsKeywordsSettingsSchema, smsKeywordsRules } from './sms/sms-keywords.settings.ts';

declare module '../../platform/settings.ts' {
  interface ModuleSettings {
    channels: ChannelsSettings;
  }
}

/** The consumer actions a USSD menu may offer, by name; each is said by `channels.ussd.menu.<action>`. */
export const MENU_ACTIONS = ['checkImei', 'complaintStatus', 'reportStolen', 'reportScam', 'language'] as const;

/** One consumer action of the menu. */
export type MenuAction = (typeof MENU_ACTIONS)[number];

const GatewaySchema = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,31}$', errorMessage: 'must be 1 to 32 lower-case letters, digits or dashes, such as "africastalking"' }),
    format: Type.Union(
      USSD_FORMATS.map((f) => Type.Literal(f)),
      { errorMessage: `must be one of ${USSD_FORMATS.join(', ')}` },
    ),
    serviceCode: Type.String({ pattern: '^\\*[0-9]{1,6}(\\*[0-9]{1,6})*#$', errorMessage: 'must be a USSD code such as "*384*123#"' }),
    secretEnv: Type.String({
      pattern: '^[A-Z][A-Z0-9_]*_SECRET$',
      errorMessage: 'must name an environment variable ending in _SECRET, such as "USSD_AFRICASTALKING_SECRET"',
    }),
    timeBudgetMs: Type.Integer({ minimum: 100, maximum: 60_000, default: 2500, errorMessage: 'must be a whole number of milliseconds from 100 to 60000' }),
  },
  { additionalProperties: false },
);

const UssdSchema = Type.Object(
  {
    gateways: Type.Array(GatewaySchema, { default: [], maxItems: 20 }),
    menu: Type.Array(
      Type.Union(
        MENU_ACTIONS.map((a) => Type.Literal(a)),
        { errorMessage: `must be one of ${MENU_ACTIONS.join(', ')}` },
      ),
      { default: [...MENU_ACTIONS], minItems: 1, maxItems: 9, uniqueItems: true },
    ),
    screen: Type.Object(
      {
        gsm7Characters: Type.Integer({ minimum: 40, maximum: 182, default: 182 }),
        ucs2Characters: Type.Integer({ minimum: 20, maximum: 91, default: 80 }),
      },
      { additionalProperties: false, default: {} },
    ),
    pageKeys: Type.Object(
      {
        more: Type.String({ pattern: '^[0-9]{1,3}$', default: '98' }),
        back: Type.String({ pattern: '^[0-9]{1,3}$', default: '0' }),
      },
      { additionalProperties: false, default: {} },
    ),
    resumeMinutes: Type.Integer({ minimum: 0, maximum: 60, default: 5 }),
    callbacksPerNumberPerMinute: Type.Integer({ minimum: 1, maximum: 10_000, default: 30 }),
  },
  { additionalProperties: false, default: {} },
);

const ChannelsSettingsSchema = Type.Object(
  {
    ussd: UssdSchema,
    sms: SmsSettingsSchema,
    smsKeywords: SmsKeywordsSettingsSchema,
  },
  { additionalProperties: false },
);

/** The channels module's settings, from `modules.channels` in the jurisdiction profile (`platform.settings.channels`). */
export type ChannelsSettings = Static<typeof ChannelsSettingsSchema>;

/** One USSD gateway as the profile declares it. */
export type UssdGatewaySettings = ChannelsSettings['ussd']['gateways'][number];

/** The channels module's settings: checked at start and read as `platform.settings.channels`. */
export const channelsSettings = defineSettings({
  module: 'channels',
  schema: ChannelsSettingsSchema,
  rules(value, at) {
    const problems: string[] = [];
    const names = new Set<string>();
    value.ussd.gateways.forEach((g, i) => {
      if (names.has(g.name)) problems.push(`${at(`ussd/gateways/${i}/name`)}: "${g.name}" is declared twice`);
      names.add(g.name);
    });
    if (value.ussd.pageKeys.more === value.ussd.pageKeys.back) problems.push(`${at('ussd/pageKeys')}: more and back must be different keys`);
    problems.push(...smsSettingsRules(value.sms, at), ...smsKeywordsRules(value.smsKeywords, at));
    return problems;
  },
});

/** The settings of a profile that says nothing about channels. */
export const DEFAULT_CHANNELS_SETTINGS: ChannelsSettings = settingsOf(channelsSettings, undefined);
