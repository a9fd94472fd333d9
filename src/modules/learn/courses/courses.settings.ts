import { Type } from '@sinclair/typebox';

/** The `modules.learn.courses` block: how big a quiz may be and how long a pass may be proven. */
export const CoursesSettingsSchema = Type.Object(
  {
    /** The longest GIFT file staff may import, in characters; the demo's quizzes are under 5,000. */
    maxQuizCharacters: Type.Integer({
      minimum: 1000,
      maximum: 1_000_000,
      default: 200_000,
      errorMessage: 'must be a whole number of characters from 1,000 to 1,000,000',
    }),
    /** The most questions of one quiz: a quiz follows lessons of a few minutes. */
    maxQuizQuestions: Type.Integer({ minimum: 1, maximum: 500, default: 100, errorMessage: 'must be a whole number of questions from 1 to 500' }),
    /**
     * Hours during which the result page's signed proof of a pass opens the certificate and the
     * badge; nothing about the learner is stored, so the proof travels with the page.
     */
    passProofHours: Type.Integer({ minimum: 1, maximum: 720, default: 24, errorMessage: 'must be a whole number of hours from 1 to 720' }),
  },
  { additionalProperties: false, default: {} },
);
