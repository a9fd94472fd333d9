import { Type, type Static } from '@sinclair/typebox';

/**
 * The services an association may offer; each is said by `learn.associations.service.<key>` in the
 * catalogues and written as its HSDS service's name in the export.
 */
export const ASSOCIATION_SERVICES = [
  'advice',
  'complaintsOnBehalf',
  'mediation',
  'training',
  'digitalSkills',
  'accessibilitySupport',
  'collectiveRepresentation',
  'research',
] as const;

/** One service an association may offer. */
export type AssociationService = (typeof ASSOCIATION_SERVICES)[number];

/** The `associations` block of the learn settings: what the directory offers to choose from and how long decided proposals are kept. */
export const AssociationsSettingsSchema = Type.Object(
  {
    /** The services the directory lists and its filter offers, in this order. */
    services: Type.Array(
      Type.Union(
        ASSOCIATION_SERVICES.map((s) => Type.Literal(s)),
        { errorMessage: `must be one of ${ASSOCIATION_SERVICES.join(', ')}` },
      ),
      { default: [...ASSOCIATION_SERVICES], minItems: 1, uniqueItems: true },
    ),
    /**
     * The languages an association may say it speaks (BCP 47 codes, named in the reader's language
     * by `Intl.DisplayNames`): the country's languages, not only the site's.
     */
    languages: Type.Array(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', errorMessage: 'must be a BCP 47 language code such as sw or en' }), {
      default: ['sw', 'en', 'fr', 'ar', 'so', 'luo', 'ki', 'kam', 'kln', 'xki'],
      minItems: 1,
      uniqueItems: true,
    }),
  },
  { additionalProperties: false, default: {} },
);

/** The associations' settings, resolved. */
export type AssociationsSettings = Static<typeof AssociationsSettingsSchema>;
