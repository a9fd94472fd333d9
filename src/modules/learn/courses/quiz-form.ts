/**
 * The quiz as a server-rendered form: the names of its controls, the order its choices are shown
 * in, and the learner's answers read back from the submitted fields. Pure.
 */
import type { GiftQuestion } from './gift.ts';
import type { QuizResponse } from './quiz-grading.ts';

/** The submitted fields of a quiz form: one value, or several for ticked boxes. */
export type QuizFields = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The name of question `index`'s control, or of pair `pair`'s select in a matching question. */
export const fieldName = (index: number, pair?: number): string => (pair === undefined ? `q${index}` : `q${index}-${pair}`);

/** A small stable hash (FNV-1a), to shuffle choices the same way at every showing. */
function fnv(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * The positions of `texts` in the order they are shown: mixed by a hash of each text, since authors
 * often write the right answer first; the same for every learner, so a retry finds them in place.
 */
export function shownOrder(texts: readonly string[], salt: number): number[] {
  return texts
    .map((text, index) => ({ index, key: fnv(`${salt}:${text}`) }))
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map((e) => e.index);
}

/** The distinct right-hand texts of a matching question, in the order its selects offer them. */
export function matchingChoices(question: Extract<GiftQuestion, { type: 'matching' }>, salt: number): string[] {
  const rights = [...new Set(question.pairs.map((p) => p.right))];
  return shownOrder(rights, salt).map((i) => rights[i] ?? '');
}

const first = (value: string | readonly string[] | undefined): string | undefined => (typeof value === 'string' ? value : value?.[0]);
const all = (value: string | readonly string[] | undefined): readonly string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : value);
const indexIn = (value: string | undefined, length: number): number | undefined => {
  if (value === undefined || !/^[0-9]{1,3}$/.test(value)) return undefined;
  const index = Number(value);
  return index < length ? index : undefined;
};

/** The learner's answers read from the fields; a missing or out-of-range value is no answer. */
export function responsesFromFields(questions: readonly GiftQuestion[], fields: QuizFields): Array<QuizResponse | undefined> {
  return questions.map((question, index): QuizResponse | undefined => {
    const value = fields[fieldName(index)];
    switch (question.type) {
      case 'singleChoice': {
        const choice = indexIn(first(value), question.answers.length);
        return choice === undefined ? undefined : { type: 'singleChoice', choice };
      }
      case 'multipleChoice': {
        const choices = [...new Set(all(value).map((v) => indexIn(v, question.answers.length)))].filter((c): c is number => c !== undefined);
        return choices.length === 0 ? undefined : { type: 'multipleChoice', choices };
      }
      case 'trueFalse': {
        const text = first(value);
        return text === 'true' || text === 'false' ? { type: 'trueFalse', value: text === 'true' } : undefined;
      }
      case 'shortAnswer':
      case 'numerical': {
        const text = (first(value) ?? '').slice(0, 500);
        return text.trim() === '' ? undefined : { type: question.type, text };
      }
      case 'matching': {
        const choices = matchingChoices(question, index);
        const matches = question.pairs.map((_, pair) => {
          const chosen = indexIn(first(fields[fieldName(index, pair)]), choices.length);
          return chosen === undefined ? undefined : choices[chosen];
        });
        return matches.every((m) => m === undefined) ? undefined : { type: 'matching', matches };
      }
    }
  });
}
