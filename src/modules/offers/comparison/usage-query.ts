import { keyedProblem, type KeyedProblem } from '../shared/offer-messages.ts';
import type { Basket, OfferSettings } from '../offers.settings.ts';
import type { OfferFilter } from './offer-filter.ts';
import type { UsageProfile } from './tariff-cost.ts';

/** The catalogue this capability speaks, beside its code. */
const MESSAGES = new URL('./locales/', import.meta.url);

/** The comparison's query parameters, as strings from a URL. */
export interface UsageQuery {
  type?: string | undefined;
  preset?: string | undefined;
  data_gb?: string | undefined;
  voice_min?: string | undefined;
  sms?: string | undefined;
  min_speed?: string | undefined;
  months?: string | undefined;
  include_stale?: string | undefined;
  limit?: string | undefined;
  /** Only social tariffs (`1`). */
  social?: string | undefined;
  /** Eligibility criteria the consumer meets, repeated for several; any implies `social`. */
  eligible?: string | string[] | undefined;
  /** Only offers with features for users with disabilities (`1`). */
  accessible?: string | undefined;
}

/** A parsed comparison request, or the problems of each field, with the values to show back in the form. */
export interface ParsedUsageQuery {
  profile: UsageProfile | null;
  filter: OfferFilter;
  isStaleIncluded: boolean;
  limit: number;
  /** In the order of the comparison form's fields, the API's `limit` last. */
  problems: KeyedProblem[];
  /** The form's values: what was typed, or the preset's. */
  values: Record<string, string>;
}

const DECIMAL = /^\d{1,6}(\.\d{1,3})?$/;
const INTEGER = /^\d{1,6}$/;
/** The most results one answer carries. */
export const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 50;
const MIN_MONTHS = 1;
const MAX_MONTHS = 60;
/** The longest part of a refused value a problem repeats. */
const ECHO_LENGTH = 40;
/** The fields in the order the comparison form shows them, so that its error summary reads like the form. */
const FIELD_ORDER = ['type', 'preset', 'data_gb', 'voice_min', 'sms', 'min_speed', 'months', 'eligible', 'limit'];

/** Every preset and basket a comparison can start from. */
export function allBaskets(settings: OfferSettings): Basket[] {
  return [...settings.presets, ...settings.baskets];
}

/**
 * Reads a usage profile from query parameters: a preset or basket gives the starting values and
 * explicit parameters win; for home internet, call minutes and messages are ignored. Pure; the API
 * and the page share it, so both accept the same URLs.
 */
export function parseUsageQuery(query: UsageQuery, settings: OfferSettings): ParsedUsageQuery {
  const problems: KeyedProblem[] = [];
  const problem = (field: string, values: Record<string, string | number> = {}) => {
    problems.push(keyedProblem(MESSAGES, field, `offers.compare.error.${field}`, values));
  };
  const trim = (v: string | undefined) => (v ?? '').trim();
  const presetId = trim(query.preset);
  const preset = presetId === '' ? undefined : allBaskets(settings).find((b) => b.id === presetId);
  if (presetId !== '' && !preset) problem('preset', { preset: presetId.slice(0, ECHO_LENGTH) });

  const typeText = trim(query.type) || preset?.profile.serviceType || 'mobile';
  if (typeText !== 'mobile' && typeText !== 'fixed') problem('type');
  const serviceType = typeText === 'fixed' ? 'fixed' : 'mobile';
  const base = preset?.profile;

  // Home internet has no call minutes or text messages: whatever those fields hold is ignored and cleared.
  const isMobile = serviceType === 'mobile';
  const values: Record<string, string> = {
    type: serviceType,
    preset: presetId,
    data_gb: trim(query.data_gb) || base?.dataGb || '0',
    voice_min: isMobile ? trim(query.voice_min) || String(base?.voiceMinutes ?? 0) : '',
    sms: isMobile ? trim(query.sms) || String(base?.sms ?? 0) : '',
    min_speed: trim(query.min_speed) || (base?.minDownloadMbps ?? ''),
    months: trim(query.months) || String(settings.defaultMonths),
  };
  if (!DECIMAL.test(values['data_gb'] ?? '')) problem('data_gb');
  if (isMobile && !INTEGER.test(values['voice_min'] ?? '')) problem('voice_min');
  if (isMobile && !INTEGER.test(values['sms'] ?? '')) problem('sms');
  if (values['min_speed'] !== '' && !DECIMAL.test(values['min_speed'] ?? '')) problem('min_speed');
  const months = Number(values['months']);
  if (!INTEGER.test(values['months'] ?? '') || months < MIN_MONTHS || months > MAX_MONTHS) problem('months', { min: MIN_MONTHS, max: MAX_MONTHS });

  const limitText = trim(query.limit);
  const limit = limitText === '' ? DEFAULT_LIMIT : Number(limitText);
  if (limitText !== '' && !(INTEGER.test(limitText) && limit >= 1 && limit <= MAX_LIMIT)) problem('limit', { max: MAX_LIMIT });
  const isYes = (value: string | undefined) => ['true', '1', 'on', 'yes'].includes(trim(value).toLowerCase());
  const isStaleIncluded = isYes(query.include_stale);
  if (isStaleIncluded) values['include_stale'] = '1';

  const criteria = new Set(settings.socialTariffs.eligibility.map((c) => c.id));
  const asked = (Array.isArray(query.eligible) ? query.eligible : [query.eligible ?? '']).map(trim).filter((id) => id !== '');
  const unknown = asked.find((id) => !criteria.has(id));
  if (unknown !== undefined) problem('eligible', { criterion: unknown.slice(0, ECHO_LENGTH) });
  const eligibility = [...new Set(asked)].filter((id) => criteria.has(id));
  // Saying why one may be eligible is asking for social tariffs.
  const filter: OfferFilter = { isSocialOnly: isYes(query.social) || eligibility.length > 0, eligibility, isAccessibleOnly: isYes(query.accessible) };
  if (filter.isSocialOnly) values['social'] = '1';
  if (eligibility.length > 0) values['eligible'] = eligibility.join(',');
  if (filter.isAccessibleOnly) values['accessible'] = '1';

  problems.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
  if (problems.length > 0) return { profile: null, filter, isStaleIncluded, limit: DEFAULT_LIMIT, problems, values };
  return {
    profile: {
      serviceType,
      dataGb: values['data_gb'] ?? '0',
      voiceMinutes: isMobile ? Number(values['voice_min']) : 0,
      sms: isMobile ? Number(values['sms']) : 0,
      minDownloadMbps: values['min_speed'] === '' ? null : (values['min_speed'] ?? null),
      months,
    },
    filter,
    isStaleIncluded,
    limit,
    problems,
    values,
  };
}
