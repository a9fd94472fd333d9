import { SIGNED_MEDIA_TYPES, type SignedMediaType } from '../../platform/http/file-signature.ts';
import { isIntegerIn, isPlainObject, numberOr } from '../../platform/value-checks.ts';
import { DEFAULT_ALLOCATION_LAG_DAYS } from './imei-check/imei.ts';
import { CLASSIFICATION_KEYS, checkClassificationSettings } from './classification/classification.settings.ts';
import { OPERATOR_DATA_SETTING_KEYS, checkOperatorDataSettings } from './operator-dumps/operator-dumps.settings.ts';

/** The devices module's settings, from `modules.devices` in the jurisdiction profile. */
export interface DevicesSettings {
  /** IMEI checks one address may make per minute, on the page and the API (default 60). */
  checkRateLimitPerMinute: number;
  /** The most IMEIs one dealer call may check (default and ceiling 1,000). */
  bulkCheckMaxImeis: number;
  /** Days a new TAC may take to reach the GSMA database, by reporting body; merged over DIRBS's measured defaults. */
  allocationLagDays: Readonly<Record<string, number>>;
  /** Minutes a one-time code sent to a reporter stays valid (default 15). */
  reportCodeMinutes: number;
  /** The most IMEIs one lost or stolen report may name (default 4: dual-SIM phones have two). */
  reportMaxImeis: number;
  /** The optional copy of the police report: its largest size in bytes (default 5 MB) and the types accepted (default PDF, PNG, JPEG). */
  policeReportFile: { maxBytes: number; types: readonly SignedMediaType[] };
  /** Months a closed report (rejected, or its phone recovered) keeps the reporter's contacts, police reference and file (default 6). */
  reportRetentionMonths: number;
}

/** The ceiling of {@link DevicesSettings.policeReportFile} `maxBytes`: a scan of a few pages, held in memory while it is checked. */
export const POLICE_REPORT_FILE_CEILING = 20 * 1024 * 1024;

/** The hard ceiling of a bulk check: one request body stays under the platform's 1 MB limit. */
export const BULK_CHECK_CEILING = 1000;

/** The settings used when the profile says nothing. */
export const DEFAULT_DEVICES_SETTINGS: DevicesSettings = {
  checkRateLimitPerMinute: 60,
  bulkCheckMaxImeis: BULK_CHECK_CEILING,
  allocationLagDays: DEFAULT_ALLOCATION_LAG_DAYS,
  reportCodeMinutes: 15,
  reportMaxImeis: 4,
  policeReportFile: { maxBytes: 5 * 1024 * 1024, types: SIGNED_MEDIA_TYPES },
  reportRetentionMonths: 6,
};

const KNOWN_KEYS = new Set([
  'checkRateLimitPerMinute',
  'bulkCheckMaxImeis',
  'allocationLagDays',
  'reportCodeMinutes',
  'reportMaxImeis',
  'policeReportFile',
  'reportRetentionMonths',
  ...CLASSIFICATION_KEYS,
  ...OPERATOR_DATA_SETTING_KEYS,
]);

/** Every problem of the `modules.devices` block, as "/modules/devices/<field>: ...". */
export function checkDevicesSettings(settings: Readonly<Record<string, unknown>> | undefined): string[] {
  if (settings === undefined) return [];
  const problems: string[] = [];
  const at = (field: string) => `/modules/devices/${field}`;
  for (const key of Object.keys(settings)) if (!KNOWN_KEYS.has(key)) problems.push(`${at(key)}: unknown setting (known: ${[...KNOWN_KEYS].join(', ')})`);
  const rate = settings['checkRateLimitPerMinute'];
  if (rate !== undefined && !isIntegerIn(rate, 1, 1_000_000)) problems.push(`${at('checkRateLimitPerMinute')}: must be a whole number from 1 to 1000000`);
  const bulk = settings['bulkCheckMaxImeis'];
  if (bulk !== undefined && !isIntegerIn(bulk, 1, BULK_CHECK_CEILING))
    problems.push(`${at('bulkCheckMaxImeis')}: must be a whole number from 1 to ${BULK_CHECK_CEILING}`);
  const codeMinutes = settings['reportCodeMinutes'];
  if (codeMinutes !== undefined && !isIntegerIn(codeMinutes, 1, 1440))
    problems.push(`${at('reportCodeMinutes')}: must be a whole number of minutes from 1 to 1440`);
  const maxImeis = settings['reportMaxImeis'];
  if (maxImeis !== undefined && !isIntegerIn(maxImeis, 1, 20)) problems.push(`${at('reportMaxImeis')}: must be a whole number from 1 to 20`);
  const reportMonths = settings['reportRetentionMonths'];
  if (reportMonths !== undefined && !isIntegerIn(reportMonths, 1, 120))
    problems.push(`${at('reportRetentionMonths')}: must be a whole number of months from 1 to 120`);
  problems.push(...checkPoliceReportFile(settings['policeReportFile'], at('policeReportFile')));
  const lags = settings['allocationLagDays'];
  if (lags !== undefined) {
    if (!isPlainObject(lags)) {
      problems.push(`${at('allocationLagDays')}: must be an object of two-digit reporting body identifiers to days, such as {"35": 20}`);
    } else {
      for (const [body, days] of Object.entries(lags)) {
        if (!/^[0-9]{2}$/.test(body)) problems.push(`${at(`allocationLagDays/${body}`)}: the key must be a two-digit reporting body identifier`);
        else if (!isIntegerIn(days, 0, 3650)) problems.push(`${at(`allocationLagDays/${body}`)}: must be a whole number of days from 0 to 3650`);
      }
    }
  }
  problems.push(...checkClassificationSettings(settings));
  problems.push(...checkOperatorDataSettings(settings));
  return problems;
}

