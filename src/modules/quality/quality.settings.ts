import { Type, type Static } from '@sinclair/typebox';
import { defineSettings } from '../../platform/settings.ts';
import { QualityUploadSettingsSchema, type QualityUploadSettings } from './imports/quality-upload.settings.ts';
import { KpisSchema, OpenDataSettingsSchema, kpiRules, resolveKpiSettings, type KpiSettings } from './kpis/quality-kpi.settings.ts';
import {
  QualityStatisticsSettingsSchema,
  qualityStatisticsRules,
  resolveQualityStatisticsSettings,
  type QualityStatisticsSettings,
} from './statistics/quality-statistics.settings.ts';

declare module '../../platform/settings.ts' {
  interface ModuleSettings {
    quality: QualitySettings;
  }
}

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

/** The quality module's settings, from `modules.quality` in the jurisdiction profile (`platform.settings.quality`). */
export interface QualitySettings extends KpiSettings {
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
  /** The published statistics. */
  statistics: QualityStatisticsSettings;
}

/**
 * Caps a little above what each technology can deliver to one device: EDGE 473.6/236.8 kbit/s,
 * DC-HSPA+ 42/11.5 Mbit/s, LTE-Advanced category 16 about 1 Gbit/s down, 5G NR about 10 Gbit/s.
 */
const DEFAULT_TECHNOLOGY_CAPS: Readonly<Record<Exclude<Technology, 'unknown'>, SpeedCap>> = {
  '2G': { downloadKbps: 500, uploadKbps: 250 },
  '3G': { downloadKbps: 45_000, uploadKbps: 12_000 },
  '4G': { downloadKbps: 1_100_000, uploadKbps: 220_000 },
  '5G': { downloadKbps: 10_000_000, uploadKbps: 2_000_000 },
  fixed: { downloadKbps: 10_000_000, uploadKbps: 10_000_000 },
};

const SPEED_CAP_MESSAGE = 'must be a whole number of kbit/s from 1 to 1000000000';

const SpeedCapSchema = Type.Object(
  {
    downloadKbps: Type.Integer({ minimum: 1, maximum: 1_000_000_000, errorMessage: SPEED_CAP_MESSAGE }),
    uploadKbps: Type.Integer({ minimum: 1, maximum: 1_000_000_000, errorMessage: SPEED_CAP_MESSAGE }),
  },
  { additionalProperties: false, errorMessage: 'must be {"downloadKbps": number, "uploadKbps": number}' },
);

const DistrictSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$', errorMessage: 'must be 1 to 32 letters, digits, dashes or underscores' }),
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', errorMessage: 'must be a name of 1 to 100 characters' }),
    lat: Type.Number({ minimum: -90, maximum: 90, errorMessage: 'must be a latitude from -90 to 90' }),
    lon: Type.Number({ minimum: -180, maximum: 180, errorMessage: 'must be a longitude from -180 to 180' }),
  },
  { additionalProperties: false, errorMessage: 'must be {"code", "name", "lat", "lon"}' },
);

/** The schema of `modules.quality`, composed of the blocks of its capabilities. */
const QualitySettingsSchema = Type.Object(
  {
    maxConcurrentTests: Type.Integer({ minimum: 1, maximum: 10_000, default: 20, description: 'Speed tests running at once on one process (default 20).' }),
    testsPerAddressPerMinute: Type.Integer({
      minimum: 1,
      maximum: 10_000,
      default: 12,
      description: 'Tests (each download and each upload counts) one address may start per minute (default 12).',
    }),
    h3Resolution: Type.Integer({
      minimum: 0,
      maximum: 15,
      default: 8,
      description: 'The H3 resolution measurements are placed on (default 8, cells of about 0.7 km²).',
    }),
    maxLocationAccuracyM: Type.Integer({
      minimum: 1,
      maximum: 1_000_000,
      default: 2000,
      description: 'A location less accurate than this many metres is kept but flagged (default 2000).',
    }),
    technologyCaps: Type.Object(Object.fromEntries(TECHNOLOGIES.map((technology) => [technology, Type.Optional(SpeedCapSchema)])), {
      additionalProperties: false,
      default: {},
      keyErrorMessage: `unknown technology (known: ${TECHNOLOGIES.join(', ')})`,
      errorMessage: 'must be an object of technologies to {"downloadKbps", "uploadKbps"}',
      description: 'Speed caps by technology for the validity check, over the built-in ones (unknown has none unless set).',
    }),
    districts: Type.Array(DistrictSchema, {
      default: [],
      errorMessage: 'must be a list of {"code", "name", "lat", "lon"}',
      description: 'The districts offered on the speed test page, each with its centroid.',
    }),
    statistics: QualityStatisticsSettingsSchema,
    uploads: QualityUploadSettingsSchema,
    kpis: KpisSchema,
    openData: OpenDataSettingsSchema,
  },
  { additionalProperties: false, default: {} },
);

/** The quality module's settings: checked at start and read as `platform.settings.quality`. */
export const qualitySettings = defineSettings({
  module: 'quality',
  schema: QualitySettingsSchema,
  rules(value, at) {
    const problems: string[] = [];
    const seen = new Set<string>();
    value.districts.forEach(({ code }, index) => {
      if (seen.has(code)) problems.push(`${at(`districts/${index}/code`)}: the code ${code} is used twice`);
      seen.add(code);
    });
    return [...problems, ...qualityStatisticsRules(value.statistics, value.h3Resolution, at), ...kpiRules(value, at)];
  },
  resolve: (value: Static<typeof QualitySettingsSchema>): QualitySettings => ({
    ...value,
    technologyCaps: { ...DEFAULT_TECHNOLOGY_CAPS, ...value.technologyCaps },
    statistics: resolveQualityStatisticsSettings(value.statistics, value.h3Resolution),
    ...resolveKpiSettings(value),
  }),
});
