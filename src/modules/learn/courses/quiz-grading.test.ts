import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGift, type GiftQuestion } from './gift.ts';
import { gradeQuiz, normaliseShortAnswer, readLearnerNumber, type QuizResponse } from './quiz-grading.ts';

/** The questions of a GIFT text that must read without a problem. */
function quiz(text: string): GiftQuestion[] {
  const read = parseGift(text);
  assert.deepEqual(read.problems, []);
  return read.questions;
}

/** The credit and feedback of the one question of `text` for `response`. */
function gradeOne(text: string, response: QuizResponse | undefined): { credit: number; feedback: string[]; isAnswered: boolean } {
  const [grade] = gradeQuiz(quiz(text), [response], 50).questions;
  assert.ok(grade);
  return { credit: grade.credit, feedback: grade.feedback, isAnswered: grade.isAnswered };
}

const GRANT = "Who's buried in Grant's tomb?{~Grant#He is, but not alone. ~Jefferson#No. =no one#Right: he is entombed. ####Entombed, not buried.}";

test('single choice: the chosen answer gives its credit and its feedback, with the general feedback and the right answer', () => {
  const result = gradeQuiz(quiz(GRANT), [{ type: 'singleChoice', choice: 2 }], 100);
  assert.deepEqual(result, {
    questions: [
      {
        index: 0,
        isAnswered: true,
        credit: 1,
        isRight: true,
        isPartlyRight: false,
        feedback: ['Right: he is entombed.'],
        generalFeedback: 'Entombed, not buried.',
        detail: {
          type: 'singleChoice',
          answers: [
            { text: 'Grant', isChosen: false, credit: 0, isRight: false },
            { text: 'Jefferson', isChosen: false, credit: 0, isRight: false },
            { text: 'no one', isChosen: true, credit: 1, isRight: true, feedback: 'Right: he is entombed.' },
          ],
        },
      },
    ],
    score: 1,
    maxScore: 1,
    percent: 100,
    passMark: 100,
    isPassed: true,
  });
  assert.deepEqual(gradeOne(GRANT, { type: 'singleChoice', choice: 0 }), { credit: 0, feedback: ['He is, but not alone.'], isAnswered: true });
  assert.deepEqual(gradeOne('Best?{=a ~%50%b ~%-50%c}', { type: 'singleChoice', choice: 1 }), { credit: 0.5, feedback: [], isAnswered: true });
  // A negative weight takes nothing below zero, and an index out of the list is no answer.
  assert.deepEqual(gradeOne('Best?{=a ~%50%b ~%-50%c#Never.}', { type: 'singleChoice', choice: 2 }), { credit: 0, feedback: ['Never.'], isAnswered: true });
  assert.deepEqual(gradeOne(GRANT, { type: 'singleChoice', choice: 7 }), { credit: 0, feedback: [], isAnswered: false });
  assert.deepEqual(gradeOne(GRANT, { type: 'multipleChoice', choices: [2] }), { credit: 0, feedback: [], isAnswered: false });
  assert.deepEqual(gradeOne(GRANT, undefined), { credit: 0, feedback: [], isAnswered: false });
});

test('multiple choice: ticked weights add up, negative marks floored at 0, thirds make a whole', () => {
  const text = "What two people are entombed in Grant's tomb?{~%-100%No one#No. ~%50%Grant#Yes. ~%50%Grant's wife#Yes. ~%-100%Grant's father#No.}";
  assert.deepEqual(gradeOne(text, { type: 'multipleChoice', choices: [1, 2] }), { credit: 1, feedback: ['Yes.', 'Yes.'], isAnswered: true });
  assert.deepEqual(gradeOne(text, { type: 'multipleChoice', choices: [1] }), { credit: 0.5, feedback: ['Yes.'], isAnswered: true });
  assert.deepEqual(gradeOne(text, { type: 'multipleChoice', choices: [1, 3] }), { credit: 0, feedback: ['Yes.', 'No.'], isAnswered: true });
  // Ticking everything is no way round the negative marks, and ticking one twice counts once.
  assert.equal(gradeOne(text, { type: 'multipleChoice', choices: [0, 1, 2, 3] }).credit, 0);
  assert.equal(gradeOne(text, { type: 'multipleChoice', choices: [1, 1, 1] }).credit, 0.5);
  const thirds = 'Which are fruit?{~%33.33333%apple ~%33.33333%pear ~%33.33333%plum ~%-100%leek}';
  assert.equal(gradeOne(thirds, { type: 'multipleChoice', choices: [0, 1, 2] }).credit, 1);
  assert.equal(gradeOne(thirds, { type: 'multipleChoice', choices: [0] }).credit, 0.33333);
});

