import { Type } from '@sinclair/typebox';

/** A problem+json answer with the file's problems. */
export const ProblemReply = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(
    Type.Array(Type.Object({ field: Type.String(), line: Type.Optional(Type.Integer()), message: Type.String() }), {
      description: "The problems of the request or file, in the order of the file; at most the profile's maxProblems (100 by default).",
    }),
  ),
  errorCount: Type.Optional(Type.Integer({ description: 'How many problems a refused file has in all; errors lists the first of them.' })),
});
