import { Type, type Static } from '@sinclair/typebox';
import { defineSettings } from '../../platform/settings.ts';
import type { PrepaidRule, UsageProfile } from './comparison/tariff-cost.ts';
import { AffordabilityBlock, affordabilityRules, resolveAffordability, type AffordabilitySettings } from './affordability/affordability.settings.ts';
import { OpenDataBlock, openDataRules, resolveOpenData, type OpenDataSettings } from './catalogue/open-data.settings.ts';
import { ComplianceBlock, type ComplianceSettings } from './compliance/compliance.settings.ts';
import { SubscriptionsBlock, type SubscriptionSettings } from './subscriptions/offer-subscription.settings.ts';
import { RoamingBlock, resolveRoaming, roamingRules, type RoamingSettings } from './roaming/roaming.settings.ts';

/** A named usage profile: a preset of the comparison or a price basket of the jurisdiction. */
export interface Basket {
  id: string;
  /** Shown when the catalogues have no `offers.preset.<id>` message. */
  name: string;
  profile: Omit<UsageProfile, 'months'>;
}

/** One reason a person may be eligible for a social tariff, as the jurisdiction defines it. */
export interface EligibilityCriterion {
  id: string;
  /** Shown when the catalogues have no `offers.social.eligibility.<id>` message. */
  name: string;
}

/** The settings of the comparison, the offer pages and social tariffs: the top of `modules.offers`, with defaults. */
export interface OfferSettings {
  /** Days after which an offer not published or confirmed again is stale. */
  freshnessDays: number;
  prepaidRule: PrepaidRule;
  /** The comparison's presets (light, medium, heavy). */
  presets: Basket[];
  /** The price baskets (ITU's by default), offered as presets too. */
  baskets: Basket[];
  /** The horizon the comparison starts with, in months. */
  defaultMonths: number;
  /** Who may get a social tariff: the criteria offer files name in `social_tariff_eligibility`. */
  socialTariffs: { eligibility: EligibilityCriterion[] };
}

const mobile = (dataGb: string, voiceMinutes: number, sms: number): Omit<UsageProfile, 'months'> => ({
  serviceType: 'mobile',
  dataGb,
  voiceMinutes,
  sms,
  minDownloadMbps: null,
});

/** The defaults documented in docs/offers/staff-guide.md. */
export const DEFAULT_OFFER_SETTINGS: OfferSettings = {
  // No criterion by default: a jurisdiction declares its own (benefits, disability, age...).
  socialTariffs: { eligibility: [] },
  freshnessDays: 14,
  prepaidRule: 'whole_repurchases',
  defaultMonths: 12,
  presets: [
    { id: 'light', name: 'Light use', profile: mobile('1', 30, 20) },
    { id: 'medium', name: 'Medium use', profile: mobile('5', 150, 50) },
    { id: 'heavy', name: 'Heavy use', profile: mobile('20', 500, 100) },
    { id: 'home-light', name: 'Home internet, light', profile: { serviceType: 'fixed', dataGb: '50', voiceMinutes: 0, sms: 0, minDownloadMbps: '5' } },
    { id: 'home-heavy', name: 'Home internet, heavy', profile: { serviceType: 'fixed', dataGb: '400', voiceMinutes: 0, sms: 0, minDownloadMbps: '20' } },
  ],
  // ITU price baskets (ITU/A4AI methodology): mobile data 2 GB; low 70 min, 20 SMS, 500 MB; high 140 min, 70 SMS, 2 GB; fixed 5 GB at 256 kbit/s.
  baskets: [
    { id: 'itu-mobile-data', name: 'ITU mobile data basket (2 GB)', profile: mobile('2', 0, 0) },
    { id: 'itu-low', name: 'ITU mobile data and voice, low usage', profile: mobile('0.5', 70, 20) },
    { id: 'itu-high', name: 'ITU mobile data and voice, high usage', profile: mobile('2', 140, 70) },
    {
      id: 'itu-fixed',
      name: 'ITU fixed broadband basket (5 GB)',
      profile: { serviceType: 'fixed', dataGb: '5', voiceMinutes: 0, sms: 0, minDownloadMbps: '0.256' },
    },
  ],
};

/**
 * Every setting of the offers module, as services read them from `platform.settings.offers`: the
 * comparison's, and each capability's block.
 */
export interface OffersSettings extends OfferSettings {
  affordability: AffordabilitySettings;
  compliance: ComplianceSettings;
  openData: OpenDataSettings;
  subscriptions: SubscriptionSettings;
  roaming: RoamingSettings;
}

declare module '../../platform/settings.ts' {
  interface ModuleSettings {
    offers: OffersSettings;
  }
}

const ID = { pattern: '^[a-z0-9][a-z0-9-]{0,39}$', errorMessage: 'must be lower-case letters, digits and dashes' };
const NAME = { pattern: '\\S', errorMessage: 'must be a name' };
const DECIMAL = '^\\d+(\\.\\d+)?$';
const COUNT = { minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0, errorMessage: 'must be a whole number, 0 or more' };

