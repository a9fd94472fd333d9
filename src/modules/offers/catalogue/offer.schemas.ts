import { Type, type Static } from '@sinclair/typebox';

const Problem = Type.Object({ line: Type.Optional(Type.Integer()), field: Type.String(), message: Type.String() });

/** Query of the offer upload. */
export const ImportQuery = Type.Object({
  operator: Type.Optional(Type.String({ description: "The licence id the file is for; a token scoped to an operator imports only that operator's offers." })),
  lenient: Type.Optional(Type.String({ enum: ['true', 'false', '1', '0'], description: 'Accept plan ids with a shorter suffix, with a warning.' })),
});
/** Query of the offer upload, typed. */
export type ImportQueryType = Static<typeof ImportQuery>;

/** The uploaded file, read as text whatever its type, so that CSV and JSON report lines the same way. */
export const ImportBody = Type.String({
  description:
    'The national offer file: CSV (Content-Type: text/csv; RFC 4180, UTF-8, header row) or JSON (application/json), as docs/formats/offers.md specifies.',
});

/** What an accepted upload changed. */
export const ImportResponse = Type.Object({
  importId: Type.String(),
  rows: Type.Integer(),
  newPlans: Type.Integer(),
  newVersions: Type.Integer(),
  confirmed: Type.Integer({ description: 'Offers published again unchanged; only their "last updated" date moved.' }),
  warnings: Type.Array(Problem),
});

/** A rejected upload: problem+json with every wrong line. */
export const ProblemResponse = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Problem)),
});

/** The JSON Schema document of the offer file. */
export const SchemaResponse = Type.Record(Type.String(), Type.Unknown());

/** Path of an offer page. */
// Letters, digits, hyphens and underscores only: a NUL or other control character never reaches SQL (PostgreSQL refuses it).
export const PlanParams = Type.Object({ planId: Type.String({ maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' }) });
/** Query of an offer page. */
export const PlanQuery = Type.Object({ on: Type.Optional(Type.String()), lang: Type.Optional(Type.String()) });
/** Query of an offer's page: a day as a link gives it (`on`), or as its form asks it. */
export const PlanPageQuery = Type.Object({
  on: Type.Optional(Type.String()),
  onDay: Type.Optional(Type.String()),
  onMonth: Type.Optional(Type.String()),
  onYear: Type.Optional(Type.String()),
  lang: Type.Optional(Type.String()),
});
/** Query of a page that takes nothing but its language. */
export const PageQuery = Type.Object({ lang: Type.Optional(Type.String()) });