test('true/false: the right feedback for a right answer, the wrong one otherwise', () => {
  const text = 'Kansas City is in Kansas.{FALSE#No, it is in Missouri.#Right, Missouri.}';
  assert.deepEqual(gradeOne(text, { type: 'trueFalse', value: false }), { credit: 1, feedback: ['Right, Missouri.'], isAnswered: true });
  assert.deepEqual(gradeOne(text, { type: 'trueFalse', value: true }), { credit: 0, feedback: ['No, it is in Missouri.'], isAnswered: true });
  const [grade] = gradeQuiz(quiz(text), [{ type: 'trueFalse', value: true }], 50).questions;
  assert.deepEqual(grade?.detail, { type: 'trueFalse', given: true, rightAnswer: false });
});

test('short answer: case-insensitive after trimming, the best weight of those that match, the right answers named', () => {
  const text = 'What is two plus two?{=four#Right! =%50%quatre#In French, but yes. =4}';
  assert.deepEqual(gradeOne(text, { type: 'shortAnswer', text: '  FOUR ' }), { credit: 1, feedback: ['Right!'], isAnswered: true });
  assert.deepEqual(gradeOne(text, { type: 'shortAnswer', text: 'Quatre' }), { credit: 0.5, feedback: ['In French, but yes.'], isAnswered: true });
  assert.deepEqual(gradeOne(text, { type: 'shortAnswer', text: 'five' }), { credit: 0, feedback: [], isAnswered: true });
  assert.deepEqual(gradeOne(text, { type: 'shortAnswer', text: '   ' }), { credit: 0, feedback: [], isAnswered: false });
  const [grade] = gradeQuiz(quiz(text), [{ type: 'shortAnswer', text: ' Quatre ' }], 50).questions;
  assert.deepEqual(grade?.detail, { type: 'shortAnswer', given: 'Quatre', matchedAnswer: 1, rightAnswers: ['four', '4'] });
  assert.equal(normaliseShortAnswer(' Mobile\u00a0  MONEY\t'), 'mobile money');
  assert.equal(gradeOne('Capital of Russia?{=Москва}', { type: 'shortAnswer', text: 'МОСКВА' }).credit, 1);
  // A text of megabytes is refused at once, without matching the accepted answer it starts with.
  const started = performance.now();
  const huge = gradeOne('Capital of Russia?{=Москва}', { type: 'shortAnswer', text: `Москва${' x'.repeat(2_000_000)}` });
  assert.deepEqual(huge, { credit: 0, feedback: [], isAnswered: true });
  assert.equal(gradeOne('Pi?{#3.14:0.01}', { type: 'numerical', text: `3.14${' '.repeat(1_000_000)}` }).credit, 0);
  assert.ok(performance.now() - started < 500);
  // Each accepted answer is compared whole: the best of several matches counts, not the first.
  assert.equal(gradeOne('Code?{=%50%abc =abc}', { type: 'shortAnswer', text: 'ABC' }).credit, 1);
});

