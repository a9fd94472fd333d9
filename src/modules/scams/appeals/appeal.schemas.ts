import { Type } from '@sinclair/typebox';

/** A page's query: only the language. */
export const PageQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 16 })) });

/** The first step: the listed number. */
export const NumberBody = Type.Object({ number: Type.Optional(Type.String({ maxLength: 200 })) });

/** The second step: the code sent by text. */
export const CodeBody = Type.Object({ code: Type.Optional(Type.String({ maxLength: 50 })) });

/** The last step: the holder's case and an optional e-mail address. */
export const StatementBody = Type.Object({
  statement: Type.Optional(Type.String({ maxLength: 10_000 })),
  contact: Type.Optional(Type.String({ maxLength: 400 })),
});

/** An appeal named in a staff path. */
export const AppealParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

/** The staff's decision. */
export const DecisionBody = Type.Object({
  decision: Type.Optional(Type.String({ maxLength: 20 })),
  reason: Type.Optional(Type.String({ maxLength: 4000 })),
});
