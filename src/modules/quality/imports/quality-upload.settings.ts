import { isIntegerIn, isPlainObject, numberOr } from '../../../platform/value-checks.ts';

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
export const DEFAULT_QUALITY_UPLOAD_SETTINGS: Readonly<QualityUploadSettings> = {
  maxMeasurementFileMegabytes: 32,
  maxMeasurementRows: 500_000,
  maxKpiFileMegabytes: 16,
  maxKpiRows: 100_000,
  maxProblems: 100,
};

/** The bounds of each field: a file never needs more, and a bigger one would hold the process too long. */
const RANGES: Readonly<Record<keyof QualityUploadSettings, readonly [number, number]>> = {
  maxMeasurementFileMegabytes: [1, 256],
  maxMeasurementRows: [1, 2_000_000],
  maxKpiFileMegabytes: [1, 256],
  maxKpiRows: [1, 1_000_000],
  maxProblems: [1, 10_000],
};

const KEYS = Object.keys(RANGES) as (keyof QualityUploadSettings)[];

/** Every problem of `modules.quality.uploads`, as "/modules/quality/uploads/<field>: ...". */
export function checkQualityUploadSettings(uploads: unknown): string[] {
  if (uploads === undefined) return [];
  const at = (field: string) => `/modules/quality/uploads${field === '' ? '' : `/${field}`}`;
  if (!isPlainObject(uploads)) return [`${at('')}: must be an object of ${KEYS.join(', ')}`];
  const problems: string[] = [];
  for (const key of Object.keys(uploads)) if (!(KEYS as string[]).includes(key)) problems.push(`${at(key)}: unknown setting (known: ${KEYS.join(', ')})`);
  for (const key of KEYS) {
    const [min, max] = RANGES[key];
    const value = uploads[key];
    if (value !== undefined && !isIntegerIn(value, min, max)) problems.push(`${at(key)}: must be a whole number from ${min} to ${max}`);
  }
  return problems;
}

/** The upload bounds with defaults applied; call only after {@link checkQualityUploadSettings} found no problem. */
export function readQualityUploadSettings(uploads: unknown): QualityUploadSettings {
  const own = isPlainObject(uploads) ? uploads : {};
  const d = DEFAULT_QUALITY_UPLOAD_SETTINGS;
  return {
    maxMeasurementFileMegabytes: numberOr(own['maxMeasurementFileMegabytes'], d.maxMeasurementFileMegabytes),
    maxMeasurementRows: numberOr(own['maxMeasurementRows'], d.maxMeasurementRows),
    maxKpiFileMegabytes: numberOr(own['maxKpiFileMegabytes'], d.maxKpiFileMegabytes),
    maxKpiRows: numberOr(own['maxKpiRows'], d.maxKpiRows),
    maxProblems: numberOr(own['maxProblems'], d.maxProblems),
  };
}
