import { isIntegerIn, isNumberIn, isPlainObject, numberOr } from '../../platform/value-checks.ts';
import { KPI_SETTING_KEYS, checkKpiSettings } from './kpis/quality-kpi.settings.ts';
import { checkQualityStatisticsSettings } from './statistics/quality-statistics.settings.ts';
import {
  checkQualityUploadSettings,
  DEFAULT_QUALITY_UPLOAD_SETTINGS,
  readQualityUploadSettings,
  type QualityUploadSettings,
} from './imports/quality-upload.settings.ts';

/** The technologies a measurement may name. */
export const TECHNOLOGIES = ['2G', '3G', '4G', '5G', 'fixed', 'unknown'] as const;

/** One technology a measurement may name. */
export type Technology = (typeof TECHNOLOGIES)[number];

/** The fastest plausible speeds of one technology, in kbit/s; a faster measurement is flagged. */
export interface SpeedCap {
  downloadKbps: number;
  uploadKbps: number;
}

/** A district a person may choose instead of sharing their location, with its centroid. */
export interface District {
  code: string;
  name: string;
  lat: number;
  lon: number;
}

/** The quality module's settings, from `modules.quality` in the jurisdiction profile. */
export interface QualitySettings {
  /** Speed tests running at once on one process (default 20). */
  maxConcurrentTests: number;
  /** Tests (each download and each upload counts) one address may start per minute (default 12). */
  testsPerAddressPerMinute: number;
  /** The H3 resolution measurements are placed on (default 8, cells of about 0.7 km²). */
  h3Resolution: number;
  /** A location less accurate than this many metres is kept but flagged (default 2000). */
  maxLocationAccuracyM: number;
  /** Speed caps by technology for the validity check; `unknown` has none unless set. */
  technologyCaps: Readonly<Partial<Record<Technology, SpeedCap>>>;
  /** The districts offered on the speed test page. */
  districts: readonly District[];
  /** The bounds of measurement and KPI uploads. */
  uploads: QualityUploadSettings;
}

/**
 * Caps a little above what each technology can deliver to one device: EDGE 473.6/236.8 kbit/s,
 * DC-HSPA+ 42/11.5 Mbit/s, LTE-Advanced category 16 about 1 Gbit/s down, 5G NR about 10 Gbit/s.
 */
export const DEFAULT_TECHNOLOGY_CAPS: Readonly<Record<Exclude<Technology, 'unknown'>, SpeedCap>> = {
  '2G': { downloadKbps: 500, uploadKbps: 250 },
  '3G': { downloadKbps: 45_000, uploadKbps: 12_000 },
  '4G': { downloadKbps: 1_100_000, uploadKbps: 220_000 },
  '5G': { downloadKbps: 10_000_000, uploadKbps: 2_000_000 },
  fixed: { downloadKbps: 10_000_000, uploadKbps: 10_000_000 },
};

/** The settings used when the profile says nothing. */
export const DEFAULT_QUALITY_SETTINGS: QualitySettings = {
  maxConcurrentTests: 20,
  testsPerAddressPerMinute: 12,
  h3Resolution: 8,
  maxLocationAccuracyM: 2000,
  technologyCaps: DEFAULT_TECHNOLOGY_CAPS,
  districts: [],
  uploads: DEFAULT_QUALITY_UPLOAD_SETTINGS,
};

const KNOWN_KEYS = new Set([
  'maxConcurrentTests',
  'testsPerAddressPerMinute',
  'h3Resolution',
  'maxLocationAccuracyM',
  'technologyCaps',
  'districts',
  'statistics',
  'uploads',
  ...KPI_SETTING_KEYS,
]);

