import type { AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { ContentService, PublishedText } from '../content/content.service.ts';
import { actorName, mayActOnContent, type ContentActor } from '../content/content.policy.ts';
import { GIFT_LIMITS, parseGift, type GiftProblem, type GiftQuestion } from './gift.ts';
import { gradeQuiz, type QuizGrade, type QuizResponse } from './quiz-grading.ts';
import type { CoursesRepository } from './courses.repository.ts';
import type { LearnQuizRow } from './courses.tables.ts';

/** A course's quiz in one language, as pages read it. */
export interface Quiz {
  id: string;
  courseId: string;
  language: string;
  /** The GIFT text as imported: what the export gives back. */
  gift: string;
  questions: GiftQuestion[];
  passMark: number;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

/** A published course as the list shows it. */
export interface CourseSummary {
  text: PublishedText;
  minutes: number | null;
  /** The languages the course is published in. */
  languages: string[];
}

/** The anonymous counts of one quiz: per version, attempts, passes and each question's average credit. */
export interface QuizStats {
  language: string;
  version: number;
  attempts: number;
  passes: number;
  /** The average credit (0 to 1) of each question, in order. */
  averageCredits: number[];
}

/** What an import answers: the quiz, or the file's problems (each with its line), or why not. */
export type QuizImportOutcome =
  | { ok: true; value: Quiz }
  | { ok: false; problem: 'gift'; problems: GiftProblem[] }
  | { ok: false; problem: 'invalid'; issues: Array<{ field: string; messageKey: string }> }
  | { ok: false; problem: 'forbidden' | 'notFound' | 'conflict' };

/** What staff send to import a quiz. */
export interface QuizImport {
  courseId: string;
  language: string;
  gift: string;
  /** As typed: a whole percent from 1 to 100. */
  passMark: string | number;
  /** The version staff saw (0 when there was none), so that two imports never overwrite each other. */
  expectedVersion?: number;
}

/** What staff and learners do with courses beyond their texts. */
export interface CoursesService {
  /** Reads, checks and stores a quiz from GIFT; a file with any problem is refused whole. */
  importQuiz(actor: ContentActor, input: QuizImport): Promise<QuizImportOutcome>;
  findQuiz(courseId: string, language: string): Promise<Quiz | undefined>;
  listQuizzes(courseId: string): Promise<Quiz[]>;
  /** The quiz a reader of `languages` (best first) takes. */
  quizFor(courseId: string, languages: readonly string[]): Promise<Quiz | undefined>;
  setMinutes(actor: ContentActor, courseId: string, minutes: number): Promise<{ ok: boolean }>;
  minutesOf(courseId: string): Promise<number | null>;
  /** The published courses in the reader's language (or a fallback), with their length and languages. */
  listCourses(language: string): Promise<CourseSummary[]>;
  /** Grades an attempt and counts it without identity. */
  takeQuiz(quiz: Quiz, responses: ReadonlyArray<QuizResponse | undefined>): Promise<QuizGrade>;
  /** The counts of every quiz of a course, by language then newest version. */
  statsOf(courseId: string): Promise<QuizStats[]>;
}

/** What the courses service needs. */
export interface CoursesDeps {
  repository: CoursesRepository;
  content: ContentService;
  audit: AuditLog;
  clock: Clock;
  ids: IdGenerator;
  languages: readonly string[];
  settings: { maxQuizCharacters: number; maxQuizQuestions: number };
}

function quizOf(row: LearnQuizRow): Quiz {
  return {
    id: row.id,
    courseId: row.course_id,
    language: row.language,
    gift: row.gift,
    questions: JSON.parse(row.questions) as GiftQuestion[],
    passMark: Number(row.pass_mark),
    version: Number(row.version),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** Reads a pass mark typed by staff: a whole percent from 1 to 100, else undefined. */
export function readPassMark(value: string | number): number | undefined {
  const text = String(value).trim();
  if (!/^[0-9]{1,3}$/.test(text)) return undefined;
  const mark = Number(text);
  return mark >= 1 && mark <= 100 ? mark : undefined;
}

/** Builds the courses service. */
export function createCoursesService(deps: CoursesDeps): CoursesService {
  const { repository, clock } = deps;

  const courseItem = async (courseId: string) => {
    const item = await deps.content.findItem(courseId);
    return item?.kind === 'course' ? item : undefined;
  };

  return {
    async importQuiz(actor, input) {
      if (!mayActOnContent(actor, 'save')) return { ok: false, problem: 'forbidden' };
      const course = await courseItem(input.courseId);
      if (!course) return { ok: false, problem: 'notFound' };
      const issues: Array<{ field: string; messageKey: string }> = [];
      if (!deps.languages.includes(input.language)) issues.push({ field: 'language', messageKey: 'learn.courses.staff.error.language' });
      const passMark = readPassMark(input.passMark);
      if (passMark === undefined) issues.push({ field: 'passMark', messageKey: 'learn.courses.staff.error.passMark' });
      if (input.gift.trim() === '') issues.push({ field: 'gift', messageKey: 'learn.courses.staff.error.giftMissing' });
      if (issues.length > 0 || passMark === undefined) return { ok: false, problem: 'invalid', issues };
      const read = parseGift(input.gift, {
        maxChars: Math.min(deps.settings.maxQuizCharacters, GIFT_LIMITS.maxChars),
        maxQuestions: deps.settings.maxQuizQuestions,
        maxAnswers: GIFT_LIMITS.maxAnswers,
      });
      if (read.problems.length > 0) return { ok: false, problem: 'gift', problems: read.problems };
      if (read.questions.length === 0) return { ok: false, problem: 'invalid', issues: [{ field: 'gift', messageKey: 'learn.courses.staff.error.giftEmpty' }] };
      const at = clock.now().toISOString();
      const who = actorName(actor);
      const existing = await repository.findQuiz(course.id, input.language);
      if (input.expectedVersion !== undefined && input.expectedVersion !== (existing ? Number(existing.version) : 0)) return { ok: false, problem: 'conflict' };
      const fields = {
        gift: input.gift,
        questions: JSON.stringify(read.questions),
        question_count: read.questions.length,
        pass_mark: passMark,
        version: existing ? Number(existing.version) + 1 : 1,
        updated_at: at,
        updated_by: who,
      };
      const row: LearnQuizRow = existing ? { ...existing, ...fields } : { id: deps.ids(), course_id: course.id, language: input.language, ...fields };
      try {
        const isDone = await repository.inTransaction(async (trx, tx) => {
          if (existing) {
            if (!(await trx.updateQuiz(existing.id, Number(existing.version), fields))) return false;
          } else await trx.insertQuiz(row);
          await trx.insertQuizVersion({ id: deps.ids(), quiz_id: row.id, version: row.version, gift: row.gift, pass_mark: passMark, actor: who, at });
          await deps.audit.record(tx, {
            actor: { type: actor.type, id: actor.id },
            action: 'learn.courses.quiz_imported',
            entityType: 'learn_quiz',
            entityId: row.id,
            details: { courseId: course.id, language: row.language, version: row.version, questions: row.question_count, passMark },
          });
          return true;
        });
        if (!isDone) return { ok: false, problem: 'conflict' };
      } catch (error) {
        // Two first imports of one language at once: the unique key decides, the second is told.
        if (!existing && (await repository.findQuiz(course.id, input.language))) return { ok: false, problem: 'conflict' };
        throw error;
      }
      return { ok: true, value: quizOf(row) };
    },

    async findQuiz(courseId, language) {
      if (courseId.length > 100) return undefined;
      const row = await repository.findQuiz(courseId, language);
      return row ? quizOf(row) : undefined;
    },

    async listQuizzes(courseId) {
      return (await repository.listQuizzes(courseId)).map(quizOf);
    },

    async quizFor(courseId, languages) {
      const quizzes = await repository.listQuizzes(courseId);
      for (const language of languages) {
        const row = quizzes.find((q) => q.language === language);
        if (row) return quizOf(row);
      }
      return undefined;
    },

    async setMinutes(actor, courseId, minutes) {
      if (!mayActOnContent(actor, 'save') || !Number.isInteger(minutes) || minutes < 1 || minutes > 600) return { ok: false };
      const course = await courseItem(courseId);
      if (!course) return { ok: false };
      await repository.upsertCourse({ item_id: course.id, minutes, updated_at: clock.now().toISOString(), updated_by: actorName(actor) });
      return { ok: true };
    },

    async minutesOf(courseId) {
      const row = await repository.findCourse(courseId);
      return row ? Number(row.minutes) : null;
    },

    async listCourses(language) {
      const texts = await deps.content.listPublished({ kind: 'course', language });
      const details = await repository.listCourses();
      const list: CourseSummary[] = [];
      for (const text of texts) {
        const languages = (await deps.content.textsOf(text.item.id))
          .filter((t) => t.variant === 'standard' && t.published !== null)
          .map((t) => t.language)
          .sort((a, b) => deps.languages.indexOf(a) - deps.languages.indexOf(b));
        const row = details.find((d) => d.item_id === text.item.id);
        list.push({ text, minutes: row ? Number(row.minutes) : null, languages });
      }
      return list;
    },

    async takeQuiz(quiz, responses) {
      const grade = gradeQuiz(quiz.questions, responses, quiz.passMark);
      await repository.countAttempt(
        quiz.id,
        quiz.version,
        grade.isPassed,
        grade.questions.map((q) => q.credit),
        clock.now().toISOString(),
      );
      return grade;
    },

    async statsOf(courseId) {
      const stats: QuizStats[] = [];
      for (const quiz of await repository.listQuizzes(courseId)) {
        for (const row of await repository.statsOf(quiz.id)) {
          stats.push({
            language: quiz.language,
            version: row.version,
            attempts: row.attempts,
            passes: row.passes,
            averageCredits: row.questions.map((q) => (q.attempts === 0 ? 0 : Math.round(q.creditUnits / q.attempts) / 100_000)),
          });
        }
      }
      return stats;
    },
  };
}
