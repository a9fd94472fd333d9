import { Type, type Static } from '@sinclair/typebox';
import { defineSettings, settingsOf } from '../../platform/settings.ts';
import { checkOpenDataLicence } from '../../platform/open-data-licence.ts';

declare module '../../platform/settings.ts' {
  interface ModuleSettings {
    scams: ScamsSettings;
  }
}

/** The categories a report may name; each is said by `scams.category.<key>` in the catalogues, and the profile chooses which to offer and in what order. */
export const SCAM_CATEGORIES = [
  'impersonation',
  'investment',
  'delivery',
  'loan',
  'lottery',
  'simSwap',
  'mobileMoney',
  'jobOffer',
  'romance',
  'techSupport',
  'other',
] as const;

/** One category of scam. */
export type ScamCategory = (typeof SCAM_CATEGORIES)[number];

/** The kinds of identity a report or the protected list names: a number, a short code, an alphanumeric sender id or a link's domain. */
export const IDENTIFIER_KINDS = ['number', 'shortCode', 'senderId', 'domain'] as const;

/** One kind of identifier. */
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

const days = (fallback: number, max = 3650) =>
  Type.Integer({ minimum: 1, maximum: max, default: fallback, errorMessage: `must be a whole number of days from 1 to ${max}` });

const ContactSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    phone: Type.String({ pattern: '^[+0-9][0-9 ()-]{1,30}$', errorMessage: 'must be a telephone number such as "+254 20 000 0000" or "999"' }),
  },
  { additionalProperties: false },
);

const ScamsSettingsSchema = Type.Object(
  {
    categories: Type.Array(
      Type.Union(
        SCAM_CATEGORIES.map((c) => Type.Literal(c)),
        { errorMessage: `must be one of ${SCAM_CATEGORIES.join(', ')}` },
      ),
      { default: [...SCAM_CATEGORIES], minItems: 1, uniqueItems: true },
    ),
    /** Reports about a call or message older than this are kept and shown to staff, flagged late and left out of thresholds. */
    reportWindowDays: days(30, 365),
    threshold: Type.Object(
      {
        /** Distinct verified reporters needed within the window (TRAI: 5 in 10 days). */
        reporters: Type.Integer({ minimum: 1, maximum: 1000, default: 5 }),
        windowDays: Type.Number({ exclusiveMinimum: 0, maximum: 365, default: 10 }),
        /** A reporter whose number was first verified less than this long before the report counts zero. */
        minVerifiedHours: Type.Number({ minimum: 0, maximum: 720, default: 24 }),
        /** A reporter filing more than this many reports in a day counts zero that day. */
        maxReportsPerDay: Type.Integer({ minimum: 1, maximum: 10_000, default: 20 }),
      },
      { additionalProperties: false, default: {} },
    ),
    review: Type.Object(
      {
        /** Reviewers who must agree before an identifier is confirmed or rejected. */
        reviewersToDecide: Type.Integer({ minimum: 1, maximum: 5, default: 2 }),
        /** Roles whose one decision is enough (the senior reviewers). */
        seniorRoles: Type.Array(Type.Union([Type.Literal('admin'), Type.Literal('officer')]), { default: ['admin'], uniqueItems: true }),
      },
      { additionalProperties: false, default: {} },
    ),
    /** Identifiers never confirmed without review and shown to reviewers as likely spoofed: the regulator's short codes, banks' published numbers. */
    protected: Type.Array(
      Type.Object(
        {
          kind: Type.Union(
            IDENTIFIER_KINDS.map((k) => Type.Literal(k)),
            { errorMessage: `must be one of ${IDENTIFIER_KINDS.join(', ')}` },
          ),
          value: Type.String({ minLength: 1, maxLength: 253 }),
          holder: Type.String({ minLength: 1, maxLength: 120 }),
        },
        { additionalProperties: false },
      ),
      { default: [], maxItems: 10_000 },
    ),
    /** Who to call at once when money was lost or a SIM stopped working. */
    triage: Type.Object(
      {
        police: Type.Optional(ContactSchema),
        banks: Type.Array(ContactSchema, { default: [], maxItems: 50 }),
        mobileMoney: Type.Array(ContactSchema, { default: [], maxItems: 50 }),
      },
      { additionalProperties: false, default: {} },
    ),
    notices: Type.Object(
      {
        /** Days an operator has to answer a notice (TRAI: 5). */
        deadlineDays: days(5, 90),
      },
      { additionalProperties: false, default: {} },
    ),
    screenshotMaxBytes: Type.Integer({ minimum: 10_000, maximum: 10_000_000, default: 2_000_000 }),
    /** How reports are taken: the reporter's one-time code, the length of a report's text, and the API's rate. */
    reporting: Type.Object(
      {
        /** Minutes a code sent to a reporter's number stays valid. */
        codeMinutes: Type.Integer({ minimum: 1, maximum: 60, default: 10 }),
        /** Wrong codes allowed before a check is locked. */
        maxCodeAttempts: Type.Integer({ minimum: 1, maximum: 10, default: 5 }),
        /** The longest text of a report, in characters. */
        maxTextChars: Type.Integer({ minimum: 100, maximum: 20_000, default: 2_000 }),
        /** Reports and code requests one client address may send through the API per minute. */
        rateLimitPerMinute: Type.Integer({ minimum: 1, maximum: 100_000, default: 10 }),
      },
      { additionalProperties: false, default: {} },
    ),
    /** The public side: the lookup's limit per client address, the appeal's one-time code, and the open data's licence. */
    public: Type.Object(
      {
        /** Lookups (page and API) one client address may make in a minute. */
        lookupPerMinute: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 30 }),
        /** Minutes an appeal's code sent by text stays valid. */
        codeMinutes: Type.Integer({ minimum: 1, maximum: 60, default: 15 }),
        /** Wrong codes allowed before a check is locked. */
        codeAttempts: Type.Integer({ minimum: 1, maximum: 10, default: 5 }),
        /** Hours a proved holder has to file the appeal. */
        appealHours: Type.Integer({ minimum: 1, maximum: 72, default: 2 }),
        openData: Type.Object(
          {
            licenceName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            licenceUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
          },
          { additionalProperties: false, default: {} },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);

/** The scams module's settings, from `modules.scams` in the jurisdiction profile (`platform.settings.scams`). */
export type ScamsSettings = Static<typeof ScamsSettingsSchema>;

/** The scams module's settings: checked at start and read as `platform.settings.scams`. */
export const scamsSettings = defineSettings({
  module: 'scams',
  schema: ScamsSettingsSchema,
  rules(value, at) {
    const problems: string[] = [];
    const seen = new Set<string>();
    value.protected.forEach((p, i) => {
      const key = `${p.kind}:${p.value.toLowerCase()}`;
      if (seen.has(key)) problems.push(`${at(`protected/${i}/value`)}: "${p.value}" is listed twice`);
      seen.add(key);
    });
    checkOpenDataLicence(value.public.openData, (field, message) => problems.push(`${at(`public/${field}`)}: ${message}`));
    if (value.threshold.windowDays > value.reportWindowDays)
      problems.push(`${at('threshold/windowDays')}: must not be longer than reportWindowDays (${value.reportWindowDays})`);
    return problems;
  },
});

/** The settings of a profile that says nothing about scams. */
export const DEFAULT_SCAMS_SETTINGS: ScamsSettings = settingsOf(scamsSettings, undefined);
