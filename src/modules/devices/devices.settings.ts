import { Type } from '@sinclair/typebox';
import { SIGNED_MEDIA_TYPES, type SignedMediaType } from '../../platform/http/file-signature.ts';
import { defineSettings, settingsOf } from '../../platform/settings.ts';
import { DEFAULT_ALLOCATION_LAG_DAYS } from './imei-check/imei.ts';
import {
  classificationSettingsRules,
  classificationSettingsSchema,
  conditionsOf,
  type ClassificationSettings,
} from './classification/classification.settings.ts';
import { operatorDataSettingsSchema, type OperatorDataSettings } from './operator-dumps/operator-dumps.settings.ts';

/**
 * The devices module's settings, from `modules.devices` in the jurisdiction profile: its own (IMEI
 * checks, lost and stolen reports), the classification's and operator data's.
 */
export interface DevicesSettings extends ClassificationSettings, OperatorDataSettings {
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
}

declare module '../../platform/settings.ts' {
  interface ModuleSettings {
    devices: DevicesSettings;
  }
}

/** The ceiling of {@link DevicesSettings.policeReportFile} `maxBytes`: a scan of a few pages, held in memory while it is checked. */
const POLICE_REPORT_FILE_CEILING = 20 * 1024 * 1024;

/** The hard ceiling of a bulk check: one request body stays under the platform's 1 MB limit. */
export const BULK_CHECK_CEILING = 1000;

/**
 * The schema of `modules.devices`: the module's own fields, then the classification's and operator
 * data's (`classification.settings.ts`, `operator-dumps.settings.ts`), all in one flat block.
 */
const DevicesSettingsSchema = Type.Object(
  {
    checkRateLimitPerMinute: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 60 }),
    bulkCheckMaxImeis: Type.Integer({ minimum: 1, maximum: BULK_CHECK_CEILING, default: BULK_CHECK_CEILING }),
    allocationLagDays: Type.Record(
      Type.String({ pattern: '^[0-9]{2}$' }),
      Type.Integer({ minimum: 0, maximum: 3650, errorMessage: 'must be a whole number of days from 0 to 3650' }),
      {
        default: {},
        additionalProperties: false,
        keyErrorMessage: 'the key must be a two-digit reporting body identifier',
        errorMessage: 'must be an object of two-digit reporting body identifiers to days, such as {"35": 20}',
      },
    ),
    reportCodeMinutes: Type.Integer({ minimum: 1, maximum: 1440, default: 15, errorMessage: 'must be a whole number of minutes from 1 to 1440' }),
    reportMaxImeis: Type.Integer({ minimum: 1, maximum: 20, default: 4 }),
    policeReportFile: Type.Object(
      {
        maxBytes: Type.Integer({
          minimum: 1024,
          maximum: POLICE_REPORT_FILE_CEILING,
          default: 5 * 1024 * 1024,
          errorMessage: `must be a whole number of bytes from 1024 to ${POLICE_REPORT_FILE_CEILING}`,
        }),
        types: Type.Array(Type.Union(SIGNED_MEDIA_TYPES.map((type) => Type.Literal(type))), {
          minItems: 1,
          default: [...SIGNED_MEDIA_TYPES],
          errorMessage: 'must be a non-empty list of media types',
        }),
      },
      {
        additionalProperties: false,
        default: {},
        errorMessage: 'must be an object with maxBytes and types, such as {"maxBytes": 5242880, "types": ["application/pdf"]}',
      },
    ),
    ...classificationSettingsSchema.properties,
    ...operatorDataSettingsSchema.properties,
  },
  { additionalProperties: false },
);

/** The devices module's settings: checked at start and read as `platform.settings.devices`. */
export const devicesSettings = defineSettings({
  module: 'devices',
  schema: DevicesSettingsSchema,
  rules: classificationSettingsRules,
  resolve: (value): DevicesSettings => ({
    ...value,
    allocationLagDays: { ...DEFAULT_ALLOCATION_LAG_DAYS, ...value.allocationLagDays },
    // In a set order, each type once, whatever the profile's list.
    policeReportFile: { ...value.policeReportFile, types: SIGNED_MEDIA_TYPES.filter((type) => value.policeReportFile.types.includes(type)) },
    conditions: conditionsOf(value.conditions),
  }),
});

/** The settings of a profile that says nothing about devices. */
export const DEFAULT_DEVICES_SETTINGS: DevicesSettings = settingsOf(devicesSettings, undefined);
