import { Type } from '@sinclair/typebox';

// Form fields are optional strings: a missing or wrong field is a person's mistake shown with status 422.
const field = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** The list's query: the language switcher's `lang` and the filters (unknown values show everything). */
export const ListQuery = Type.Object({ lang: field(16), kind: field(20), state: field(20), language: field(16) });

/** The query of a page that takes nothing but `lang`. */
export const PageQuery = Type.Object({ lang: field(16) });

/** An item or a text in a staff path. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });

/** A text's editor: the item, the language and the variant. */
export const TextParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
  language: Type.String({ minLength: 2, maxLength: 16, pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$' }),
  variant: Type.String({ minLength: 1, maxLength: 20, pattern: '^[a-z]+$' }),
});

/** A new item. */
export const CreateBody = Type.Object({
  _csrf: field(200),
  kind: field(20),
  slug: field(200),
  topic: field(40),
  parentId: field(64),
  sourceLanguage: field(16),
});

/**
 * A text's working copy, and which button sent it (`save` or `preview`). The body's bound is above
 * any profile's `maxCharacters`, so that a text one character too long is told, not refused whole.
 */
export const TextBody = Type.Object({
  _csrf: field(200),
  action: field(20),
  expectedVersion: field(12),
  title: field(2000),
  summary: field(6000),
  body: field(1_100_000),
  legalBasis: field(10_000),
  lastReviewed: field(40),
});

/** A workflow step: the version seen, a note (returning) or the version to restore. */
export const StepBody = Type.Object({ _csrf: field(200), expectedVersion: field(12), note: field(20_000), version: field(12) });

/** The live preview's Markdown. */
export const PreviewBody = Type.Object({ _csrf: field(200), body: field(1_100_000) });
