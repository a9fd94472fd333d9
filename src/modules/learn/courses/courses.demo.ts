import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Platform } from '../../../platform/platform.ts';
import { loadContentFiles } from '../content/content-files.ts';
import type { ContentActor } from '../content/content.policy.ts';
import type { ContentService } from '../content/content.service.ts';
import { createContentServiceFor } from '../content/content.wiring.ts';
import type { CoursesService } from './courses.service.ts';
import { createCoursesServiceFor } from './courses.wiring.ts';

/** The demo's courses, in the order the list shows them. */
export const DEMO_COURSES = ['safe-mobile-money', 'check-a-phone', 'your-bill-and-data'] as const;

const DEMO_FOLDER = new URL('./demo/', import.meta.url);
const SYSTEM: ContentActor = { type: 'system', id: null };
const LESSON_SLUG = /^[0-9]{2}-/;
const QUIZ_NAME = /^quiz\.([a-z]{2,3})\.gift$/;
/** The front-matter keys of a course's own file that the courses read (content-files reads the rest). */
const COURSE_KEYS = ['passMark', 'minutes'] as const;

/** What loading a course folder did. */
export interface CourseLoad {
  published: string[];
  quizzes: string[];
}

/**
 * Loads one course folder, published by Kinga itself and idempotently (what exists is left alone):
 * `course.<lang>.md` as the course (with its `passMark` and `minutes`), `NN-<lesson>.<lang>.md` as
 * its lessons in the order of their numbers, and `quiz.<lang>.gift` as its quiz per language.
 */
export async function loadCourseFolder(
  content: ContentService,
  courses: CoursesService,
  options: { folder: string; slug: string; languages: readonly string[]; defaultLanguage: string; position?: number },
): Promise<CourseLoad> {
  const { folder, slug, languages, defaultLanguage } = options;
  // The course is created first with its place in the list; content-files then finds it and loads its texts.
  if (options.position !== undefined && !(await content.findItemBySlug('course', slug))) {
    const names = readdirSync(folder);
    const source = names.includes(`course.${defaultLanguage}.md`) ? defaultLanguage : languages.find((l) => names.includes(`course.${l}.md`));
    if (source !== undefined) {
      const created = await content.createItem(SYSTEM, { kind: 'course', slug, sourceLanguage: source, position: options.position });
      if (!created.ok) throw new Error(`${slug}: the course cannot be created (${JSON.stringify(created)})`);
    }
  }
  const courseLoad = await loadContentFiles(content, {
    folder,
    kind: 'course',
    languages,
    defaultLanguage,
    extraKeys: COURSE_KEYS,
    include: (fileSlug) => fileSlug === 'course',
    slugOf: () => slug,
  });
  const course = await content.findItemBySlug('course', slug);
  if (!course) return { published: courseLoad.published, quizzes: [] };
  const offered = courseLoad.files.filter((f) => languages.includes(f.language));
  const first = offered.find((f) => f.language === defaultLanguage) ?? offered[0];
  const minutes = Number(first?.extra.minutes);
  if (Number.isInteger(minutes) && minutes > 0 && (await courses.minutesOf(course.id)) === null) await courses.setMinutes(SYSTEM, course.id, minutes);

  // Lessons keep their folder's numbering as their order; the number is not part of their address.
  const lessonSlugs = readdirSync(folder)
    .filter((n) => LESSON_SLUG.test(n) && n.endsWith('.md'))
    .sort()
    .map((n) => n.replace(LESSON_SLUG, '').split('.')[0] ?? '');
  const lessonLoad = await loadContentFiles(content, {
    folder,
    kind: 'lesson',
    languages,
    defaultLanguage,
    parentId: course.id,
    // The folder's course files are read too (then left out), so their keys must be known.
    extraKeys: COURSE_KEYS,
    include: (fileSlug) => LESSON_SLUG.test(fileSlug),
    slugOf: (fileSlug) => fileSlug.replace(LESSON_SLUG, ''),
    order: [...new Set(lessonSlugs)],
  });

  const quizzes: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const language = QUIZ_NAME.exec(name)?.[1];
    if (language === undefined || !languages.includes(language) || (await courses.findQuiz(course.id, language))) continue;
    const own = offered.find((f) => f.language === language) ?? first;
    const imported = await courses.importQuiz(SYSTEM, {
      courseId: course.id,
      language,
      gift: readFileSync(join(folder, name), 'utf8'),
      passMark: own?.extra.passMark ?? '70',
    });
    if (!imported.ok) throw new Error(`${slug}/${name}: the quiz cannot be imported (${JSON.stringify(imported)})`);
    quizzes.push(`${slug}.${language}`);
  }
  return { published: [...courseLoad.published, ...lessonLoad.published], quizzes };
}

/** Loads the demo's three courses, their lessons and their quizzes in the profile's languages. */
export async function seedCoursesDemo(platform: Platform): Promise<void> {
  const content = createContentServiceFor(platform);
  const courses = createCoursesServiceFor(platform);
  const { languages, defaultLanguage } = platform.config.jurisdiction;
  for (const [position, slug] of DEMO_COURSES.entries()) {
    await loadCourseFolder(content, courses, { folder: fileURLToPath(new URL(`./${slug}/`, DEMO_FOLDER)), slug, languages, defaultLanguage, position });
  }
}
