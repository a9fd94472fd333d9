import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpeningPeriod } from './i18n/opening-hours.ts';

/** Interface languages Kinga ships catalogues for. */
export const SUPPORTED_LANGUAGES = ['en', 'fr', 'ar', 'es', 'ru', 'zh'] as const;
/** One of the interface languages. */
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

/** A jurisdiction profile, as validated by `jurisdictions/jurisdiction.schema.json`. */
export interface Jurisdiction {
  id: string;
  name: string;
  isDemo?: boolean;
  country: string;
  currency: string;
  timeZone: string;
  languages: Language[];
  /** Offered languages whose catalogues hold every message; English alone when absent. */
  completeLanguages?: Language[];
  defaultLanguage: Language;
  authority: { name: string; shortName: string; website?: string };
  contacts: { phone: string; tollFree?: string; email: string; address?: string; openingHours?: OpeningPeriod[] };
  weekend: number[];
  holidays: { date: string; name: string }[];
  modules: Record<string, Record<string, unknown>>;
}

/** The JSON Schema that ships with Kinga and validates every profile. */
export const JURISDICTION_SCHEMA_PATH = fileURLToPath(new URL('../../jurisdictions/jurisdiction.schema.json', import.meta.url));

// ajv-formats is published as CommonJS with a default export object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** Problems found in a profile, each with the JSON path of the wrong field. */
export class JurisdictionError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`The jurisdiction profile ${file} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'JurisdictionError';
  }
}

/**
 * Validates a parsed profile against the schema and the rules a schema cannot say
 * (a real time zone, a default language among the offered ones) and returns every problem.
 */
export function checkJurisdiction(value: unknown): string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(JURISDICTION_SCHEMA_PATH, 'utf8')) as { properties: { modules: object } };
  // Each module checks its own block at start, with sentences written for it (`platform/settings.ts`);
  // the generated part of the schema is for editors, and checking it here too would say each problem twice.
  schema.properties.modules = { type: 'object', additionalProperties: { type: 'object' } };
  const validate = ajv.compile(schema);
  if (!validate(value)) {
    return (validate.errors ?? []).map((e) => {
      const where = e.instancePath === '' ? '/' : e.instancePath;
      const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params['additionalProperty'])})` : '';
      const allowed = e.keyword === 'enum' ? ` (one of ${(e.params['allowedValues'] as unknown[]).join(', ')})` : '';
      return `${where}: ${e.message ?? 'is invalid'}${extra}${allowed}`;
    });
  }
  const profile = value as Jurisdiction;
  const problems: string[] = [];
  try {
    new Intl.DateTimeFormat('en', { timeZone: profile.timeZone });
  } catch {
    problems.push(`/timeZone: "${profile.timeZone}" is not an IANA time zone`);
  }
  if (!profile.languages.includes(profile.defaultLanguage)) {
    problems.push(`/defaultLanguage: "${profile.defaultLanguage}" is not in /languages`);
  }
  (profile.completeLanguages ?? []).forEach((language, index) => {
    if (!profile.languages.includes(language)) problems.push(`/completeLanguages/${index}: "${language}" is not in /languages`);
  });
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: profile.currency });
  } catch {
    problems.push(`/currency: "${profile.currency}" is not an ISO 4217 code`);
  }
  return problems;
}

/** Reads, validates and freezes a jurisdiction profile; throws {@link JurisdictionError} listing every wrong field. */
export function loadJurisdiction(file: string): Jurisdiction {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new JurisdictionError(file, [`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new JurisdictionError(file, [`is not JSON: ${(error as Error).message}`]);
  }
  const problems = checkJurisdiction(value);
  if (problems.length > 0) throw new JurisdictionError(file, problems);
  return deepFreeze(value as Jurisdiction);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