/** Every problem of the `modules.quality` block, as "/modules/quality/<field>: ...". */
export function checkQualitySettings(settings: Readonly<Record<string, unknown>> | undefined): string[] {
  if (settings === undefined) return [];
  const problems: string[] = [];
  const at = (field: string) => `/modules/quality/${field}`;
  for (const key of Object.keys(settings)) if (!KNOWN_KEYS.has(key)) problems.push(`${at(key)}: unknown setting (known: ${[...KNOWN_KEYS].join(', ')})`);
  const whole = (key: string, min: number, max: number) => {
    const value = settings[key];
    if (value !== undefined && !isIntegerIn(value, min, max)) problems.push(`${at(key)}: must be a whole number from ${min} to ${max}`);
  };
  whole('maxConcurrentTests', 1, 10_000);
  whole('testsPerAddressPerMinute', 1, 10_000);
  whole('h3Resolution', 0, 15);
  whole('maxLocationAccuracyM', 1, 1_000_000);
  const caps = settings['technologyCaps'];
  if (caps !== undefined) {
    if (!isPlainObject(caps)) problems.push(`${at('technologyCaps')}: must be an object of technologies to {"downloadKbps", "uploadKbps"}`);
    else {
      for (const [technology, cap] of Object.entries(caps)) {
        if (!(TECHNOLOGIES as readonly string[]).includes(technology)) {
          problems.push(`${at(`technologyCaps/${technology}`)}: unknown technology (known: ${TECHNOLOGIES.join(', ')})`);
          continue;
        }
        if (!isPlainObject(cap)) {
          problems.push(`${at(`technologyCaps/${technology}`)}: must be {"downloadKbps": number, "uploadKbps": number}`);
          continue;
        }
        for (const field of ['downloadKbps', 'uploadKbps']) {
          if (!isIntegerIn(cap[field], 1, 1_000_000_000))
            problems.push(`${at(`technologyCaps/${technology}/${field}`)}: must be a whole number of kbit/s from 1 to 1000000000`);
        }
      }
    }
  }
  const districts = settings['districts'];
  if (districts !== undefined) {
    if (!Array.isArray(districts)) problems.push(`${at('districts')}: must be a list of {"code", "name", "lat", "lon"}`);
    else {
      const seen = new Set<string>();
      districts.forEach((district: unknown, index) => {
        const here = (field: string) => at(`districts/${index}/${field}`);
        if (!isPlainObject(district)) {
          problems.push(`${at(`districts/${index}`)}: must be {"code", "name", "lat", "lon"}`);
          return;
        }
        const code = district['code'];
        if (typeof code !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(code))
          problems.push(`${here('code')}: must be 1 to 32 letters, digits, dashes or underscores`);
        else if (seen.has(code)) problems.push(`${here('code')}: the code ${code} is used twice`);
        else seen.add(code);
        const name = district['name'];
        if (typeof name !== 'string' || name.trim() === '' || name.length > 100) problems.push(`${here('name')}: must be a name of 1 to 100 characters`);
        if (!isNumberIn(district['lat'], -90, 90)) problems.push(`${here('lat')}: must be a latitude from -90 to 90`);
        if (!isNumberIn(district['lon'], -180, 180)) problems.push(`${here('lon')}: must be a longitude from -180 to 180`);
      });
    }
  }
  problems.push(...checkKpiSettings(settings));
  problems.push(...checkQualityUploadSettings(settings['uploads']));
  problems.push(
    ...checkQualityStatisticsSettings(
      settings['statistics'],
      isIntegerIn(settings['h3Resolution'], 0, 15) ? settings['h3Resolution'] : DEFAULT_QUALITY_SETTINGS.h3Resolution,
    ),
  );
  return problems;
}

/** The settings with defaults applied; call only after {@link checkQualitySettings} found no problem. */
export function readQualitySettings(settings: Readonly<Record<string, unknown>> | undefined): QualitySettings {
  const d = DEFAULT_QUALITY_SETTINGS;
  const caps: Partial<Record<Technology, SpeedCap>> = { ...DEFAULT_TECHNOLOGY_CAPS };
  const ownCaps = settings?.['technologyCaps'];
  if (isPlainObject(ownCaps)) {
    for (const [technology, cap] of Object.entries(ownCaps)) {
      if ((TECHNOLOGIES as readonly string[]).includes(technology) && isPlainObject(cap)) {
        caps[technology as Technology] = { downloadKbps: Number(cap['downloadKbps']), uploadKbps: Number(cap['uploadKbps']) };
      }
    }
  }
  const ownDistricts = settings?.['districts'];
  const districts: District[] = Array.isArray(ownDistricts)
    ? ownDistricts.filter(isPlainObject).map((x) => ({ code: String(x['code']), name: String(x['name']), lat: Number(x['lat']), lon: Number(x['lon']) }))
    : [];
  return {
    maxConcurrentTests: numberOr(settings?.['maxConcurrentTests'], d.maxConcurrentTests),
    testsPerAddressPerMinute: numberOr(settings?.['testsPerAddressPerMinute'], d.testsPerAddressPerMinute),
    h3Resolution: numberOr(settings?.['h3Resolution'], d.h3Resolution),
    maxLocationAccuracyM: numberOr(settings?.['maxLocationAccuracyM'], d.maxLocationAccuracyM),
    technologyCaps: caps,
    districts,
    uploads: readQualityUploadSettings(settings?.['uploads']),
  };
}
