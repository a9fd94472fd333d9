/**
 * Grades a learner's answers to a quiz of GIFT questions: the credit of each question (partial
 * credit from the weights, never below nothing), what was right, the feedback to show, and
 * whether the quiz is passed. Pure: no clock, no database, no logger.
 *
 * Every question is worth one mark. A choice answer gives its weight (`=` 100%, `~` 0% unless
 * written); ticked answers of a multiple-choice question add up, between 0 and 100%. A short
 * answer matches an accepted one whatever its case, its blanks around and the blanks repeated
 * inside; a number matches within its tolerance or range. When several accepted answers match,
 * the one giving most credit counts. A matching question gives its share of each pair matched.
 */
import type { GiftNumber, GiftQuestion } from './gift.ts';

/** What a learner answered to one question; a response of another type than its question's counts as no answer. */
export type QuizResponse =
  | { type: 'singleChoice'; choice: number }
  | { type: 'multipleChoice'; choices: readonly number[] }
  | { type: 'trueFalse'; value: boolean }
  | { type: 'shortAnswer'; text: string }
  | { type: 'numerical'; text: string }
  /** The right-hand text chosen for each pair, by the pair's position in the question. */
  | { type: 'matching'; matches: ReadonlyArray<string | undefined> };

/** What the learner did with one answer of a choice question, and whether it is a right one. */
export interface GradedChoice {
  text: string;
  isChosen: boolean;
  /** The share of the question's mark this answer gives when chosen (−1 to 1). */
  credit: number;
  isRight: boolean;
  /** The answer's feedback, when the learner chose it. */
  feedback?: string;
}

/** What was right in a question, and what the learner gave, per type. */
export type QuestionDetail =
  | { type: 'singleChoice' | 'multipleChoice'; answers: GradedChoice[] }
  | { type: 'trueFalse'; given?: boolean; rightAnswer: boolean }
  | { type: 'shortAnswer'; given?: string; matchedAnswer?: number; rightAnswers: string[] }
  | { type: 'numerical'; given?: number; matchedAnswer?: number; rightAnswers: GiftNumber[] }
  | { type: 'matching'; pairs: Array<{ left: string; right: string; given?: string; isRight: boolean }> };

/** The grade of one question. */
export interface QuestionGrade {
  /** The question's position in the quiz, from 0. */
  index: number;
  isAnswered: boolean;
  /** The share of the question's mark earned, from 0 to 1. */
  credit: number;
  isRight: boolean;
  isPartlyRight: boolean;
  /** The feedback of the answers the learner gave, in the question's order. */
  feedback: string[];
  generalFeedback?: string;
  detail: QuestionDetail;
}

/** The grade of a whole attempt. */
export interface QuizGrade {
  questions: QuestionGrade[];
  /** The marks earned, one per question at most. */
  score: number;
  maxScore: number;
  /** The score as a percent of the most it could be, to two decimals. */
  percent: number;
  passMark: number;
  isPassed: boolean;
}

/** Credits are kept to five decimals, so that Moodle's three thirds (33.33333%) make a whole. */
const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;
const clampCredit = (value: number): number => round(Math.min(1, Math.max(0, value)), 5);

/** The weight of a choice answer as a share of the mark: `=` is all of it, `~` none, unless written. */
function choiceCredit(answer: { mark: '=' | '~'; weight?: number }): number {
  return (answer.weight ?? (answer.mark === '=' ? 100 : 0)) / 100;
}

const acceptedCredit = (answer: { weight?: number }): number => (answer.weight ?? 100) / 100;

