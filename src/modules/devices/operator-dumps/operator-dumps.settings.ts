/**
 * The settings of operator data (dumps, reference lists, retention), read from `modules.devices`
 * in the jurisdiction profile: `dumps` (the acceptance thresholds of operator dumps, as DIRBS
 * names them) and `retentionMonths`.
 */
import { isIntegerIn, isNumberIn, isPlainObject } from '../../../platform/value-checks.ts';

/** The thresholds an operator dump must meet; each ratio is a share from 0 to 1. */
export interface DumpSettings {
  /** The most rows that may have an empty IMEI (default 0.05). */
  maxNullImeiRatio: number;
  /** The most rows that may have an empty IMSI (default 0.05). */
  maxNullImsiRatio: number;
  /** The most rows that may have an empty MSISDN (default 0.05). */
  maxNullMsisdnRatio: number;
  /** The most rows that may have an empty RAT, in a file with the `rat` column (default 0.05). */
  maxNullRatRatio: number;
  /** The most rows, of all rows, whose IMEI is unclean: it does not start with 14 digits (default 0.05). */
  maxUncleanImeiRatio: number;
  /** The most rows, of all rows, whose IMSI is unclean: not 14 or 15 digits (default 0.05). */
  maxUncleanImsiRatio: number;
  /** The most rows, of all rows, whose IMEI or IMSI is unclean (default 0.05). */
  maxUncleanRatio: number;
  /** The most rows, of all rows, whose IMSI has an MCC not among `homeMccs` (default 0.1). */
  maxOutOfRegionImsiRatio: number;
  /** The most non-empty values of one column that look one stripped leading zero short (default 0.01). */
  maxLeadingZeroRatio: number;
  /** The mobile country codes of the jurisdiction; an IMSI starting with another is out of region. */
  homeMccs: readonly string[];
  /** Country calling codes an MSISDN starts with (international format without `+`). */
  msisdnCountryCodes: readonly string[];
  /** MCCs whose networks use three-digit MNCs, so their home network is the IMSI's first six digits. */
  threeDigitMncMccs: readonly string[];
  /** A dump's rows per day must be at least this share of the average of the operator's previous imports (default 0.5; 0 disables). */
  minVolumeShare: number;
  /** How many previous imports of the operator that average is taken over (default 3). */
  volumeHistory: number;
  /** The largest file one upload may carry, in megabytes (default 4096). */
  maxFileMegabytes: number;
  /** The largest CSV one dump may hold once unzipped, in megabytes (default 8192); a plain CSV is measured as it is. */
  maxUncompressedMegabytes: number;
  /** The most rows one dump may hold (default 30,000,000: three national months); past it the import stops. */
  maxRows: number;
  /** The most a zipped CSV may be larger than its compressed form (default 100; a CSV of digits compresses about 5 times, a zip bomb thousands). */
  maxCompressionRatio: number;
}

/** Operator data settings with defaults applied. */
export interface OperatorDataSettings {
  dumps: DumpSettings;
  /** Months an observation keeps its IMSI and MSISDN after it was last seen (default 6). */
  retentionMonths: number;
}

/** The defaults, close to DIRBS's: Kenya's MCC 639 and calling code 254 are the demo's. */
export const DEFAULT_DUMP_SETTINGS: DumpSettings = {
  maxNullImeiRatio: 0.05,
  maxNullImsiRatio: 0.05,
  maxNullMsisdnRatio: 0.05,
  maxNullRatRatio: 0.05,
  maxUncleanImeiRatio: 0.05,
  maxUncleanImsiRatio: 0.05,
  maxUncleanRatio: 0.05,
  maxOutOfRegionImsiRatio: 0.1,
  maxLeadingZeroRatio: 0.01,
  homeMccs: ['639'],
  msisdnCountryCodes: ['254'],
  // North America (302, 310-316), India (405), Argentina (722), Colombia (732), Jamaica (338).
  threeDigitMncMccs: ['302', '310', '311', '312', '313', '314', '315', '316', '338', '405', '722', '732'],
  minVolumeShare: 0.5,
  volumeHistory: 3,
  maxFileMegabytes: 4096,
  maxUncompressedMegabytes: 8192,
  maxRows: 30_000_000,
  maxCompressionRatio: 100,
};

/** The default retention of IMSIs and MSISDNs in observations. */
export const DEFAULT_RETENTION_MONTHS = 6;

const RATIO_KEYS = [
  'maxNullImeiRatio',
  'maxNullImsiRatio',
  'maxNullMsisdnRatio',
  'maxNullRatRatio',
  'maxUncleanImeiRatio',
  'maxUncleanImsiRatio',
  'maxUncleanRatio',
  'maxOutOfRegionImsiRatio',
  'maxLeadingZeroRatio',
  'minVolumeShare',
] as const;
const CODE_LIST_KEYS = { homeMccs: /^[2-7][0-9]{2}$/, msisdnCountryCodes: /^[1-9][0-9]{0,2}$/, threeDigitMncMccs: /^[2-7][0-9]{2}$/ } as const;
const DUMP_KEYS = new Set<string>([
  ...RATIO_KEYS,
  ...Object.keys(CODE_LIST_KEYS),
  'volumeHistory',
  'maxFileMegabytes',
  'maxUncompressedMegabytes',
  'maxRows',
  'maxCompressionRatio',
]);

