import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Platform } from '../../../platform/platform.ts';
import { ContentFileError, parseContentFile, type ContentFile, type ContentFileProblem } from '../content/content-files.ts';
import type { ContentActor } from '../content/content.policy.ts';
import type { ContentKind, ContentService } from '../content/content.service.ts';
import { createContentServiceFor } from '../content/content.wiring.ts';
import type { CoursesService } from './courses.service.ts';
import { createCoursesServiceFor } from './courses.wiring.ts';

/** The demo's courses, in the order the list shows them. */
export const DEMO_COURSES = ['safe-mobile-money', 'check-a-phone', 'your-bill-and-data'] as const;

const DEMO_FOLDER = new URL('./demo/', import.meta.url);
const SYSTEM: ContentActor = { type: 'system', id: null };
const LESSON_NAME = /^([0-9]{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z]{2,3})\.md$/;
const COURSE_NAME = /^course\.([a-z]{2,3})\.md$/;
const QUIZ_NAME = /^quiz\.([a-z]{2,3})\.gift$/;

/** What loading a course folder did. */
export interface CourseLoad {
  published: string[];
  quizzes: string[];
}

/** Reads one file of a course folder as content of `kind` under the slug it takes in Kinga. */
function readFile(folder: string, name: string, slug: string, language: string, kind: ContentKind): ContentFile {
  // The file's own name says the course or the lesson; content-files reads `<slug>.<lang>.md`.
  const parsed = parseContentFile(`${slug}.${language}.md`, readFileSync(join(folder, name), 'utf8'), kind);
  if (!parsed.ok) throw new ContentFileError(parsed.problems.map((p: ContentFileProblem) => ({ ...p, file: name })));
  return parsed.value;
}

/** Saves and publishes a text unless it exists (staff edits survive a second run). */
async function publishOnce(content: ContentService, itemId: string, file: ContentFile, load: CourseLoad, key: string): Promise<void> {
  if (await content.findText(itemId, file.language, 'standard')) return;
  const saved = await content.saveText(SYSTEM, {
    itemId,
    language: file.language,
    variant: 'standard',
    title: file.title,
    summary: file.summary,
    body: file.body,
    legalBasis: file.legalBasis,
    lastReviewed: file.lastReviewed,
  });
  if (!saved.ok) throw new Error(`${key}: the text cannot be saved (${JSON.stringify(saved)})`);
  const published = await content.publish(SYSTEM, { textId: saved.value.id, expectedVersion: saved.value.version });
  if (!published.ok) throw new Error(`${key}: the text cannot be published (${JSON.stringify(published)})`);
  load.published.push(key);
}

/**
 * Loads one course folder (`course.<lang>.md`, `NN-<lesson>.<lang>.md`, `quiz.<lang>.gift`),
 * published by Kinga itself, idempotently: what exists is left alone.
 */
export async function loadCourseFolder(
  content: ContentService,
  courses: CoursesService,
  options: { folder: string; slug: string; languages: readonly string[]; defaultLanguage: string },
): Promise<CourseLoad> {
  const { folder, slug, languages } = options;
  const names = readdirSync(folder).sort();
  const load: CourseLoad = { published: [], quizzes: [] };
  const courseFiles = names
    .map((name) => ({ name, match: COURSE_NAME.exec(name) }))
    .filter((f) => f.match && languages.includes(f.match[1] ?? ''))
    .map((f) => readFile(folder, f.name, slug, f.match?.[1] ?? '', 'course'));
  const first = courseFiles.find((f) => f.language === options.defaultLanguage) ?? courseFiles[0];
  if (!first) return load;
  let course = await content.findItemBySlug('course', slug);
  if (!course) {
    const created = await content.createItem(SYSTEM, { kind: 'course', slug, sourceLanguage: first.language });
    if (!created.ok) throw new Error(`${slug}: the course cannot be created (${JSON.stringify(created)})`);
    course = created.value;
  }
  for (const file of courseFiles) await publishOnce(content, course.id, file, load, `${slug}.${file.language}`);
  if (first.minutes !== undefined && (await courses.minutesOf(course.id)) === null) await courses.setMinutes(SYSTEM, course.id, first.minutes);

  const lessons = new Map<string, { position: number; files: ContentFile[] }>();
  for (const name of names) {
    const match = LESSON_NAME.exec(name);
    if (!match || !languages.includes(match[3] ?? '')) continue;
    const [, position = '0', lessonSlug = '', language = ''] = match;
    const entry = lessons.get(lessonSlug) ?? { position: Number(position) - 1, files: [] };
    entry.files.push(readFile(folder, name, lessonSlug, language, 'lesson'));
    lessons.set(lessonSlug, entry);
  }
  for (const [lessonSlug, { position, files }] of lessons) {
    let lesson = await content.findItemBySlug('lesson', lessonSlug);
    if (!lesson) {
      const source = files.find((f) => f.language === options.defaultLanguage) ?? files[0];
      const created = await content.createItem(SYSTEM, {
        kind: 'lesson',
        slug: lessonSlug,
        parentId: course.id,
        sourceLanguage: source?.language ?? first.language,
        position,
      });
      if (!created.ok) throw new Error(`${lessonSlug}: the lesson cannot be created (${JSON.stringify(created)})`);
      lesson = created.value;
    }
    for (const file of files) await publishOnce(content, lesson.id, file, load, `${slug}/${lessonSlug}.${file.language}`);
  }

  for (const name of names) {
    const match = QUIZ_NAME.exec(name);
    const language = match?.[1] ?? '';
    if (!match || !languages.includes(language) || (await courses.findQuiz(course.id, language))) continue;
    const passMark = courseFiles.find((f) => f.language === language)?.passMark ?? first.passMark ?? 70;
    const imported = await courses.importQuiz(SYSTEM, { courseId: course.id, language, gift: readFileSync(join(folder, name), 'utf8'), passMark });
    if (!imported.ok) throw new Error(`${slug}/${name}: the quiz cannot be imported (${JSON.stringify(imported)})`);
    load.quizzes.push(`${slug}.${language}`);
  }
  return load;
}

/** Loads the demo's three courses, their lessons and their quizzes in the profile's languages. */
export async function seedCoursesDemo(platform: Platform): Promise<void> {
  const content = createContentServiceFor(platform);
  const courses = createCoursesServiceFor(platform);
  const { languages, defaultLanguage } = platform.config.jurisdiction;
  for (const slug of DEMO_COURSES) {
    await loadCourseFolder(content, courses, { folder: fileURLToPath(new URL(`./${slug}/`, DEMO_FOLDER)), slug, languages, defaultLanguage });
  }
}
