import { isIntegerIn, isPlainObject, isWebAddress } from '../../../platform/value-checks.ts';

/** How a price is compared with a target's threshold. */
export type TargetOperator = '<' | '<=';

/** An affordability target: the basket's price as a share of monthly GNI per capita, below a threshold. */
export interface AffordabilityTarget {
  id: string;
  /** Shown when the catalogues have no `offers.affordability.target.<id>` message. */
  name: string;
  operator: TargetOperator;
  /** The threshold in percent of monthly GNI per capita, a decimal string ("2" is 2 %). */
  thresholdPercent: string;
  /** Who set the target, shown with it. */
  source: string | null;
}

/** A figure of the profile with its year and where it comes from. */
export interface SourcedFigure {
  /** A decimal string. */
  value: string;
  year: number;
  source: string;
  sourceUrl: string | null;
}

/** The affordability measure: which baskets, the conversion figures, and the targets. */
export interface AffordabilitySettings {
  /** Local currency per US dollar; null when not configured (no USD prices are shown then). */
  exchangeRate: SourcedFigure | null;
  /** PPP conversion factor: local currency per international dollar. */
  pppFactor: SourcedFigure | null;
  /** GNI per capita per year, in `currency` (the jurisdiction's or USD). */
  gniPerCapita: (SourcedFigure & { currency: string }) | null;
  /** Social tariffs are reserved to eligible people, so ITU's method leaves them out by default. */
  isSocialTariffIncluded: boolean;
  /** ITU's baskets price the recurring cost; one-time fees (installation, SIM card) are left out unless this is true. */
  isOneTimeFeeIncluded: boolean;
  /** The baskets measured, by id of `modules.offers.baskets`, each with its targets. */
  baskets: { basketId: string; targets: AffordabilityTarget[] }[];
}

/** The UN Broadband Commission's 2025 target: entry-level broadband below 2 % of monthly GNI per capita. */
export const BROADBAND_COMMISSION_TARGET: AffordabilityTarget = {
  id: 'broadband-commission-2025',
  name: 'UN Broadband Commission 2025 target: less than 2% of monthly GNI per capita',
  operator: '<',
  thresholdPercent: '2',
  source: 'Broadband Commission for Sustainable Development, 2025 Targets (Target 2)',
};

/** The ids of the default baskets of `modules.offers.baskets` (ITU's); offers.settings.ts imports this file, so they are not read from there. */
export const DEFAULT_BASKET_IDS: readonly string[] = ['itu-mobile-data', 'itu-low', 'itu-high', 'itu-fixed'];

/** The defaults documented in docs/offers/staff-guide.md. */
export const DEFAULT_AFFORDABILITY_SETTINGS: AffordabilitySettings = {
  exchangeRate: null,
  pppFactor: null,
  gniPerCapita: null,
  isSocialTariffIncluded: false,
  isOneTimeFeeIncluded: false,
  baskets: DEFAULT_BASKET_IDS.map((basketId) => ({ basketId, targets: [BROADBAND_COMMISSION_TARGET] })),
};

const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const POSITIVE_DECIMAL = /^\d{1,12}(\.\d{1,8})?$/;
const CURRENCY = /^[A-Z]{3}$/;

type Problems = string[];

function isPositiveDecimal(value: unknown): value is string {
  return typeof value === 'string' && POSITIVE_DECIMAL.test(value) && Number(value) > 0;
}

function unknownKeys(value: Record<string, unknown>, known: readonly string[], path: string, at: (path: string, message: string) => void): void {
  for (const key of Object.keys(value)) if (!known.includes(key)) at(`${path}/${key}`, `unknown setting (known: ${known.join(', ')})`);
}

