import { Type } from '@sinclair/typebox';

/** A page's query: only the language. */
export const PageQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 16 })) });

/** A course named in a public path. */
export const CourseParams = Type.Object({ course: Type.String({ maxLength: 100 }) });

/** A lesson of a course named in a public path. */
export const LessonParams = Type.Object({ course: Type.String({ maxLength: 100 }), lesson: Type.String({ maxLength: 100 }) });

/** The answers of a quiz: one value per control, or several for ticked boxes. */
export const QuizBody = Type.Record(
  Type.String({ maxLength: 20 }),
  Type.Union([Type.String({ maxLength: 1000 }), Type.Array(Type.String({ maxLength: 10 }), { maxItems: 60 })]),
  {
    maxProperties: 2000,
  },
);

/** The certificate form: the proof of the pass and the name to print. */
export const CertificateBody = Type.Object({
  pass: Type.Optional(Type.String({ maxLength: 1000 })),
  name: Type.Optional(Type.String({ maxLength: 400 })),
});

/** The badge form: the proof of the pass, the address the badge is for and the file wanted. */
export const BadgeBody = Type.Object({
  pass: Type.Optional(Type.String({ maxLength: 1000 })),
  email: Type.Optional(Type.String({ maxLength: 400 })),
  format: Type.Optional(Type.String({ maxLength: 10 })),
});

/** A course named in a staff path, by its item id. */
export const StaffCourseParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

/** A course's quiz in one language, in a staff path. */
export const StaffQuizParams = Type.Object({ id: Type.String({ maxLength: 100 }), language: Type.String({ maxLength: 16 }) });

/** The text fields of the import form (the file comes apart). */
export const ImportBody = Type.Object({
  language: Type.Optional(Type.String({ maxLength: 16 })),
  passMark: Type.Optional(Type.String({ maxLength: 20 })),
  gift: Type.Optional(Type.String()),
  intent: Type.Optional(Type.String({ maxLength: 20 })),
});

/** The minutes form. */
export const MinutesBody = Type.Object({ minutes: Type.Optional(Type.String({ maxLength: 20 })) });
