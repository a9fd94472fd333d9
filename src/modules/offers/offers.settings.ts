import { isIntegerIn, isPlainObject } from '../../platform/value-checks.ts';
import type { PrepaidRule, UsageProfile } from './comparison/tariff-cost.ts';
import { checkAffordabilitySettings } from './affordability/affordability.settings.ts';
import { checkOpenDataSettings } from './catalogue/open-data.settings.ts';
import { checkComplianceSettings } from './compliance/compliance.settings.ts';
import { checkSubscriptionSettings } from './subscriptions/offer-subscription.settings.ts';
import { checkRoamingSettings } from './roaming/roaming.settings.ts';

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

/** The offers module's settings, from `modules.offers` in the jurisdiction profile, with defaults. */
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

const RULES: readonly PrepaidRule[] = ['min_30_days', 'whole_repurchases', 'pro_rata'];
const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/** Checks `modules.offers` and returns every problem as "/modules/offers/<field>: ...". */
export function checkOfferSettings(settings: Readonly<Record<string, unknown>> | undefined): string[] {
  if (settings === undefined) return [];
  const problems: string[] = [];
  const at = (path: string, message: string) => problems.push(`/modules/offers/${path}: ${message}`);
  const known = [
    'freshnessDays',
    'prepaidRule',
    'presets',
    'baskets',
    'defaultMonths',
    'socialTariffs',
    'affordability',
    'compliance',
    'openData',
    'subscriptions',
    'roaming',
  ];
  for (const key of Object.keys(settings)) if (!known.includes(key)) at(key, `unknown setting (known: ${known.join(', ')})`);
  const days = settings['freshnessDays'];
  if (days !== undefined && !isIntegerIn(days, 1, 365)) at('freshnessDays', 'must be a whole number of days from 1 to 365');
  const months = settings['defaultMonths'];
  if (months !== undefined && !isIntegerIn(months, 1, 60)) at('defaultMonths', 'must be a whole number of months from 1 to 60');
  const rule = settings['prepaidRule'];
  if (rule !== undefined && !RULES.includes(rule as PrepaidRule)) at('prepaidRule', `must be one of ${RULES.join(', ')}`);
  for (const list of ['presets', 'baskets'] as const) {
    const value = settings[list];
    if (value === undefined) continue;
    if (!Array.isArray(value)) {
      at(list, 'must be a list of baskets');
      continue;
    }
    value.forEach((entry: unknown, index) => {
      for (const problem of basketProblems(entry)) at(`${list}/${index}/${problem.field}`, problem.message);
    });
  }
  problems.push(...socialTariffProblems(settings['socialTariffs']).map((p) => `/modules/offers/socialTariffs${p}`));
  problems.push(...checkAffordabilitySettings(settings), ...checkComplianceSettings(settings), ...checkOpenDataSettings(settings));
  problems.push(...checkSubscriptionSettings(settings));
  problems.push(...checkRoamingSettings(settings['roaming']));
  return problems;
}

/** The problems of the `socialTariffs` block, each as "<path below it>: message". */
function socialTariffProblems(value: unknown): string[] {
  if (value === undefined) return [];
  if (!isPlainObject(value)) return [': must be an object with eligibility'];
  const problems: string[] = [];
  for (const key of Object.keys(value)) if (key !== 'eligibility') problems.push(`/${key}: unknown setting (known: eligibility)`);
  const eligibility = value['eligibility'];
  if (eligibility === undefined) return problems;
  if (!Array.isArray(eligibility)) return [...problems, '/eligibility: must be a list of {"id": "...", "name": "..."}'];
  const seen = new Set<string>();
  eligibility.forEach((entry: unknown, index) => {
    const path = `/eligibility/${index}`;
    if (!isPlainObject(entry)) {
      problems.push(`${path}: must be an object with id and name`);
      return;
    }
    const id = entry['id'];
    if (typeof id !== 'string' || !ID.test(id)) problems.push(`${path}/id: must be lower-case letters, digits and dashes`);
    else if (seen.has(id)) problems.push(`${path}/id: the criterion ${id} is listed twice`);
    else seen.add(id);
    if (typeof entry['name'] !== 'string' || entry['name'].trim() === '') problems.push(`${path}/name: must be a name`);
  });
  return problems;
}

