import { Type } from '@sinclair/typebox';

/** The bounds of the quality uploads, from `modules.quality.uploads` in the jurisdiction profile. */
export interface QualityUploadSettings {
  /** The largest measurement file one upload may carry, in megabytes (default 32). */
  maxMeasurementFileMegabytes: number;
  /** The most measurements one file may carry (default 500,000). */
  maxMeasurementRows: number;
  /** The largest KPI file one upload may carry, in megabytes (default 16). */
  maxKpiFileMegabytes: number;
  /** The most rows one KPI file may carry (default 100,000). */
  maxKpiRows: number;
  /** The most problems a refused file lists; the others are counted (default 100). */
  maxProblems: number;
}

/**
 * 500,000 measurements are about 60 MB of CSV with every column, 25 MB with the usual ones; 8
 * regions, 6 technologies, 20 KPIs and 12 months of KPI rows are under 12,000.
 */
const DEFAULTS: Readonly<QualityUploadSettings> = {
  maxMeasurementFileMegabytes: 32,
  maxMeasurementRows: 500_000,
  maxKpiFileMegabytes: 16,
  maxKpiRows: 100_000,
  maxProblems: 100,
};

/**
 * The schema of `modules.quality.uploads`. The maximums: a file never needs more, and a bigger one
 * would hold the process too long.
 */
export const QualityUploadSettingsSchema = Type.Object(
  {
    maxMeasurementFileMegabytes: Type.Integer({
      minimum: 1,
      maximum: 256,
      default: DEFAULTS.maxMeasurementFileMegabytes,
      description: 'The largest measurement file one upload may carry, in megabytes (default 32).',
    }),
    maxMeasurementRows: Type.Integer({
      minimum: 1,
      maximum: 2_000_000,
      default: DEFAULTS.maxMeasurementRows,
      description: 'The most measurements of one file (default 500000).',
    }),
    maxKpiFileMegabytes: Type.Integer({
      minimum: 1,
      maximum: 256,
      default: DEFAULTS.maxKpiFileMegabytes,
      description: 'The largest KPI file one upload may carry, in megabytes (default 16).',
    }),
    maxKpiRows: Type.Integer({ minimum: 1, maximum: 1_000_000, default: DEFAULTS.maxKpiRows, description: 'The most rows of one KPI file (default 100000).' }),
    maxProblems: Type.Integer({
      minimum: 1,
      maximum: 10_000,
      default: DEFAULTS.maxProblems,
      description: 'The most problems a refused file lists; the others are counted (default 100).',
    }),
  },
  {
    additionalProperties: false,
    default: {},
    description: 'Bounds of measurement and KPI uploads (docs/formats/measurements.md, docs/formats/network-kpis.md).',
  },
);