function checkFigure(
  value: unknown,
  path: string,
  amountKey: string,
  meaning: string,
  at: (path: string, message: string) => void,
  currency: string | undefined,
): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) {
    at(path, `must be an object with ${amountKey}, year and source`);
    return;
  }
  const keys = [amountKey, 'year', 'source', 'sourceUrl', ...(amountKey === 'amount' ? ['currency'] : [])];
  unknownKeys(value, keys, path, at);
  if (!isPositiveDecimal(value[amountKey])) at(`${path}/${amountKey}`, `must be ${meaning}, a decimal string greater than 0 such as "129.50"`);
  const year = value['year'];
  if (!isIntegerIn(year, 1990, 2100)) at(`${path}/year`, 'must be the year the figure is for, such as 2024');
  if (typeof value['source'] !== 'string' || value['source'].trim() === '')
    at(`${path}/source`, 'must name where the figure comes from, such as "World Bank, World Development Indicators"');
  if (value['sourceUrl'] !== undefined && !isWebAddress(value['sourceUrl'])) at(`${path}/sourceUrl`, 'must be a web address starting with https:// or http://');
  if (amountKey === 'amount') {
    const code = value['currency'];
    const isKnown = typeof code === 'string' && CURRENCY.test(code) && (currency === undefined || code === currency || code === 'USD');
    if (!isKnown) at(`${path}/currency`, `must be ${currency ?? "the jurisdiction's currency"} or USD`);
  }
}

function checkTarget(value: unknown, path: string, at: (path: string, message: string) => void): void {
  if (!isPlainObject(value)) {
    at(path, 'must be an object with id, name, operator and thresholdPercent');
    return;
  }
  unknownKeys(value, ['id', 'name', 'operator', 'thresholdPercent', 'source'], path, at);
  if (typeof value['id'] !== 'string' || !ID.test(value['id'])) at(`${path}/id`, 'must be lower-case letters, digits and dashes');
  if (typeof value['name'] !== 'string' || value['name'].trim() === '') at(`${path}/name`, 'must be a name');
  if (value['operator'] !== '<' && value['operator'] !== '<=') at(`${path}/operator`, 'must be "<" (strictly below the threshold) or "<=" (at or below it)');
  const threshold = value['thresholdPercent'];
  if (!isPositiveDecimal(threshold) || Number(threshold) > 100)
    at(`${path}/thresholdPercent`, 'must be a percentage of monthly GNI per capita, a decimal string above 0 and at most 100, such as "2"');
  if (value['source'] !== undefined && (typeof value['source'] !== 'string' || value['source'].trim() === ''))
    at(`${path}/source`, 'must name who set the target, or be left out');
}

/**
 * Checks the `affordability` block of `modules.offers` and returns every problem as
 * "/modules/offers/affordability/<path>: ...". Basket ids are checked against `baskets` (the
 * profile's, or ITU's by default), and GNI per capita against the jurisdiction's currency.
 */