function basketProblems(entry: unknown): { field: string; message: string }[] {
  if (!isPlainObject(entry)) return [{ field: '', message: 'must be an object' }];
  const problems: { field: string; message: string }[] = [];
  if (typeof entry['id'] !== 'string' || !ID.test(entry['id'])) problems.push({ field: 'id', message: 'must be lower-case letters, digits and dashes' });
  if (typeof entry['name'] !== 'string' || entry['name'].trim() === '') problems.push({ field: 'name', message: 'must be a name' });
  if (entry['serviceType'] !== 'mobile' && entry['serviceType'] !== 'fixed') problems.push({ field: 'serviceType', message: 'must be mobile or fixed' });
  if (typeof entry['dataGb'] !== 'string' || !DECIMAL.test(entry['dataGb']))
    problems.push({ field: 'dataGb', message: 'must be a decimal string such as "2" or "0.5"' });
  for (const field of ['voiceMinutes', 'sms']) {
    const v = entry[field];
    if (v !== undefined && !isIntegerIn(v, 0, Number.MAX_SAFE_INTEGER)) problems.push({ field, message: 'must be a whole number, 0 or more' });
  }
  const speed = entry['minDownloadMbps'];
  if (speed !== undefined && speed !== null && !(typeof speed === 'string' && DECIMAL.test(speed)))
    problems.push({ field: 'minDownloadMbps', message: 'must be a decimal string in Mbit/s, or null' });
  return problems;
}

function eligibilityOf(value: unknown): EligibilityCriterion[] {
  if (!isPlainObject(value) || !Array.isArray(value['eligibility'])) return DEFAULT_OFFER_SETTINGS.socialTariffs.eligibility;
  return value['eligibility'].filter(isPlainObject).map((c) => ({ id: String(c['id']), name: String(c['name']) }));
}

/** The settings in force: the profile's values over the defaults. Call only after {@link checkOfferSettings} passed. */
export function resolveOfferSettings(settings: Readonly<Record<string, unknown>> | undefined): OfferSettings {
  if (!settings) return DEFAULT_OFFER_SETTINGS;
  const toBaskets = (value: unknown, fallback: Basket[]): Basket[] =>
    Array.isArray(value)
      ? value.map((raw: Record<string, unknown>) => ({
          id: String(raw['id']),
          name: String(raw['name']),
          profile: {
            serviceType: raw['serviceType'] === 'fixed' ? 'fixed' : 'mobile',
            dataGb: String(raw['dataGb']),
            voiceMinutes: Number(raw['voiceMinutes'] ?? 0),
            sms: Number(raw['sms'] ?? 0),
            minDownloadMbps: typeof raw['minDownloadMbps'] === 'string' ? raw['minDownloadMbps'] : null,
          },
        }))
      : fallback;
  return {
    freshnessDays: typeof settings['freshnessDays'] === 'number' ? settings['freshnessDays'] : DEFAULT_OFFER_SETTINGS.freshnessDays,
    prepaidRule: RULES.find((r) => r === settings['prepaidRule']) ?? DEFAULT_OFFER_SETTINGS.prepaidRule,
    defaultMonths: typeof settings['defaultMonths'] === 'number' ? settings['defaultMonths'] : DEFAULT_OFFER_SETTINGS.defaultMonths,
    presets: toBaskets(settings['presets'], DEFAULT_OFFER_SETTINGS.presets),
    baskets: toBaskets(settings['baskets'], DEFAULT_OFFER_SETTINGS.baskets),
    socialTariffs: { eligibility: eligibilityOf(settings['socialTariffs']) },
  };
}
