import { Type, type Static } from '@sinclair/typebox';

/** The accessibility arrangements an event may offer; each is said by `learn.workshops.arrangement.<key>`. */
export const ARRANGEMENTS = ['signLanguage', 'captions', 'stepFree', 'hearingLoop', 'easyRead', 'largePrint'] as const;

/** One accessibility arrangement. */
export type Arrangement = (typeof ARRANGEMENTS)[number];

/** Whom an event is for; each is said by `learn.workshops.audience.<key>`. */
export const AUDIENCES = ['everyone', 'olderPeople', 'disabilities', 'youth', 'smallBusinesses', 'associations'] as const;

/** One audience. */
export type Audience = (typeof AUDIENCES)[number];

/** The topics of events; each is said by `learn.workshops.topic.<key>`. */
export const WORKSHOP_TOPICS = ['mobileMoney', 'scams', 'billing', 'phones', 'rights', 'digitalSkills'] as const;

/** One topic of events. */
export type WorkshopTopic = (typeof WORKSHOP_TOPICS)[number];

const codePattern = '^[A-Za-z0-9-]{1,20}$';

/** The `workshops` block of the learn module's settings. */
export const WorkshopsSettingsSchema = Type.Object(
  {
    /** The regions an event's venue is in: a code (ISO 3166-2 where there is one) and its name per language, English at least. */
    regions: Type.Array(
      Type.Object(
        {
          code: Type.String({ pattern: codePattern, errorMessage: 'must be 1 to 20 letters, digits or dashes' }),
          names: Type.Object(
            {
              en: Type.String({ minLength: 1, maxLength: 100 }),
              fr: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
              ar: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
              es: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
              ru: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
              zh: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            },
            { additionalProperties: false },
          ),
        },
        { additionalProperties: false },
      ),
      { default: [], maxItems: 500 },
    ),
    /** The arrangements staff may offer, in the order the form lists them. */
    arrangements: Type.Array(
      Type.Union(
        ARRANGEMENTS.map((a) => Type.Literal(a)),
        { errorMessage: `must be one of ${ARRANGEMENTS.join(', ')}` },
      ),
      { default: [...ARRANGEMENTS], uniqueItems: true },
    ),
    /** The topics events are filed under. */
    topics: Type.Array(
      Type.Union(
        WORKSHOP_TOPICS.map((t) => Type.Literal(t)),
        { errorMessage: `must be one of ${WORKSHOP_TOPICS.join(', ')}` },
      ),
      { default: [...WORKSHOP_TOPICS], minItems: 1, uniqueItems: true },
    ),
    /** Hours before the start at which registration closes. */
    closeHoursBefore: Type.Integer({ minimum: 0, maximum: 720, default: 2, errorMessage: 'must be a whole number of hours from 0 to 720' }),
    /** Days after the end during which attendees may give feedback. */
    feedbackDays: Type.Integer({ minimum: 1, maximum: 90, default: 14, errorMessage: 'must be a whole number of days from 1 to 90' }),
    /** Registrations one client address may make in an hour. */
    registrationsPerHour: Type.Integer({ minimum: 1, maximum: 1000, default: 10, errorMessage: 'must be a whole number from 1 to 1000' }),
    /** The largest capacity of one event. */
    maxCapacity: Type.Integer({ minimum: 1, maximum: 100_000, default: 5000, errorMessage: 'must be a whole number from 1 to 100,000' }),
    /** Seconds a feed is kept before it is written again. */
    feedCacheSeconds: Type.Integer({ minimum: 0, maximum: 86_400, default: 300, errorMessage: 'must be a whole number of seconds from 0 to 86,400' }),
  },
  { additionalProperties: false, default: {} },
);

/** The workshops settings, resolved. */
export type WorkshopsSettings = Static<typeof WorkshopsSettingsSchema>;
