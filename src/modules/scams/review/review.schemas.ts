import { Type } from '@sinclair/typebox';

// Form fields are optional strings: a missing or wrong field is a person's mistake shown with status 422.
const field = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** The queue's query: the language switcher's `lang`, the filters and the page (unknown values show everything). */
export const QueueQuery = Type.Object({ lang: field(16), state: field(40), kind: field(40), page: field(9) });

/** The query of a page that takes nothing but `lang`. */
export const PageQuery = Type.Object({ lang: field(16) });

/** The id of an identifier, a report or a campaign in a staff path. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });

/** Opening a review: the state the reviewer saw and an optional note. */
export const OpenBody = Type.Object({ _csrf: field(200), seenState: field(40), note: field(4000) });

/** A reviewer's decision: the round's version the reviewer saw, confirm or reject, and the reason. */
export const DecideBody = Type.Object({ _csrf: field(200), version: field(12), decision: field(20), reason: field(4000) });

/** Clearing a confirmed identifier, with the reason. */
export const ClearBody = Type.Object({ _csrf: field(200), reason: field(4000) });