test('numerical: tolerance and ranges with binary fractions, partial credit, and numbers as typed in each language', () => {
  const grant = 'When was Grant born?{#=1822:0#Correct! =%50%1822:2#Close.}';
  assert.deepEqual(gradeOne(grant, { type: 'numerical', text: '1822' }), { credit: 1, feedback: ['Correct!'], isAnswered: true });
  assert.deepEqual(gradeOne(grant, { type: 'numerical', text: '1824' }), { credit: 0.5, feedback: ['Close.'], isAnswered: true });
  assert.deepEqual(gradeOne(grant, { type: 'numerical', text: '1825' }), { credit: 0, feedback: [], isAnswered: true });
  assert.deepEqual(gradeOne(grant, { type: 'numerical', text: 'eighteen' }), { credit: 0, feedback: [], isAnswered: false });
  const leap = 'Days in a leap year?{#366#Yes. ~#Count the 29th of February.}';
  assert.deepEqual(gradeOne(leap, { type: 'numerical', text: '365' }), { credit: 0, feedback: ['Count the 29th of February.'], isAnswered: true });
  assert.deepEqual(gradeOne(leap, { type: 'numerical', text: '366' }), { credit: 1, feedback: ['Yes.'], isAnswered: true });
  assert.deepEqual(gradeOne(leap, { type: 'numerical', text: '' }), { credit: 0, feedback: [], isAnswered: false });
  const pi = 'Pi to two decimals?{#3.14:0.01}';
  for (const typed of ['3.15', '3.13', '3,14', ' 3.14 ', '٣٫١٤', '３.１４']) assert.equal(gradeOne(pi, { type: 'numerical', text: typed }).credit, 1, typed);
  assert.equal(gradeOne(pi, { type: 'numerical', text: '3.16' }).credit, 0);
  const range = 'A number from 1 to 5?{#1..5}';
  for (const [typed, credit] of [
    ['1', 1],
    ['5', 1],
    ['4.999', 1],
    ['5.001', 0],
    ['0', 0],
  ] as const) {
    assert.equal(gradeOne(range, { type: 'numerical', text: typed }).credit, credit, typed);
  }
  assert.equal(readLearnerNumber('1 000,5'), 1000.5);
  assert.equal(readLearnerNumber('\u2212۲'), -2);
  assert.equal(readLearnerNumber('1e3'), 1000);
  for (const refused of ['', '1,000.5.2', '1,2,3', 'Infinity', 'NaN', '0x10', '1e999', '9'.repeat(100)])
    assert.equal(readLearnerNumber(refused), undefined, refused);
});

test('matching: a share of the mark per pair, the extra right-hand choice never counted', () => {
  const text = 'Which animal eats which food?{=cat -> cat food =dog -> dog food =cow -> grass = -> bird seed}';
  const [grade] = gradeQuiz(quiz(text), [{ type: 'matching', matches: ['cat food', 'grass', 'grass', 'bird seed'] }], 50).questions;
  assert.equal(grade?.credit, 0.66667);
  assert.equal(grade?.isPartlyRight, true);
  assert.deepEqual(grade?.detail, {
    type: 'matching',
    pairs: [
      { left: 'cat', right: 'cat food', given: 'cat food', isRight: true },
      { left: 'dog', right: 'dog food', given: 'grass', isRight: false },
      { left: 'cow', right: 'grass', given: 'grass', isRight: true },
    ],
  });
  assert.deepEqual(gradeOne(text, { type: 'matching', matches: ['cat food', 'dog food', 'grass'] }), { credit: 1, feedback: [], isAnswered: true });
  assert.deepEqual(gradeOne(text, { type: 'matching', matches: [] }), { credit: 0, feedback: [], isAnswered: false });
});

test('a quiz is passed at its pass mark: the score is the sum of the questions, each worth one', () => {
  const questions = quiz(
    [GRANT, 'Two plus two?{=four}', 'Pi?{#3.14:0.01}', "What two people are entombed in Grant's tomb?{~%50%Grant ~%50%Grant's wife ~%-100%no one}"].join(
      '\n\n',
    ),
  );
  const responses: QuizResponse[] = [
    { type: 'singleChoice', choice: 2 },
    { type: 'shortAnswer', text: 'Four' },
    { type: 'numerical', text: '3' },
    { type: 'multipleChoice', choices: [0] },
  ];
  const passed = gradeQuiz(questions, responses, 62.5);
  assert.deepEqual(
    { score: passed.score, maxScore: passed.maxScore, percent: passed.percent, isPassed: passed.isPassed },
    { score: 2.5, maxScore: 4, percent: 62.5, isPassed: true },
  );
  assert.deepEqual(
    passed.questions.map((q) => [q.isRight, q.isPartlyRight]),
    [
      [true, false],
      [true, false],
      [false, false],
      [false, true],
    ],
  );
  assert.equal(gradeQuiz(questions, responses, 63).isPassed, false);
  assert.equal(gradeQuiz(questions, [], 0).isPassed, true);
  assert.equal(gradeQuiz([], [], 0).isPassed, false);
  for (const passMark of [-1, 101, Number.NaN]) assert.throws(() => gradeQuiz(questions, responses, passMark), RangeError);
});