/** The settings with defaults applied; call only after {@link checkDevicesSettings} found no problem. */
export function readDevicesSettings(settings: Readonly<Record<string, unknown>> | undefined): DevicesSettings {
  const rate = settings?.['checkRateLimitPerMinute'];
  const bulk = settings?.['bulkCheckMaxImeis'];
  const lags = settings?.['allocationLagDays'];
  const ownLags: Record<string, number> = {};
  if (typeof lags === 'object' && lags !== null) {
    for (const [body, days] of Object.entries(lags)) if (typeof days === 'number') ownLags[body] = days;
  }
  return {
    checkRateLimitPerMinute: typeof rate === 'number' ? rate : DEFAULT_DEVICES_SETTINGS.checkRateLimitPerMinute,
    bulkCheckMaxImeis: typeof bulk === 'number' ? bulk : DEFAULT_DEVICES_SETTINGS.bulkCheckMaxImeis,
    allocationLagDays: { ...DEFAULT_ALLOCATION_LAG_DAYS, ...ownLags },
    reportCodeMinutes: numberOr(settings?.['reportCodeMinutes'], DEFAULT_DEVICES_SETTINGS.reportCodeMinutes),
    reportMaxImeis: numberOr(settings?.['reportMaxImeis'], DEFAULT_DEVICES_SETTINGS.reportMaxImeis),
    policeReportFile: readPoliceReportFile(settings?.['policeReportFile']),
    reportRetentionMonths: numberOr(settings?.['reportRetentionMonths'], DEFAULT_DEVICES_SETTINGS.reportRetentionMonths),
  };
}

function checkPoliceReportFile(value: unknown, at: string): string[] {
  if (value === undefined) return [];
  if (!isPlainObject(value)) return [`${at}: must be an object with maxBytes and types, such as {"maxBytes": 5242880, "types": ["application/pdf"]}`];
  const problems: string[] = [];
  const record = value;
  for (const key of Object.keys(record)) if (key !== 'maxBytes' && key !== 'types') problems.push(`${at}/${key}: unknown setting (known: maxBytes, types)`);
  if (record['maxBytes'] !== undefined && !isIntegerIn(record['maxBytes'], 1024, POLICE_REPORT_FILE_CEILING))
    problems.push(`${at}/maxBytes: must be a whole number of bytes from 1024 to ${POLICE_REPORT_FILE_CEILING}`);
  const types = record['types'];
  if (types !== undefined) {
    if (!Array.isArray(types) || types.length === 0) problems.push(`${at}/types: must be a non-empty list of media types`);
    else
      types.forEach((type: unknown, i) => {
        if (!(SIGNED_MEDIA_TYPES as readonly unknown[]).includes(type)) problems.push(`${at}/types/${i}: must be one of ${SIGNED_MEDIA_TYPES.join(', ')}`);
      });
  }
  return problems;
}

function readPoliceReportFile(value: unknown): DevicesSettings['policeReportFile'] {
  const fallback = DEFAULT_DEVICES_SETTINGS.policeReportFile;
  if (!isPlainObject(value)) return fallback;
  const listed = value['types'];
  const types = Array.isArray(listed) ? SIGNED_MEDIA_TYPES.filter((t) => listed.includes(t)) : fallback.types;
  return { maxBytes: numberOr(value['maxBytes'], fallback.maxBytes), types };
}
