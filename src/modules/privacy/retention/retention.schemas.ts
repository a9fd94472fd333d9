import { Type } from '@sinclair/typebox';

/** A page's query: the language, and what the last action did. */
export const RetentionQuery = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 16 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
});

/** A run or a hold named in a path. */
export const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

/** The form placing a legal hold. */
export const HoldBody = Type.Object({
  kind: Type.Optional(Type.String({ maxLength: 200 })),
  recordId: Type.Optional(Type.String({ maxLength: 400 })),
  reason: Type.Optional(Type.String({ maxLength: 4000 })),
  caseReference: Type.Optional(Type.String({ maxLength: 400 })),
});
