import { sql } from 'kysely';
import { queriesOf, transactionOf, withTransaction, type Executor, type Transaction } from '../../../platform/db/index.ts';
import type { LearnCourseRow, LearnQuizRow } from './courses.tables.ts';
import './courses.tables.ts';

/** The counts of one quiz version, as staff read them. */
export interface QuizStatsRow {
  version: number;
  attempts: number;
  passes: number;
  questions: Array<{ position: number; attempts: number; creditUnits: number }>;
}

/** All SQL of the courses: their length, their quizzes and the anonymous counts of attempts. */
export interface CoursesRepository {
  /** Runs `work` in one transaction with a repository bound to it. */
  inTransaction<T>(work: (repository: CoursesRepository, tx: Transaction) => Promise<T>): Promise<T>;
  findCourse(itemId: string): Promise<LearnCourseRow | undefined>;
  listCourses(): Promise<LearnCourseRow[]>;
  upsertCourse(row: LearnCourseRow): Promise<void>;
  findQuiz(courseId: string, language: string): Promise<LearnQuizRow | undefined>;
  /** The quizzes of a course, by language. */
  listQuizzes(courseId: string): Promise<LearnQuizRow[]>;
  insertQuiz(row: LearnQuizRow): Promise<void>;
  /** Writes a new import when the quiz is still at `expectedVersion`; false when someone changed it meanwhile. */
  updateQuiz(
    id: string,
    expectedVersion: number,
    change: Pick<LearnQuizRow, 'gift' | 'questions' | 'question_count' | 'pass_mark' | 'version' | 'updated_at' | 'updated_by'>,
  ): Promise<boolean>;
  insertQuizVersion(row: { id: string; quiz_id: string; version: number; gift: string; pass_mark: number; actor: string; at: string }): Promise<void>;
  /** Adds one attempt (and its credit per question) to the counts of a quiz version. */
  countAttempt(quizId: string, version: number, isPassed: boolean, credits: readonly number[], at: string): Promise<void>;
  /** The counts of a quiz, newest version first. */
  statsOf(quizId: string): Promise<QuizStatsRow[]>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createCoursesRepository(executor: Executor): CoursesRepository {
  const db = queriesOf(executor);
  return {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createCoursesRepository(tx), transactionOf(tx)));
    },
    findCourse(itemId) {
      return db.selectFrom('learn_courses').selectAll().where('item_id', '=', itemId).executeTakeFirst();
    },
    listCourses() {
      return db.selectFrom('learn_courses').selectAll().orderBy('item_id').execute();
    },
    async upsertCourse(row) {
      await db
        .insertInto('learn_courses')
        .values(row)
        .onConflict((oc) => oc.column('item_id').doUpdateSet({ minutes: row.minutes, updated_at: row.updated_at, updated_by: row.updated_by }))
        .execute();
    },
    findQuiz(courseId, language) {
      return db.selectFrom('learn_quizzes').selectAll().where('course_id', '=', courseId).where('language', '=', language).executeTakeFirst();
    },
    listQuizzes(courseId) {
      return db.selectFrom('learn_quizzes').selectAll().where('course_id', '=', courseId).orderBy('language').execute();
    },
    async insertQuiz(row) {
      await db.insertInto('learn_quizzes').values(row).execute();
    },
    async updateQuiz(id, expectedVersion, change) {
      const result = await db.updateTable('learn_quizzes').set(change).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async insertQuizVersion(row) {
      await db.insertInto('learn_quiz_versions').values(row).execute();
    },
    async countAttempt(quizId, version, isPassed, credits, at) {
      const pass = isPassed ? 1 : 0;
      await db
        .insertInto('learn_quiz_stats')
        .values({ quiz_id: quizId, version, attempts: 1, passes: pass, updated_at: at })
        .onConflict((oc) =>
          oc.columns(['quiz_id', 'version']).doUpdateSet({
            attempts: sql<number>`learn_quiz_stats.attempts + 1`,
            passes: sql<number>`learn_quiz_stats.passes + ${pass}`,
            updated_at: at,
          }),
        )
        .execute();
      for (const [position, credit] of credits.entries()) {
        // Credits have five decimals: kept as whole hundred-thousandths, so sums stay exact on both databases.
        const units = Math.round(credit * 100_000);
        await db
          .insertInto('learn_quiz_question_stats')
          .values({ quiz_id: quizId, version, position, attempts: 1, credit_units: units })
          .onConflict((oc) =>
            oc.columns(['quiz_id', 'version', 'position']).doUpdateSet({
              attempts: sql<number>`learn_quiz_question_stats.attempts + 1`,
              credit_units: sql<number>`learn_quiz_question_stats.credit_units + ${units}`,
            }),
          )
          .execute();
      }
    },
    async statsOf(quizId) {
      const totals = await db.selectFrom('learn_quiz_stats').selectAll().where('quiz_id', '=', quizId).orderBy('version', 'desc').execute();
      const questions = await db
        .selectFrom('learn_quiz_question_stats')
        .selectAll()
        .where('quiz_id', '=', quizId)
        .orderBy('version', 'desc')
        .orderBy('position')
        .execute();
      return totals.map((row) => ({
        version: Number(row.version),
        attempts: Number(row.attempts),
        passes: Number(row.passes),
        questions: questions
          .filter((q) => Number(q.version) === Number(row.version))
          .map((q) => ({ position: Number(q.position), attempts: Number(q.attempts), creditUnits: Number(q.credit_units) })),
      }));
    },
  };
}