/** A basket or preset as the profile writes it: its usage profile flat beside its id and name. */
const BasketEntry = Type.Object(
  {
    id: Type.String(ID),
    name: Type.String(NAME),
    serviceType: Type.Union([Type.Literal('mobile'), Type.Literal('fixed')], { errorMessage: 'must be mobile or fixed' }),
    dataGb: Type.String({ pattern: DECIMAL, errorMessage: 'must be a decimal string such as "2" or "0.5"' }),
    voiceMinutes: Type.Integer(COUNT),
    sms: Type.Integer(COUNT),
    minDownloadMbps: Type.Union([Type.String({ pattern: DECIMAL }), Type.Null()], {
      default: null,
      errorMessage: 'must be a decimal string in Mbit/s, or null',
    }),
  },
  { additionalProperties: false, errorMessage: 'must be an object' },
);

type BasketEntry = Static<typeof BasketEntry>;

const entryOf = (basket: Basket): BasketEntry => ({ id: basket.id, name: basket.name, ...basket.profile });
const basketOf = ({ id, name, ...profile }: BasketEntry): Basket => ({ id, name, profile });

const baskets = (defaults: readonly Basket[], description: string) =>
  Type.Array(BasketEntry, { default: defaults.map(entryOf), errorMessage: 'must be a list of baskets', description });

/**
 * The `modules.offers` block of the jurisdiction profile: the comparison's settings and each
 * capability's block, every field with the default documented in docs/offers/staff-guide.md.
 * The profile's JSON Schema is generated from it (`npm run profile-schema`).
 */
export const offersSettings = defineSettings({
  module: 'offers',
  schema: Type.Object(
    {
      freshnessDays: Type.Integer({
        minimum: 1,
        maximum: 365,
        default: DEFAULT_OFFER_SETTINGS.freshnessDays,
        errorMessage: 'must be a whole number of days from 1 to 365',
        description: 'Days after which an offer not published or confirmed again is stale.',
      }),
      prepaidRule: Type.Union([Type.Literal('min_30_days'), Type.Literal('whole_repurchases'), Type.Literal('pro_rata')], {
        default: DEFAULT_OFFER_SETTINGS.prepaidRule,
        description: 'How bundles valid for other than 30 days are brought to a month.',
      }),
      presets: baskets(DEFAULT_OFFER_SETTINGS.presets, 'Typical usage profiles offered on the comparison page.'),
      baskets: baskets(DEFAULT_OFFER_SETTINGS.baskets, 'Price baskets (ITU by default), offered as presets too and measured for affordability.'),
      defaultMonths: Type.Integer({
        minimum: 1,
        maximum: 60,
        default: DEFAULT_OFFER_SETTINGS.defaultMonths,
        errorMessage: 'must be a whole number of months from 1 to 60',
        description: 'The horizon the comparison starts with, in months.',
      }),
      socialTariffs: Type.Object(
        {
          eligibility: Type.Array(
            Type.Object({ id: Type.String(ID), name: Type.String(NAME) }, { additionalProperties: false, errorMessage: 'must be an object with id and name' }),
            {
              default: [],
              errorMessage: 'must be a list of {"id": "...", "name": "..."}',
              description: 'Who may get a social tariff: the criteria offer files name in social_tariff_eligibility.',
            },
          ),
        },
        { additionalProperties: false, default: {}, errorMessage: 'must be an object with eligibility' },
      ),
      affordability: AffordabilityBlock,
      compliance: ComplianceBlock,
      openData: OpenDataBlock,
      subscriptions: SubscriptionsBlock,
      roaming: RoamingBlock,
    },
    { additionalProperties: false },
  ),
  rules: (value, at) => {
    const problems: string[] = [];
    const seen = new Set<string>();
    value.socialTariffs.eligibility.forEach(({ id }, index) => {
      if (seen.has(id)) problems.push(`${at(`socialTariffs/eligibility/${index}/id`)}: the criterion ${id} is listed twice`);
      seen.add(id);
    });
    problems.push(
      ...affordabilityRules(
        value.affordability,
        value.baskets.map((b) => b.id),
        at,
      ),
      ...openDataRules(value.openData, at),
    );
    problems.push(...roamingRules(value.roaming, at));
    return problems;
  },
  resolve: (value): OffersSettings => ({
    freshnessDays: value.freshnessDays,
    prepaidRule: value.prepaidRule,
    defaultMonths: value.defaultMonths,
    presets: value.presets.map(basketOf),
    baskets: value.baskets.map(basketOf),
    socialTariffs: value.socialTariffs,
    affordability: resolveAffordability(
      value.affordability,
      value.baskets.map((b) => b.id),
    ),
    compliance: value.compliance,
    openData: resolveOpenData(value.openData),
    subscriptions: { pendingDays: value.subscriptions.pendingDays, codeMinutes: value.subscriptions.codeMinutes },
    roaming: resolveRoaming(value.roaming),
  }),
});
