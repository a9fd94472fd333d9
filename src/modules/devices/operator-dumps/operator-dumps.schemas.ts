import { Type, type Static } from '@sinclair/typebox';

/** The query of a dump upload by API. */
export const DumpUploadQuery = Type.Object({
  fileName: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'The dump file name, <operator>_<YYYYMMDD>_<YYYYMMDD>.csv or .zip: it names the operator and the period.',
  }),
  operator: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'The operator (licence id); a token scoped to an operator may leave it out.' }),
  ),
});

const DumpCheckReply = Type.Object({
  code: Type.String({
    description:
      'fileName, operator, format, dateRange, futureDate, nullImei, nullImsi, nullMsisdn, nullRat, uncleanImei, uncleanImsi, unclean, outOfRegionImsi, leadingZeroImei, leadingZeroImsi, leadingZeroMsisdn or volumeDrop.',
  }),
  passed: Type.Boolean(),
  measured: Type.Union([Type.Number(), Type.Null()], { description: 'A share from 0 to 1 (unit ratio) or a number of rows (unit rows).' }),
  limit: Type.Union([Type.Number(), Type.Null()], { description: 'The most allowed (volumeDrop: the least).' }),
  unit: Type.Union([Type.Literal('ratio'), Type.Literal('rows'), Type.Literal('none')]),
});

/** The answer to an accepted dump (201) or to a file already imported (200, nothing changed). */
export const DumpImportReply = Type.Object({
  status: Type.Union([Type.Literal('imported'), Type.Literal('duplicate')]),
  importId: Type.String(),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  acceptedAt: Type.Union([Type.String(), Type.Null()], { description: 'duplicate: when the same file was accepted.' }),
  rows: Type.Union([Type.Integer(), Type.Null()]),
  keptRows: Type.Union([Type.Integer(), Type.Null()], { description: 'Rows with a clean IMEI, kept as observations.' }),
  checks: Type.Array(DumpCheckReply),
});

/** The answer to a dump upload, as a type. */
export type DumpImportReply = Static<typeof DumpImportReply>;

/** The query of the operator data pages: only the language switcher's `lang`. */
export const OperatorDataPageQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 16 })) });
