import { keyedProblem, type KeyedProblem } from '../shared/offer-messages.ts';
import type { TravelUsage } from './roaming-cost.ts';
import { isCountryCode } from './roaming-countries.ts';
import type { Destination } from './roaming.service.ts';
import { WORLD_ZONE, type RoamingSettings } from './roaming.settings.ts';

/** The catalogue this capability speaks, beside its code. */
const MESSAGES = new URL('./locales/', import.meta.url);

/** The estimator's query parameters, as strings from a URL. */
export interface RoamingQuery {
  destination?: string | undefined;
  days?: string | undefined;
  data_mb?: string | undefined;
  voice_out_min?: string | undefined;
  voice_in_min?: string | undefined;
  sms?: string | undefined;
  limit?: string | undefined;
}

/** A parsed estimate request, or the problems of each field, with the values to show back in the form. */
export interface ParsedRoamingQuery {
  request: { destination: Destination; usage: TravelUsage; limit: string | null } | null;
  problems: KeyedProblem[];
  values: Record<string, string>;
}

/** The form's starting values: a week away with light use. */
export const ROAMING_FORM_DEFAULTS: Readonly<Record<string, string>> = {
  destination: '',
  days: '7',
  data_mb: '1000',
  voice_out_min: '30',
  voice_in_min: '30',
  sms: '10',
  limit: '',
};

const DECIMAL = /^\d{1,7}(\.\d{1,3})?$/;
const INTEGER = /^\d{1,6}$/;
const MONEY = /^\d{1,9}(\.\d{1,4})?$/;
/** The longest part of a refused destination a problem repeats. */
const ECHO_LENGTH = 40;

/** Why a destination is refused: none chosen, the home country, or neither a country nor a zone. */
export type DestinationRefusal = { reason: 'missing' | 'home' | 'unknown'; value: string };

/** Reads a destination: a country code (any case), a zone id of the profile, or `world`. */
export function parseDestination(text: string, settings: RoamingSettings, homeCountry: string): Destination | DestinationRefusal {
  const value = text.trim();
  if (value === '') return { reason: 'missing', value };
  if (value === WORLD_ZONE) return { kind: 'world' };
  const zone = settings.zones.find((z) => z.id === value);
  if (zone) return { kind: 'zone', zone };
  const code = value.toUpperCase();
  if (/^[A-Z]{2}$/.test(code) && isCountryCode(code)) {
    if (code === homeCountry) return { reason: 'home', value: code };
    return { kind: 'country', code };
  }
  return { reason: 'unknown', value: value.slice(0, ECHO_LENGTH) };
}

/** The message of each refusal of a destination. */
const DESTINATION_KEYS: Readonly<Record<DestinationRefusal['reason'], string>> = {
  missing: 'offers.roaming.error.destination',
  home: 'offers.roaming.error.destinationHome',
  unknown: 'offers.roaming.error.destinationUnknown',
};

/**
 * Reads a stay and its usage from query parameters. Pure; the API and the page share it, so both
 * accept the same URLs.
 */
export function parseRoamingQuery(query: RoamingQuery, settings: RoamingSettings, homeCountry: string): ParsedRoamingQuery {
  const problems: KeyedProblem[] = [];
  const problem = (field: string, values: Record<string, string | number> = {}, key = `offers.roaming.error.${field}`) => {
    problems.push(keyedProblem(MESSAGES, field, key, values));
  };
  const trim = (v: string | undefined) => (v ?? '').trim();
  const values: Record<string, string> = {};
  for (const [name, fallback] of Object.entries(ROAMING_FORM_DEFAULTS))
    values[name] = trim(query[name as keyof RoamingQuery]) || (name === 'destination' || name === 'limit' ? '' : fallback);
  const destination = parseDestination(values['destination'] ?? '', settings, homeCountry);
  if ('reason' in destination) problem('destination', { destination: destination.value }, DESTINATION_KEYS[destination.reason]);
  else if (destination.kind === 'country') values['destination'] = destination.code;
  const days = Number(values['days']);
  if (!INTEGER.test(values['days'] ?? '') || days < 1 || days > settings.maxStayDays) problem('days', { max: settings.maxStayDays });
  if (!DECIMAL.test(values['data_mb'] ?? '')) problem('data_mb');
  if (!INTEGER.test(values['voice_out_min'] ?? '')) problem('voice_out_min');
  if (!INTEGER.test(values['voice_in_min'] ?? '')) problem('voice_in_min');
  if (!INTEGER.test(values['sms'] ?? '')) problem('sms');
  const limit = values['limit'] ?? '';
  if (limit !== '' && !(MONEY.test(limit) && Number(limit) > 0)) problem('limit');
  if (problems.length > 0 || 'reason' in destination) return { request: null, problems, values };
  return {
    request: {
      destination,
      usage: {
        days,
        dataMb: values['data_mb'] ?? '0',
        voiceOutMinutes: Number(values['voice_out_min']),
        voiceInMinutes: Number(values['voice_in_min']),
        sms: Number(values['sms']),
      },
      limit: limit === '' ? null : limit,
    },
    problems,
    values,
  };
}
