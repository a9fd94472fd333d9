import { Type, type Static } from '@sinclair/typebox';
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

/**
 * The `roaming` block of `modules.offers`, with the defaults documented in
 * docs/offers/staff-guide.md; {@link roamingRules} checks the zones' ids and countries.
 */
export const RoamingBlock = Type.Object(
  {
    alertShare: Type.Number({
      exclusiveMinimum: 0,
      exclusiveMaximum: 1,
      default: 0.8,
      errorMessage: 'must be a number between 0 and 1 (exclusive), such as 0.8',
      description: 'The share of the spending limit at which the consumer is alerted.',
    }),
    defaultLimit: Type.String({
      pattern: '^(?=.*[1-9])\\d{1,9}(\\.\\d{1,4})?$',
      default: '5000',
      errorMessage: 'must be a decimal string above zero, such as "5000"',
      description: "The spending limit per 30 days when the consumer sets none, in the jurisdiction's currency.",
    }),
    maxStayDays: Type.Integer({
      minimum: 1,
      maximum: 366,
      default: 90,
      errorMessage: 'must be a whole number of days from 1 to 366',
      description: 'The longest stay the estimator accepts, in days.',
    }),
    zones: Type.Array(
      Type.Object(
        {
          id: Type.String({ pattern: '^[a-z][a-z0-9-]{1,31}$', errorMessage: 'must be 2 to 32 lower-case letters, digits and dashes, starting with a letter' }),
          name: Type.String({ pattern: '\\S', errorMessage: 'must be a name' }),
          countries: Type.Array(Type.String({ pattern: '^[A-Z]{2}$', errorMessage: 'must be an ISO 3166-1 alpha-2 country code, such as "UG"' }), {
            minItems: 1,
            errorMessage: 'must be a non-empty list of ISO 3166-1 alpha-2 codes',
          }),
        },
        {
          additionalProperties: false,
          errorMessage: 'must be an object with id, name and countries',
          keyErrorMessage: 'unknown field (known: id, name, countries)',
        },
      ),
      {
        default: [],
        errorMessage: 'must be a list of zones',
        description: 'Groups of destination countries that operators may price together, declared by the regulator.',
      },
    ),
  },
  { additionalProperties: false, default: {} },
);

/** The problems of a checked `roaming` block that its schema cannot say; `at('roaming/zones/0/id')` gives the path to name. */
export function roamingRules(block: Static<typeof RoamingBlock>, at: (path: string) => string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  block.zones.forEach((zone, index) => {
    if (zone.id === WORLD_ZONE) problems.push(`${at(`roaming/zones/${index}/id`)}: "${WORLD_ZONE}" is reserved for the rest of the world`);
    else if (seen.has(zone.id)) problems.push(`${at(`roaming/zones/${index}/id`)}: the zone ${zone.id} is declared twice`);
    seen.add(zone.id);
    zone.countries.forEach((code, c) => {
      if (!isCountryCode(code))
        problems.push(`${at(`roaming/zones/${index}/countries/${c}`)}: ${JSON.stringify(code)} is not an ISO 3166-1 alpha-2 country code`);
    });
  });
  return problems;
}

/** The settings in force: the block with its defaults, the alert share as the decimal string the costs are counted in. */
export function resolveRoaming(block: Static<typeof RoamingBlock>): RoamingSettings {
  return { ...block, alertShare: String(block.alertShare) };
}