export function checkAffordabilitySettings(settings: Readonly<Record<string, unknown>> | undefined, currency?: string): string[] {
  if (settings === undefined) return [];
  const problems: Problems = [];
  const at = (path: string, message: string) => problems.push(`/modules/offers/${path}: ${message}`);

  const affordability = settings['affordability'];
  if (affordability !== undefined) {
    if (!isPlainObject(affordability)) at('affordability', 'must be an object');
    else {
      unknownKeys(affordability, ['exchangeRate', 'pppFactor', 'gniPerCapita', 'includeSocialTariffs', 'includeOneTimeFees', 'baskets'], 'affordability', at);
      checkFigure(
        affordability['exchangeRate'],
        'affordability/exchangeRate',
        'localPerUsd',
        `the price of one US dollar in ${currency ?? 'the local currency'}`,
        at,
        currency,
      );
      checkFigure(
        affordability['pppFactor'],
        'affordability/pppFactor',
        'localPerIntlDollar',
        `the PPP conversion factor (${currency ?? 'local currency'} per international dollar)`,
        at,
        currency,
      );
      checkFigure(affordability['gniPerCapita'], 'affordability/gniPerCapita', 'amount', 'the gross national income per person per year', at, currency);
      const gni = affordability['gniPerCapita'];
      if (isPlainObject(gni) && gni['currency'] === 'USD' && affordability['exchangeRate'] === undefined) {
        at('affordability/exchangeRate', 'is needed when gniPerCapita is in USD, to compare local prices with it');
      }
      const social = affordability['includeSocialTariffs'];
      if (social !== undefined && typeof social !== 'boolean') at('affordability/includeSocialTariffs', 'must be true or false');
      const oneTime = affordability['includeOneTimeFees'];
      if (oneTime !== undefined && typeof oneTime !== 'boolean') at('affordability/includeOneTimeFees', 'must be true or false');
      const baskets = affordability['baskets'];
      if (baskets !== undefined) {
        const known = Array.isArray(settings['baskets'])
          ? settings['baskets'].flatMap((b: unknown) => (isPlainObject(b) && typeof b['id'] === 'string' ? [b['id']] : []))
          : DEFAULT_BASKET_IDS;
        if (!Array.isArray(baskets)) at('affordability/baskets', 'must be a list of {"basket": "<basket id>", "targets": [...]}');
        else {
          const seen = new Set<string>();
          baskets.forEach((entry: unknown, index) => {
            const path = `affordability/baskets/${index}`;
            if (!isPlainObject(entry)) {
              at(path, 'must be an object with basket and targets');
              return;
            }
            unknownKeys(entry, ['basket', 'targets'], path, at);
            const id = entry['basket'];
            if (typeof id !== 'string' || !known.includes(id)) at(`${path}/basket`, `must be the id of one of the baskets (${known.join(', ')})`);
            else if (seen.has(id)) at(`${path}/basket`, `the basket ${id} is listed twice`);
            else seen.add(id);
            const targets = entry['targets'];
            if (targets === undefined) return;
            if (!Array.isArray(targets)) {
              at(`${path}/targets`, 'must be a list of targets');
              return;
            }
            const ids = new Set<string>();
            targets.forEach((target: unknown, t) => {
              checkTarget(target, `${path}/targets/${t}`, at);
              if (isPlainObject(target) && typeof target['id'] === 'string') {
                if (ids.has(target['id'])) at(`${path}/targets/${t}/id`, `the target ${target['id']} is listed twice for this basket`);
                ids.add(target['id']);
              }
            });
          });
        }
      }
    }
  }
  return problems;
}

function figure(value: unknown, amountKey: string): SourcedFigure | null {
  if (!isPlainObject(value)) return null;
  return {
    value: String(value[amountKey]),
    year: Number(value['year']),
    source: String(value['source']),
    sourceUrl: typeof value['sourceUrl'] === 'string' ? value['sourceUrl'] : null,
  };
}

/** The settings in force: the profile's values over the defaults. Call only after {@link checkAffordabilitySettings} passed. */
export function resolveAffordabilitySettings(settings: Readonly<Record<string, unknown>> | undefined): AffordabilitySettings {
  const defaults = DEFAULT_AFFORDABILITY_SETTINGS;
  const affordability = isPlainObject(settings?.['affordability']) ? settings['affordability'] : {};
  const basketIds = Array.isArray(settings?.['baskets'])
    ? settings['baskets'].flatMap((b: unknown) => (isPlainObject(b) && typeof b['id'] === 'string' ? [b['id']] : []))
    : defaults.baskets.map((b) => b.basketId);
  const gni = figure(affordability['gniPerCapita'], 'amount');
  const gniRaw = affordability['gniPerCapita'];
  const baskets = Array.isArray(affordability['baskets'])
    ? affordability['baskets'].filter(isPlainObject).map((entry) => ({
        basketId: String(entry['basket']),
        targets: (Array.isArray(entry['targets']) ? entry['targets'] : []).filter(isPlainObject).map((t) => ({
          id: String(t['id']),
          name: String(t['name']),
          operator: t['operator'] === '<=' ? ('<=' as const) : ('<' as const),
          thresholdPercent: String(t['thresholdPercent']),
          source: typeof t['source'] === 'string' ? t['source'] : null,
        })),
      }))
    : basketIds.map((basketId) => ({ basketId, targets: [BROADBAND_COMMISSION_TARGET] }));
  return {
    exchangeRate: figure(affordability['exchangeRate'], 'localPerUsd'),
    pppFactor: figure(affordability['pppFactor'], 'localPerIntlDollar'),
    gniPerCapita: gni && isPlainObject(gniRaw) ? { ...gni, currency: String(gniRaw['currency']) } : null,
    isSocialTariffIncluded: affordability['includeSocialTariffs'] === true,
    isOneTimeFeeIncluded: affordability['includeOneTimeFees'] === true,
    baskets,
  };
}
