import { Type, type Static } from '@sinclair/typebox';
import { LOOKUP_MAX_LENGTH } from './scam-lookup.ts';

/** The API's query: the value as the caller chose to send it. */
export const LookupQuery = Type.Object({
  value: Type.String({
    maxLength: LOOKUP_MAX_LENGTH,
    description: 'A telephone number (read in the country of the installation when it has no country code), a short code, a sender name, or a link.',
  }),
});

/** The page's form: the value typed, and the language switcher's `lang`. */
export const LookupFormBody = Type.Object({
  value: Type.Optional(Type.String({ maxLength: LOOKUP_MAX_LENGTH + 100 })),
  lang: Type.Optional(Type.String({ maxLength: 16 })),
});

/** The page's query: only the language. */
export const LookupPageQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 16 })) });

/** The answer to one lookup: never a reporter, never a report. */
export const LookupReply = Type.Object({
  kind: Type.Union([Type.Literal('number'), Type.Literal('shortCode'), Type.Literal('senderId'), Type.Literal('domain')]),
  value: Type.String({
    description: 'The value as read: a number in E.164, a short code, a sender name in capitals, or a link defanged (hxxps://example[.]com).',
  }),
  status: Type.Union([Type.Literal('noReports'), Type.Literal('reported'), Type.Literal('confirmed'), Type.Literal('appealed'), Type.Literal('cleared')], {
    description:
      'noReports; reported (not verified); confirmed (since `since`); appealed (under appeal, still confirmed since `since`); cleared (since `since`).',
  }),
  since: Type.Union([Type.String(), Type.Null()]),
  reports: Type.Union([Type.Integer(), Type.Null()], { description: 'The reports naming it; null when fewer than `fewerThan`.' }),
  fewerThan: Type.Union([Type.Integer(), Type.Null()], { description: "The profile's smallest count shown, when there are fewer reports than that." }),
});

/** The answer to one lookup, as a type. */
export type LookupReply = Static<typeof LookupReply>;