/** The keys of `modules.devices` this file owns. */
export const OPERATOR_DATA_SETTING_KEYS = ['dumps', 'retentionMonths'] as const;

/** Every problem of the `dumps` and `retentionMonths` settings, as "/modules/devices/<field>: ...". */
export function checkOperatorDataSettings(settings: Readonly<Record<string, unknown>> | undefined): string[] {
  if (settings === undefined) return [];
  const problems: string[] = [];
  const at = (field: string) => `/modules/devices/${field}`;
  const months = settings['retentionMonths'];
  if (months !== undefined && !isIntegerIn(months, 1, 120)) {
    problems.push(`${at('retentionMonths')}: must be a whole number of months from 1 to 120`);
  }
  const dumps = settings['dumps'];
  if (dumps === undefined) return problems;
  if (!isPlainObject(dumps)) return [...problems, `${at('dumps')}: must be an object`];
  const block = dumps;
  for (const key of Object.keys(block)) if (!DUMP_KEYS.has(key)) problems.push(`${at(`dumps/${key}`)}: unknown setting (known: ${[...DUMP_KEYS].join(', ')})`);
  for (const key of RATIO_KEYS) {
    const value = block[key];
    if (value !== undefined && !isNumberIn(value, 0, 1)) problems.push(`${at(`dumps/${key}`)}: must be a number from 0 to 1`);
  }
  for (const [key, pattern] of Object.entries(CODE_LIST_KEYS)) {
    const value = block[key];
    if (value === undefined) continue;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !pattern.test(v)))
      problems.push(`${at(`dumps/${key}`)}: must be a list of codes matching ${pattern.source}`);
    else if (key === 'homeMccs' && value.length === 0) problems.push(`${at('dumps/homeMccs')}: must name at least one MCC`);
  }
  const history = block['volumeHistory'];
  if (history !== undefined && !isIntegerIn(history, 1, 100)) problems.push(`${at('dumps/volumeHistory')}: must be a whole number from 1 to 100`);
  const size = block['maxFileMegabytes'];
  if (size !== undefined && !isIntegerIn(size, 1, 1_048_576)) problems.push(`${at('dumps/maxFileMegabytes')}: must be a whole number from 1 to 1048576`);
  const unzipped = block['maxUncompressedMegabytes'];
  if (unzipped !== undefined && !isIntegerIn(unzipped, 1, 1_048_576))
    problems.push(`${at('dumps/maxUncompressedMegabytes')}: must be a whole number from 1 to 1048576`);
  const rows = block['maxRows'];
  if (rows !== undefined && !isIntegerIn(rows, 1, 10_000_000_000)) problems.push(`${at('dumps/maxRows')}: must be a whole number from 1 to 10000000000`);
  const ratio = block['maxCompressionRatio'];
  if (ratio !== undefined && !isNumberIn(ratio, 1, 100_000)) problems.push(`${at('dumps/maxCompressionRatio')}: must be a number from 1 to 100000`);
  return problems;
}

/** The settings with defaults applied; call only after {@link checkOperatorDataSettings} found no problem. */
export function readOperatorDataSettings(settings: Readonly<Record<string, unknown>> | undefined): OperatorDataSettings {
  const block = settings?.['dumps'];
  const own = isPlainObject(block) ? block : {};
  const num = (key: keyof DumpSettings): number => {
    const value = own[key];
    const fallback = DEFAULT_DUMP_SETTINGS[key];
    return typeof value === 'number' && typeof fallback === 'number' ? value : Number(fallback);
  };
  const codes = (key: 'homeMccs' | 'msisdnCountryCodes' | 'threeDigitMncMccs'): readonly string[] => {
    const value = own[key];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : DEFAULT_DUMP_SETTINGS[key];
  };
  const months = settings?.['retentionMonths'];
  return {
    dumps: {
      maxNullImeiRatio: num('maxNullImeiRatio'),
      maxNullImsiRatio: num('maxNullImsiRatio'),
      maxNullMsisdnRatio: num('maxNullMsisdnRatio'),
      maxNullRatRatio: num('maxNullRatRatio'),
      maxUncleanImeiRatio: num('maxUncleanImeiRatio'),
      maxUncleanImsiRatio: num('maxUncleanImsiRatio'),
      maxUncleanRatio: num('maxUncleanRatio'),
      maxOutOfRegionImsiRatio: num('maxOutOfRegionImsiRatio'),
      maxLeadingZeroRatio: num('maxLeadingZeroRatio'),
      homeMccs: codes('homeMccs'),
      msisdnCountryCodes: codes('msisdnCountryCodes'),
      threeDigitMncMccs: codes('threeDigitMncMccs'),
      minVolumeShare: num('minVolumeShare'),
      volumeHistory: num('volumeHistory'),
      maxFileMegabytes: num('maxFileMegabytes'),
      maxUncompressedMegabytes: num('maxUncompressedMegabytes'),
      maxRows: num('maxRows'),
      maxCompressionRatio: num('maxCompressionRatio'),
    },
    retentionMonths: typeof months === 'number' ? months : DEFAULT_RETENTION_MONTHS,
  };
}