/** A short answer as compared: trimmed, blanks inside made one space, case folded. */
export function normaliseShortAnswer(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

const ARABIC_INDIC_ZERO = 0x0660;
const MAX_NUMBER_CHARS = 64;
/** Longer than any accepted short answer: such a text is compared no further than its length. */
const MAX_SHORT_ANSWER_CHARS = 1000;
const EXTENDED_ARABIC_INDIC_ZERO = 0x06f0;

/**
 * A number as a learner types it in any of the platform's languages, or undefined: Arabic-Indic,
 * Persian and full-width digits, the Arabic decimal separator, a decimal comma when there is no
 * point, spaces between groups of digits, and the minus sign (U+2212).
 */
export function readLearnerNumber(text: string): number | undefined {
  // No number a person types is this long: a longer text costs nothing to refuse.
  if (text.length > MAX_NUMBER_CHARS) return undefined;
  let written = '';
  for (const c of text.normalize('NFKC')) {
    const code = c.codePointAt(0) ?? 0;
    if (code >= ARABIC_INDIC_ZERO && code <= ARABIC_INDIC_ZERO + 9) written += String(code - ARABIC_INDIC_ZERO);
    else if (code >= EXTENDED_ARABIC_INDIC_ZERO && code <= EXTENDED_ARABIC_INDIC_ZERO + 9) written += String(code - EXTENDED_ARABIC_INDIC_ZERO);
    else if (c === '\u066b') written += '.';
    else if (c === '\u2212') written += '-';
    else if (!/[\s\u066c]/u.test(c)) written += c;
  }
  if (!written.includes('.') && (written.match(/,/g) ?? []).length === 1) written = written.replace(',', '.');
  if (written.length > MAX_NUMBER_CHARS || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(written)) return undefined;
  const value = Number(written);
  return Number.isFinite(value) ? value : undefined;
}

/** Whether a number lies within an accepted answer, allowing for the error of binary fractions. */
function numberMatches(given: number, number: GiftNumber): boolean {
  if (number.kind === 'range') {
    const slack = 1e-9 * Math.max(1, Math.abs(number.min), Math.abs(number.max));
    return given >= number.min - slack && given <= number.max + slack;
  }
  const slack = 1e-9 * Math.max(1, Math.abs(number.value));
  return Math.abs(given - number.value) <= (number.tolerance ?? 0) + slack;
}

/** The accepted answer giving most credit among those that match, the first of equals. */
function bestMatch<A extends { weight?: number }>(answers: readonly A[], matches: (answer: A) => boolean): number | undefined {
  let best: number | undefined;
  answers.forEach((answer, index) => {
    const bestAnswer = best === undefined ? undefined : answers[best];
    if (matches(answer) && (bestAnswer === undefined || acceptedCredit(answer) > acceptedCredit(bestAnswer))) best = index;
  });
  return best;
}

/** The accepted answers that give the most credit: what a learner is told was right. */
function bestAnswers<A extends { weight?: number }>(answers: readonly A[]): A[] {
  const top = Math.max(...answers.map(acceptedCredit));
  return answers.filter((answer) => acceptedCredit(answer) === top);
}

interface Graded {
  isAnswered: boolean;
  credit: number;
  feedback: string[];
  detail: QuestionDetail;
}

const feedbackOf = (answers: ReadonlyArray<{ feedback?: string } | undefined>): string[] =>
  answers.flatMap((answer) => (answer?.feedback === undefined || answer.feedback === '' ? [] : [answer.feedback]));

function gradeQuestion(question: GiftQuestion, response: QuizResponse | undefined): Graded {
  const given = response?.type === question.type ? response : undefined;
  switch (question.type) {
    case 'singleChoice':
    case 'multipleChoice': {
      const count = question.answers.length;
      const isValid = (index: number) => Number.isInteger(index) && index >= 0 && index < count;
      const chosen = new Set(
        given?.type === 'singleChoice' ? [given.choice].filter(isValid) : given?.type === 'multipleChoice' ? given.choices.filter(isValid) : [],
      );
      // A single-choice question takes one answer: several are no answer, not the best of them.
      if (question.type === 'singleChoice' && chosen.size > 1) chosen.clear();
      const answers = question.answers.map((answer, index) => ({
        text: answer.text,
        isChosen: chosen.has(index),
        credit: choiceCredit(answer),
        isRight: choiceCredit(answer) > 0,
        ...(chosen.has(index) && answer.feedback !== undefined && answer.feedback !== '' ? { feedback: answer.feedback } : {}),
      }));
      const total = answers.reduce((sum, answer) => sum + (answer.isChosen ? answer.credit : 0), 0);
      return {
        isAnswered: chosen.size > 0,
        credit: clampCredit(total),
        feedback: feedbackOf(question.answers.filter((_, index) => chosen.has(index))),
        detail: { type: question.type, answers },
      };
    }
    case 'trueFalse': {
      const value = given?.type === 'trueFalse' ? given.value : undefined;
      const isRight = value === question.answer;
      const feedback = value === undefined ? undefined : isRight ? question.rightFeedback : question.wrongFeedback;
      return {
        isAnswered: value !== undefined,
        credit: isRight ? 1 : 0,
        feedback: feedbackOf([{ ...(feedback === undefined ? {} : { feedback }) }]),
        detail: { type: 'trueFalse', ...(value === undefined ? {} : { given: value }), rightAnswer: question.answer },
      };
    }
    case 'shortAnswer': {
      const text = given?.type === 'shortAnswer' ? normaliseShortAnswer(given.text.slice(0, MAX_SHORT_ANSWER_CHARS + 1)) : '';
      const matched = text === '' ? undefined : bestMatch(question.answers, (answer) => normaliseShortAnswer(answer.text) === text);
      const answer = matched === undefined ? undefined : question.answers[matched];
      return {
        isAnswered: text !== '',
        credit: answer === undefined ? 0 : clampCredit(acceptedCredit(answer)),
        feedback: feedbackOf([answer]),
        detail: {
          type: 'shortAnswer',
          ...(given?.type === 'shortAnswer' && text !== '' ? { given: given.text.slice(0, MAX_SHORT_ANSWER_CHARS).trim() } : {}),
          ...(matched === undefined ? {} : { matchedAnswer: matched }),
          rightAnswers: bestAnswers(question.answers).map((a) => a.text),
        },
      };
    }
    case 'numerical': {
      const value = given?.type === 'numerical' ? readLearnerNumber(given.text) : undefined;
      const matched = value === undefined ? undefined : bestMatch(question.answers, (answer) => numberMatches(value, answer.number));
      const answer = matched === undefined ? undefined : question.answers[matched];
      return {
        isAnswered: value !== undefined,
        credit: answer === undefined ? 0 : clampCredit(acceptedCredit(answer)),
        feedback: value !== undefined && answer === undefined && question.wrongFeedback !== undefined ? [question.wrongFeedback] : feedbackOf([answer]),
        detail: {
          type: 'numerical',
          ...(value === undefined ? {} : { given: value }),
          ...(matched === undefined ? {} : { matchedAnswer: matched }),
          rightAnswers: bestAnswers(question.answers).map((a) => a.number),
        },
      };
    }
    case 'matching': {
      const matches = given?.type === 'matching' ? given.matches : [];
      const pairs = question.pairs.flatMap((pair, index) => {
        if (pair.left === '') return [];
        const chosen = matches[index];
        return [{ left: pair.left, right: pair.right, ...(chosen === undefined || chosen === '' ? {} : { given: chosen }), isRight: chosen === pair.right }];
      });
      const right = pairs.filter((pair) => pair.isRight).length;
      return {
        isAnswered: pairs.some((pair) => pair.given !== undefined),
        credit: pairs.length === 0 ? 0 : clampCredit(right / pairs.length),
        feedback: [],
        detail: { type: 'matching', pairs },
      };
    }
  }
}

/**
 * Grades an attempt: `responses[i]` answers `questions[i]` (missing or of another type: no
 * answer); `passMark` is the percent needed to pass, from 0 to 100.
 *
 * @example
 * gradeQuiz(parseGift("Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}").questions, [{ type: 'singleChoice', choice: 2 }], 80)
 * // { score: 1, maxScore: 1, percent: 100, isPassed: true, questions: [...] }
 */
export function gradeQuiz(questions: readonly GiftQuestion[], responses: ReadonlyArray<QuizResponse | undefined>, passMark: number): QuizGrade {
  if (!Number.isFinite(passMark) || passMark < 0 || passMark > 100) throw new RangeError(`A pass mark is a percent from 0 to 100, not ${passMark}.`);
  const graded = questions.map((question, index): QuestionGrade => {
    const { isAnswered, credit, feedback, detail } = gradeQuestion(question, responses[index]);
    return {
      index,
      isAnswered,
      credit,
      isRight: credit === 1,
      isPartlyRight: credit > 0 && credit < 1,
      feedback,
      ...(question.generalFeedback === undefined ? {} : { generalFeedback: question.generalFeedback }),
      detail,
    };
  });
  const score = round(
    graded.reduce((sum, grade) => sum + grade.credit, 0),
    5,
  );
  const maxScore = questions.length;
  const exact = maxScore === 0 ? 0 : (score / maxScore) * 100;
  return { questions: graded, score, maxScore, percent: round(exact, 2), passMark, isPassed: maxScore > 0 && round(exact, 5) >= passMark };
}
