import { Type, type Static } from '@sinclair/typebox';
import { defineSettings, settingsOf } from '../../platform/settings.ts';
import { LearnSearchSettingsSchema } from './search/learn-search.settings.ts';
import { AssociationsSettingsSchema } from './associations/associations.settings.ts';
import { WorkshopsSettingsSchema } from './workshops/workshops.settings.ts';
import { LibrarySettingsSchema } from './library/library.settings.ts';
import { CoursesSettingsSchema } from './courses/courses.settings.ts';

declare module '../../platform/settings.ts' {
  interface ModuleSettings {
    learn: LearnSettings;
  }
}

/**
 * The topics of the rights guides; each is said by `learn.topic.<key>` in the catalogues, and a
 * complaint category, an offer page, the IMEI check or the speed test links to its topic's guide.
 */
export const GUIDE_TOPICS = ['billing', 'contracts', 'quality', 'roaming', 'complaints', 'privacy', 'scams', 'stolenPhones'] as const;

/** One topic of the rights guides. */
export type GuideTopic = (typeof GUIDE_TOPICS)[number];

const LearnSettingsSchema = Type.Object(
  {
    content: Type.Object(
      {
        /**
         * The longest Markdown source an editor may save, in characters: sanitising stays linear in
         * the length, and a guide of a few minutes' reading is under 20,000.
         */
        maxCharacters: Type.Integer({
          minimum: 1000,
          maximum: 1_000_000,
          default: 100_000,
          errorMessage: 'must be a whole number of characters from 1,000 to 1,000,000',
        }),
        /** Months after which a published page whose "last reviewed" date is older is listed as due for review. */
        reviewEveryMonths: Type.Integer({ minimum: 1, maximum: 120, default: 12, errorMessage: 'must be a whole number of months from 1 to 120' }),
      },
      { additionalProperties: false, default: {} },
    ),
    guides: Type.Object(
      {
        topics: Type.Array(
          Type.Union(
            GUIDE_TOPICS.map((t) => Type.Literal(t)),
            { errorMessage: `must be one of ${GUIDE_TOPICS.join(', ')}` },
          ),
          { default: [...GUIDE_TOPICS], minItems: 1, uniqueItems: true },
        ),
        /**
         * The guide each complaint category links to (`modules.complaints.categories` ids): the
         * filing form shows it beside the categories. A category not named here links to none.
         */
        complaintCategories: Type.Record(
          Type.String({ pattern: '^[a-z][a-z0-9_]*$' }),
          Type.Union(
            GUIDE_TOPICS.map((t) => Type.Literal(t)),
            { errorMessage: `must be one of ${GUIDE_TOPICS.join(', ')}` },
          ),
          {
            default: {
              billing: 'billing',
              contract: 'contracts',
              mis_selling: 'contracts',
              number_porting: 'contracts',
              disconnection: 'contracts',
              quality_coverage: 'quality',
              fault_repair: 'quality',
              roaming: 'roaming',
              privacy: 'privacy',
              unsolicited_communications: 'privacy',
              device: 'stolenPhones',
            },
          },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    search: LearnSearchSettingsSchema,
    associations: AssociationsSettingsSchema,
    workshops: WorkshopsSettingsSchema,
    library: LibrarySettingsSchema,
    courses: CoursesSettingsSchema,
  },
  { additionalProperties: false, default: {} },
);

/** The learn module's settings, resolved. */
export type LearnSettings = Static<typeof LearnSettingsSchema>;

/** The `modules.learn` block of a profile: what the guides cover and how content is kept. */
export const learnSettings = defineSettings({
  module: 'learn',
  schema: LearnSettingsSchema,
});

/** The settings of a profile that says nothing about learning. */
export const DEFAULT_LEARN_SETTINGS: LearnSettings = settingsOf(learnSettings, undefined);
