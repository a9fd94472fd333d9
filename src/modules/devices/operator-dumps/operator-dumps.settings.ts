/**
 * The settings of operator data (dumps, reference lists), read from `modules.devices` in the
 * jurisdiction profile: `dumps`, the acceptance thresholds of operator dumps, as DIRBS names them
 * (how long observations are kept is the retention schedule's rule of `devices.observations`). Their schema is part of the module's (`devices.settings.ts`).
 */
import { Type } from '@sinclair/typebox';

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

const ratio = (fallback: number) => Type.Number({ minimum: 0, maximum: 1, default: fallback });
const codes = (pattern: string, fallback: readonly string[], options: { minItems?: number } = {}) =>
  Type.Array(Type.String({ pattern }), {
    ...options,
    default: [...fallback],
    errorMessage: `must be a ${options.minItems === undefined ? '' : 'non-empty '}list of codes matching ${pattern}`,
  });
const MCC = '^[2-7][0-9]{2}$';
const megabytes = (fallback: number) => Type.Integer({ minimum: 1, maximum: 1_048_576, default: fallback });

/** The schema of `dumps` in `modules.devices`, every field with its default. */
export const operatorDataSettingsSchema = Type.Object({
  dumps: Type.Object(
    {
      maxNullImeiRatio: ratio(DEFAULT_DUMP_SETTINGS.maxNullImeiRatio),
      maxNullImsiRatio: ratio(DEFAULT_DUMP_SETTINGS.maxNullImsiRatio),
      maxNullMsisdnRatio: ratio(DEFAULT_DUMP_SETTINGS.maxNullMsisdnRatio),
      maxNullRatRatio: ratio(DEFAULT_DUMP_SETTINGS.maxNullRatRatio),
      maxUncleanImeiRatio: ratio(DEFAULT_DUMP_SETTINGS.maxUncleanImeiRatio),
      maxUncleanImsiRatio: ratio(DEFAULT_DUMP_SETTINGS.maxUncleanImsiRatio),
      maxUncleanRatio: ratio(DEFAULT_DUMP_SETTINGS.maxUncleanRatio),
      maxOutOfRegionImsiRatio: ratio(DEFAULT_DUMP_SETTINGS.maxOutOfRegionImsiRatio),
      maxLeadingZeroRatio: ratio(DEFAULT_DUMP_SETTINGS.maxLeadingZeroRatio),
      minVolumeShare: ratio(DEFAULT_DUMP_SETTINGS.minVolumeShare),
      homeMccs: codes(MCC, DEFAULT_DUMP_SETTINGS.homeMccs, { minItems: 1 }),
      msisdnCountryCodes: codes('^[1-9][0-9]{0,2}$', DEFAULT_DUMP_SETTINGS.msisdnCountryCodes),
      threeDigitMncMccs: codes(MCC, DEFAULT_DUMP_SETTINGS.threeDigitMncMccs),
      volumeHistory: Type.Integer({ minimum: 1, maximum: 100, default: DEFAULT_DUMP_SETTINGS.volumeHistory }),
      maxFileMegabytes: megabytes(DEFAULT_DUMP_SETTINGS.maxFileMegabytes),
      maxUncompressedMegabytes: megabytes(DEFAULT_DUMP_SETTINGS.maxUncompressedMegabytes),
      maxRows: Type.Integer({ minimum: 1, maximum: 10_000_000_000, default: DEFAULT_DUMP_SETTINGS.maxRows }),
      maxCompressionRatio: Type.Number({ minimum: 1, maximum: 100_000, default: DEFAULT_DUMP_SETTINGS.maxCompressionRatio }),
    },
    { additionalProperties: false, default: {} },
  ),
});
