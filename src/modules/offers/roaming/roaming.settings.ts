import { isIntegerIn, isPlainObject } from '../../../platform/value-checks.ts';
import { isCountryCode } from './roaming-countries.ts';

/** A group of destination countries that operators may price together, declared by the regulator. */
export interface RoamingZone {
  /** Lower-case letters, digits and dashes, such as `eac`; `world` is reserved. */
  id: string;
  /** Shown when the catalogues have no `offers.roaming.zone.<id>` message. */
  name: string;
  /** ISO 3166-1 alpha-2 codes. */
  countries: readonly string[];
}

/** The roaming settings, from `modules.offers.roaming` in the jurisdiction profile, with defaults. */
export interface RoamingSettings {
  /** The share of the spending limit at which the consumer is alerted, such as "0.8"; a decimal string. */
  alertShare: string;
  /** The spending limit (per 30 days) applied when the consumer sets none, in the jurisdiction's currency; a decimal string. */
  defaultLimit: string;
  /** The longest stay the estimator accepts, in days. */
  maxStayDays: number;
  zones: readonly RoamingZone[];
}

/** The zone every country belongs to: a rate for it applies wherever no more specific rate does. */
export const WORLD_ZONE = 'world';

/** The defaults documented in docs/offers/staff-guide.md. */
export const DEFAULT_ROAMING_SETTINGS: RoamingSettings = {
  alertShare: '0.8',
  defaultLimit: '5000',
  maxStayDays: 90,
  zones: [],
};

const ZONE_ID = /^[a-z][a-z0-9-]{1,31}$/;
const DECIMAL = /^\d{1,9}(\.\d{1,4})?$/;

/** Checks `modules.offers.roaming` and returns every problem as "/modules/offers/roaming/<field>: ...". */
export function checkRoamingSettings(value: unknown, homeCountry?: string): string[] {
  if (value === undefined) return [];
  const problems: string[] = [];
  const at = (path: string, message: string) => problems.push(`/modules/offers/roaming${path === '' ? '' : `/${path}`}: ${message}`);
  if (!isPlainObject(value)) {
    at('', 'must be an object');
    return problems;
  }
  const settings = value;
  const known = ['alertShare', 'defaultLimit', 'maxStayDays', 'zones'];
  for (const key of Object.keys(settings)) if (!known.includes(key)) at(key, `unknown setting (known: ${known.join(', ')})`);
  const share = settings['alertShare'];
  if (share !== undefined && !(typeof share === 'number' && share > 0 && share < 1))
    at('alertShare', 'must be a number between 0 and 1 (exclusive), such as 0.8');
  const limit = settings['defaultLimit'];
  if (limit !== undefined && !(typeof limit === 'string' && DECIMAL.test(limit) && Number(limit) > 0))
    at('defaultLimit', 'must be a decimal string above zero, such as "5000"');
  const days = settings['maxStayDays'];
  if (days !== undefined && !isIntegerIn(days, 1, 366)) at('maxStayDays', 'must be a whole number of days from 1 to 366');
  const zones = settings['zones'];
  if (zones !== undefined) {
    if (!Array.isArray(zones)) at('zones', 'must be a list of zones');
    else {
      const seen = new Set<string>();
      zones.forEach((zone: unknown, index) => {
        if (!isPlainObject(zone)) {
          at(`zones/${index}`, 'must be an object with id, name and countries');
          return;
        }
        const id = zone['id'];
        if (typeof id !== 'string' || !ZONE_ID.test(id))
          at(`zones/${index}/id`, 'must be 2 to 32 lower-case letters, digits and dashes, starting with a letter');
        else if (id === WORLD_ZONE) at(`zones/${index}/id`, `"${WORLD_ZONE}" is reserved for the rest of the world`);
        else if (seen.has(id)) at(`zones/${index}/id`, `the zone ${id} is declared twice`);
        else seen.add(id);
        if (typeof zone['name'] !== 'string' || zone['name'].trim() === '') at(`zones/${index}/name`, 'must be a name');
        const countries = zone['countries'];
        if (!Array.isArray(countries) || countries.length === 0) at(`zones/${index}/countries`, 'must be a non-empty list of ISO 3166-1 alpha-2 codes');
        else {
          countries.forEach((code: unknown, c) => {
            if (typeof code !== 'string' || !isCountryCode(code))
              at(`zones/${index}/countries/${c}`, `${JSON.stringify(code)} is not an ISO 3166-1 alpha-2 country code`);
            else if (code === homeCountry) at(`zones/${index}/countries/${c}`, `${code} is the home country; roaming is abroad`);
          });
        }
        for (const key of Object.keys(zone))
          if (!['id', 'name', 'countries'].includes(key)) at(`zones/${index}/${key}`, 'unknown field (known: id, name, countries)');
      });
    }
  }
  return problems;
}

/** The settings in force: the profile's values over the defaults. Call only after {@link checkRoamingSettings} passed. */
export function resolveRoamingSettings(value: unknown): RoamingSettings {
  if (typeof value !== 'object' || value === null) return DEFAULT_ROAMING_SETTINGS;
  const s = value as Record<string, unknown>;
  const zones = Array.isArray(s['zones'])
    ? s['zones'].map((z: Record<string, unknown>) => ({ id: String(z['id']), name: String(z['name']), countries: (z['countries'] as unknown[]).map(String) }))
    : DEFAULT_ROAMING_SETTINGS.zones;
  return {
    alertShare: typeof s['alertShare'] === 'number' ? String(s['alertShare']) : DEFAULT_ROAMING_SETTINGS.alertShare,
    defaultLimit: typeof s['defaultLimit'] === 'string' ? s['defaultLimit'] : DEFAULT_ROAMING_SETTINGS.defaultLimit,
    maxStayDays: typeof s['maxStayDays'] === 'number' ? s['maxStayDays'] : DEFAULT_ROAMING_SETTINGS.maxStayDays,
    zones,
  };
}
