import { Type } from '@sinclair/typebox';
import { FIELD_LIMITS } from './library.ts';

// Form fields are optional strings: a missing or wrong field is a person's mistake shown with status 422;
// the schema's bounds sit well above the service's, so that it words a value slightly too long.
const field = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** The public list's query: the language, the filters and the page (an unknown value matches nothing). */
export const LibraryListQuery = Type.Object({
  lang: field(16),
  type: field(40),
  topic: field(40),
  country: field(8),
  language: field(40),
  year: field(8),
  page: field(9),
});

/** The query of a page that takes nothing but `lang`. */
export const LibraryPageQuery = Type.Object({ lang: field(16) });

/** A document's id in a path. */
export const LibraryIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });

/** An invitation's token in a path. */
export const LibraryTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) });

/** A submission form, by staff or by an invited contributor. */
export const LibrarySubmissionBody = Type.Object({
  _csrf: field(200),
  title: field(FIELD_LIMITS.title * 4),
  issuer: field(FIELD_LIMITS.issuer * 4),
  issued: field(40),
  language: field(40),
  type: field(40),
  topic: field(40),
  country: field(40),
  licence: field(80),
  abstract: field(FIELD_LIMITS.abstract * 2),
  link: field(FIELD_LIMITS.link * 2),
  fullText: field(FIELD_LIMITS.fullText + 10_000),
});

/** The staff's invitation form. */
export const LibraryInviteBody = Type.Object({ _csrf: field(200), name: field(FIELD_LIMITS.name * 4), email: field(1000), language: field(16) });

/** A move of a document: the version the reviewer saw, the move, and the reason of a rejection or withdrawal. */
export const LibraryMoveBody = Type.Object({ _csrf: field(200), version: field(12), move: field(20), reason: field(FIELD_LIMITS.reason * 2) });

/** A translation of a document's title and summary. */
export const LibraryTranslationBody = Type.Object({
  _csrf: field(200),
  translationLanguage: field(16),
  translationTitle: field(FIELD_LIMITS.title * 4),
  translationAbstract: field(FIELD_LIMITS.abstract * 2),
});
