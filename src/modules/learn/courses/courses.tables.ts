import type { Selectable } from 'kysely';

/** What a course has besides its texts: how long it takes, in minutes. */
export interface LearnCoursesTable {
  /** The course's item (`learn_items.id`). */
  item_id: string;
  minutes: number;
  updated_at: string;
  updated_by: string;
}

/** A course's quiz in one language: its GIFT source as imported, the questions read from it and its pass mark. */
export interface LearnQuizzesTable {
  id: string;
  course_id: string;
  language: string;
  /** The GIFT text exactly as imported (exported unchanged). */
  gift: string;
  /** The parsed questions (`GiftQuestion[]`) as JSON. */
  questions: string;
  question_count: number;
  /** The percent a learner reaches to pass, 1 to 100. */
  pass_mark: number;
  /** Counts the imports: the number of the newest version row. */
  version: number;
  updated_at: string;
  updated_by: string;
}

/** Every import of a quiz, whole. */
export interface LearnQuizVersionsTable {
  id: string;
  quiz_id: string;
  version: number;
  gift: string;
  pass_mark: number;
  actor: string;
  at: string;
}

/** Attempts of one version of a quiz, counted without anyone's identity. */
export interface LearnQuizStatsTable {
  quiz_id: string;
  version: number;
  attempts: number;
  passes: number;
  updated_at: string;
}

/** The credit earned on one question of one version of a quiz, summed over attempts, in hundred-thousandths. */
export interface LearnQuizQuestionStatsTable {
  quiz_id: string;
  version: number;
  position: number;
  attempts: number;
  credit_units: number;
}

/** A stored quiz. */
export type LearnQuizRow = Selectable<LearnQuizzesTable>;
/** A stored course's details. */
export type LearnCourseRow = Selectable<LearnCoursesTable>;

declare module '../../../platform/db/database.ts' {
  interface Database {
    learn_courses: LearnCoursesTable;
    learn_quizzes: LearnQuizzesTable;
    learn_quiz_versions: LearnQuizVersionsTable;
    learn_quiz_stats: LearnQuizStatsTable;
    learn_quiz_question_stats: LearnQuizQuestionStatsTable;
  }
}
