import type { Platform } from '../../../platform/platform.ts';
import { createContentServiceFor } from '../content/content.wiring.ts';
import { createCoursesServiceFor } from '../courses/courses.wiring.ts';
import { fieldName, matchingChoices } from '../courses/quiz-form.ts';

/**
 * The fields of a quiz form filled with the right answers, read from the stored questions: what a
 * learner who knows them ticks, types and chooses. Throws when the course or its quiz is missing.
 */
export async function rightQuizFields(platform: Platform, slug: string, language: string): Promise<Record<string, string | string[]>> {
  const course = await createContentServiceFor(platform).findItemBySlug('course', slug);
  if (!course) throw new Error(`No course ${slug}.`);
  const quiz = await createCoursesServiceFor(platform).findQuiz(course.id, language);
  if (!quiz) throw new Error(`No quiz of ${slug} in ${language}.`);
  const fields: Record<string, string | string[]> = {};
  quiz.questions.forEach((q, i) => {
    const name = fieldName(i);
    if (q.type === 'singleChoice') fields[name] = String(q.answers.findIndex((a) => a.mark === '='));
    else if (q.type === 'multipleChoice') fields[name] = q.answers.flatMap((a, j) => ((a.weight ?? 0) > 0 ? [String(j)] : []));
    else if (q.type === 'trueFalse') fields[name] = String(q.answer);
    else if (q.type === 'shortAnswer') fields[name] = q.answers.find((a) => (a.weight ?? 100) === 100)?.text ?? '';
    else if (q.type === 'numerical') {
      const n = q.answers.find((a) => (a.weight ?? 100) === 100)?.number;
      fields[name] = n === undefined ? '' : String(n.kind === 'range' ? n.min : n.value);
    } else {
      const choices = matchingChoices(q, i);
      q.pairs.forEach((p, j) => (fields[fieldName(i, j)] = String(choices.indexOf(p.right))));
    }
  });
  return fields;
}
