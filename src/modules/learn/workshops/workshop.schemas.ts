import { Type } from '@sinclair/typebox';

// Form fields are optional strings: a missing or wrong field is a person's mistake shown with status 422.
const field = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** An event's id in a path. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });

/** A registration's private token in a path; any other shape is simply not found. */
export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) });

/** The query of a page that takes nothing but `lang`. */
export const PageQuery = Type.Object({ lang: field(16) });

/** The public list's filters; an unknown value filters nothing. */
export const ListQuery = Type.Object({ lang: field(16), region: field(40), topic: field(40), language: field(16), arrangement: field(40) });

/** A feed's region and topic. */
export const FeedQuery = Type.Object({ lang: field(16), region: field(40), topic: field(40) });

/** The registration form. */
export const RegisterBody = Type.Object({ _csrf: field(200), name: field(1000), contact: field(1000), needs: field(5000), consent: field(10) });

/** The feedback form. */
export const FeedbackBody = Type.Object({ _csrf: field(200), rating: field(10), comment: field(10_000) });

/** A form of one button. */
export const ButtonBody = Type.Object({ _csrf: field(200) });

/** The staff's event form: six titles and descriptions, then the event's facts. */
export const EventBody = Type.Object({
  _csrf: field(200),
  title_en: field(1000),
  description_en: field(40_000),
  title_fr: field(1000),
  description_fr: field(40_000),
  title_ar: field(1000),
  description_ar: field(40_000),
  title_es: field(1000),
  description_es: field(40_000),
  title_ru: field(1000),
  description_ru: field(40_000),
  title_zh: field(1000),
  description_zh: field(40_000),
  heldLanguage: field(16),
  topic: field(40),
  audience: field(40),
  placeKind: field(16),
  region: field(40),
  address: field(1000),
  onlineLink: field(1000),
  date: field(20),
  startTime: field(10),
  endTime: field(10),
  capacity: field(10),
  arrangements: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })])),
});

/** The attendance form: the ids of those who came. */
export const AttendanceBody = Type.Object({
  _csrf: field(200),
  attended: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100_000 })])),
});
