import { Type, type Static } from '@sinclair/typebox';

/** The kinds of document the library holds; each is said by `learn.library.type.<key>` in the catalogues. */
export const LIBRARY_DOCUMENT_TYPES = [
  'report',
  'decision',
  'guideline',
  'recommendation',
  'resolution',
  'standard',
  'regulation',
  'toolkit',
  'overview',
] as const;

/** One kind of library document. */
export type LibraryDocumentType = (typeof LIBRARY_DOCUMENT_TYPES)[number];

/** The topics of the library; each is said by `learn.library.topic.<key>`. */
export const LIBRARY_TOPICS = [
  'consumerRights',
  'qualityOfService',
  'billing',
  'contracts',
  'complaints',
  'privacy',
  'scams',
  'accessibility',
  'digitalSkills',
] as const;

/** One topic of the library. */
export type LibraryTopic = (typeof LIBRARY_TOPICS)[number];

/** The licence id that says the issuer keeps every right (no SPDX id exists for it). */
export const ALL_RIGHTS_RESERVED = 'all-rights-reserved';

/** The schema of the `library` block of the learn settings. */
export const LibrarySettingsSchema = Type.Object(
  {
    /** The kinds of document a submission may name, in the order forms offer them. */
    documentTypes: Type.Array(
      Type.Union(
        LIBRARY_DOCUMENT_TYPES.map((t) => Type.Literal(t)),
        { errorMessage: `must be one of ${LIBRARY_DOCUMENT_TYPES.join(', ')}` },
      ),
      { default: [...LIBRARY_DOCUMENT_TYPES], minItems: 1, uniqueItems: true },
    ),
    /** The topics a submission may name. */
    topics: Type.Array(
      Type.Union(
        LIBRARY_TOPICS.map((t) => Type.Literal(t)),
        { errorMessage: `must be one of ${LIBRARY_TOPICS.join(', ')}` },
      ),
      { default: [...LIBRARY_TOPICS], minItems: 1, uniqueItems: true },
    ),
    /** The licences a submission may name: SPDX-like ids, or `all-rights-reserved`. */
    licences: Type.Array(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9.+-]{0,63}$', errorMessage: 'must be an SPDX-like id such as CC-BY-4.0' }), {
      default: ['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0', 'OGL-UK-3.0', 'etalab-2.0', 'LicenseRef-reuse-with-acknowledgement', ALL_RIGHTS_RESERVED],
      minItems: 1,
      uniqueItems: true,
    }),
    /** Days an invitation to contribute stays open. */
    invitationExpiryDays: Type.Integer({ minimum: 1, maximum: 90, default: 21, errorMessage: 'must be a whole number of days from 1 to 90' }),
    /** The largest PDF a submission may carry, in bytes. */
    maxFileBytes: Type.Integer({
      minimum: 100_000,
      maximum: 50_000_000,
      default: 10_000_000,
      errorMessage: 'must be a whole number of bytes from 100,000 to 50,000,000',
    }),
  },
  { additionalProperties: false, default: {} },
);

/** The library's settings, resolved. */
export type LibrarySettings = Static<typeof LibrarySettingsSchema>;
