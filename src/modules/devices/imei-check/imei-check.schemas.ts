import { Type, type Static } from '@sinclair/typebox';
import { BULK_CHECK_CEILING } from '../devices.settings.ts';

// Long enough for an IMEISV typed with a separator between every digit, short enough to parse cheaply.
const RAW_IMEI = Type.String({ maxLength: 64, description: 'An IMEI (14 or 15 digits) or IMEISV (16 digits); spaces, dashes and slashes are ignored.' });

const Severity = Type.Union([Type.Literal('ok'), Type.Literal('warning'), Type.Literal('error')]);

/** One verdict: a stable code, its severity, and the details that code carries. */
export const Verdict = Type.Object({
  code: Type.String({ description: 'Stable code, such as ok, mismatch, wrongLength, testTac, notFound.' }),
  severity: Severity,
  given: Type.Optional(Type.String({ description: 'checkDigit mismatch: the digit typed.' })),
  expected: Type.Optional(Type.String({ description: 'checkDigit: the Luhn digit the 14 digits call for.' })),
  digit: Type.Optional(Type.String({ description: 'checkDigit ok: the digit; pattern: the repeated digit.' })),
  length: Type.Optional(Type.Integer({ description: 'syntax wrongLength: how many digits were typed.' })),
  characters: Type.Optional(Type.String({ description: 'syntax badCharacters: the characters that are not digits or separators.' })),
  allocationLagDays: Type.Optional(
    Type.Union([Type.Integer(), Type.Null()], { description: 'tac notFound: days a new TAC of this reporting body may take to reach the GSMA database.' }),
  ),
  since: Type.Optional(Type.String({ format: 'date', description: 'tac barred: the day the TAC was put on the barred TAC list.' })),
});

/** The device the TAC database names; never anything about an owner or a subscriber. */
export const Device = Type.Object({
  tac: Type.String(),
  brand: Type.String(),
  model: Type.String(),
  marketingName: Type.Union([Type.String(), Type.Null()]),
  deviceType: Type.String({ description: 'The device type as the GSMA database writes it.' }),
  deviceClass: Type.String({ description: 'smartphone, featurePhone, tablet, wearable, modem, module, router, computer, vehicle or other.' }),
  radio: Type.Object({ has2g: Type.Boolean(), has3g: Type.Boolean(), has4g: Type.Boolean(), has5g: Type.Boolean() }),
  allocationDate: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  reportingBody: Type.String({ description: 'The two-digit reporting body identifier that allocated the TAC.' }),
  reportingBodyName: Type.Union([Type.String(), Type.Null()]),
});

/** The answer to one IMEI check. */
export const ImeiCheckResult = Type.Object({
  input: Type.String({ description: 'The IMEI exactly as received.' }),
  digits: Type.Union([Type.String({ pattern: '^[0-9]+$' }), Type.Null()], {
    description:
      'The digits received, separators removed: the number as given, to show (15 digits for an IMEI with its check digit, 16 for an IMEISV); null when the input holds other characters.',
  }),
  key: Type.Union([Type.String({ pattern: '^[0-9]{14}$' }), Type.Null()], {
    description: 'The 14-digit TAC + serial number that identifies the device; null when the input is unreadable.',
  }),
  form: Type.Union([Type.Literal('imei14'), Type.Literal('imei15'), Type.Literal('imeisv16'), Type.Null()]),
  status: Type.Union(
    [
      Type.Literal('valid'),
      Type.Literal('unknownTac'),
      Type.Literal('invalid'),
      Type.Literal('reportedStolen'),
      Type.Literal('blocked'),
      Type.Literal('duplicateWatch'),
    ],
    { description: 'One status: valid, unknownTac, invalid, reportedStolen, blocked or duplicateWatch.' },
  ),
  statusSince: Type.Union([Type.String(), Type.Null()], { description: 'For blocked, reportedStolen and duplicateWatch: since when.' }),
  device: Type.Union([Device, Type.Null()]),
  verdicts: Type.Object({ syntax: Verdict, checkDigit: Verdict, pattern: Verdict, testTac: Verdict, tac: Verdict }),
});

/** The answer to one IMEI check, as a type. */
export type ImeiCheckResult = Static<typeof ImeiCheckResult>;

/** The path of a single check. */
export const ImeiParams = Type.Object({ imei: RAW_IMEI });

/** A dealer's bulk check. */
export const BulkCheckBody = Type.Object({ imeis: Type.Array(RAW_IMEI, { minItems: 1, maxItems: BULK_CHECK_CEILING }) });

/** The answers of a bulk check, in the order asked. */
export const BulkCheckReply = Type.Object({ results: Type.Array(ImeiCheckResult) });

/** The check page's query: the IMEI typed, and the language switcher's `lang`. */
export const CheckPageQuery = Type.Object({ imei: Type.Optional(Type.String({ maxLength: 200 })), lang: Type.Optional(Type.String({ maxLength: 16 })) });
