import type { FieldProblem } from '../../platform/http/errors.ts';
import type { TravelUsage } from './roaming-cost.ts';
import { isCountryCode } from './roaming-countries.ts';
import type { Destination } from './roaming.service.ts';
import { WORLD_ZONE, type RoamingSettings } from './roaming-settings.ts';

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
  problems: FieldProblem[];
  values: Record<string, string>;
}

/** The form's starting values: a week away with light use. */
export const ROAMING_FORM_DEFAULTS: Readonly<Record<string, string>> = { destination: '', days: '7', data_mb: '1000', voice_out_min: '30', voice_in_min: '30', sms: '10', limit: '' };

const DECIMAL = /^\d{1,7}(\.\d{1,3})?$/;
const INTEGER = /^\d{1,6}$/;
const MONEY = /^\d{1,9}(\.\d{1,4})?$/;

/** Reads a destination: a country code (any case), a zone id of the profile, or `world`. */
export function parseDestination(text: string, settings: RoamingSettings, homeCountry: string): Destination | string {
  const value = text.trim();
  if (value === '') return 'Choose the country or zone you are travelling to.';
  if (value === WORLD_ZONE) return { kind: 'world' };
  const zone = settings.zones.find((z) => z.id === value);
  if (zone) return { kind: 'zone', zone };
  const code = value.toUpperCase();
  if (/^[A-Z]{2}$/.test(code) && isCountryCode(code)) {
    if (code === homeCountry) return 'This is the home country: roaming rates apply abroad. Choose another destination.';
    return { kind: 'country', code };
  }
  return `"${value}" is neither a country code (ISO 3166-1 alpha-2, such as UG) nor a zone.`;
}

/**
 * Reads a stay and its usage from query parameters. Pure; the API and the page share it, so both
 * accept the same URLs.
 */
export function parseRoamingQuery(query: RoamingQuery, settings: RoamingSettings, homeCountry: string): ParsedRoamingQuery {
  const problems: FieldProblem[] = [];
  const trim = (v: string | undefined) => (v ?? '').trim();
  const values: Record<string, string> = {};
  for (const [name, fallback] of Object.entries(ROAMING_FORM_DEFAULTS)) values[name] = trim(query[name as keyof RoamingQuery]) || (name === 'destination' || name === 'limit' ? '' : fallback);
  const destination = parseDestination(values['destination'] ?? '', settings, homeCountry);
  if (typeof destination === 'string') problems.push({ field: 'destination', message: destination });
  else if (destination.kind === 'country') values['destination'] = destination.code;
  const days = Number(values['days']);
  if (!INTEGER.test(values['days'] ?? '') || days < 1 || days > settings.maxStayDays) problems.push({ field: 'days', message: `Enter the length of the stay as a whole number of days from 1 to ${settings.maxStayDays}.` });
  if (!DECIMAL.test(values['data_mb'] ?? '')) problems.push({ field: 'data_mb', message: 'Enter the data for the whole stay in MB as a number, such as 500 (1 GB is about 1,000 MB).' });
  if (!INTEGER.test(values['voice_out_min'] ?? '')) problems.push({ field: 'voice_out_min', message: 'Enter the minutes of calls you make as a whole number, such as 30.' });
  if (!INTEGER.test(values['voice_in_min'] ?? '')) problems.push({ field: 'voice_in_min', message: 'Enter the minutes of calls you receive as a whole number, such as 30.' });
  if (!INTEGER.test(values['sms'] ?? '')) problems.push({ field: 'sms', message: 'Enter the number of text messages you send as a whole number, such as 10.' });
  const limit = values['limit'] ?? '';
  if (limit !== '' && !(MONEY.test(limit) && Number(limit) > 0)) problems.push({ field: 'limit', message: 'Enter the spending limit as an amount above zero, such as 5000, or leave it empty for the standard limit.' });
  if (problems.length > 0 || typeof destination === 'string') return { request: null, problems, values };
  return {
    request: {
      destination,
      usage: { days, dataMb: values['data_mb'] ?? '0', voiceOutMinutes: Number(values['voice_out_min']), voiceInMinutes: Number(values['voice_in_min']), sms: Number(values['sms']) },
      limit: limit === '' ? null : limit,
    },
    problems,
    values,
  };
}
