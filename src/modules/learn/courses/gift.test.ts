import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../../../platform/seeded-random.ts';
import { escapeGift, parseGift, serialiseGift, serialiseGiftQuestion, unescapeGift, type GiftQuestion } from './gift.ts';

/** The one question of a text, failing when the text holds problems or another number of questions. */
function onlyQuestion(text: string): GiftQuestion {
  const read = parseGift(text);
  assert.deepEqual(read.problems, []);
  assert.equal(read.questions.length, 1);
  const [question] = read.questions;
  assert.ok(question);
  return question;
}

test("reads the issue's vector as one right answer of three and writes it back identically", () => {
  const vector = "Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}";
  const question = onlyQuestion(vector);
  assert.deepEqual(question, {
    type: 'singleChoice',
    text: "Who's buried in Grant's tomb?",
    textAfter: '',
    answers: [
      { mark: '~', text: 'Grant' },
      { mark: '~', text: 'Jefferson' },
      { mark: '=', text: 'no one' },
    ],
  });
  assert.equal(serialiseGiftQuestion(question), vector);
  assert.equal(serialiseGift(parseGift(vector).questions), `${vector}\n`);
});

test("reads Moodle's documented single-choice example with feedback for each answer", () => {
  const question = onlyQuestion(
    "// multiple choice with specified feedback for right and wrong answers\n::Q2:: What's between orange and green in the spectrum? \n{ =yellow # right; good! ~red # wrong, it's yellow ~blue # wrong, it's yellow }",
  );
  assert.deepEqual(question, {
    type: 'singleChoice',
    title: 'Q2',
    text: "What's between orange and green in the spectrum?",
    textAfter: '',
    answers: [
      { mark: '=', text: 'yellow', feedback: 'right; good!' },
      { mark: '~', text: 'red', feedback: "wrong, it's yellow" },
      { mark: '~', text: 'blue', feedback: "wrong, it's yellow" },
    ],
  });
});

test("reads Moodle's missing-word example: text on both sides of the block", () => {
  const text = "Mahatma Gandhi's birthday is an Indian holiday on {~15th ~3rd =2nd} of October.";
  const question = onlyQuestion(text);
  assert.equal(question.text, "Mahatma Gandhi's birthday is an Indian holiday on");
  assert.equal(question.textAfter, 'of October.');
  assert.equal(question.type, 'singleChoice');
  assert.equal(serialiseGiftQuestion(question), text);
});

test("reads Moodle's multiple-choice example with weights, negative ones included", () => {
  const question = onlyQuestion(
    "What two people are entombed in Grant's tomb? {\n   ~%-100%No one\n   ~%50%Grant\n   ~%50%Grant's wife\n   ~%-100%Grant's father\n}",
  );
  assert.deepEqual(question, {
    type: 'multipleChoice',
    text: "What two people are entombed in Grant's tomb?",
    textAfter: '',
    answers: [
      { mark: '~', weight: -100, text: 'No one' },
      { mark: '~', weight: 50, text: 'Grant' },
      { mark: '~', weight: 50, text: "Grant's wife" },
      { mark: '~', weight: -100, text: "Grant's father" },
    ],
  });
  assert.equal(
    serialiseGiftQuestion(question),
    "What two people are entombed in Grant's tomb?{~%-100%No one ~%50%Grant ~%50%Grant's wife ~%-100%Grant's father}",
  );
});

test('reads true/false in both spellings, with the feedback for a wrong answer first and for a right one second', () => {
  assert.deepEqual(onlyQuestion('// true/false\n::Q1:: 1+1=2 {T}'), {
    type: 'trueFalse',
    title: 'Q1',
    text: '1+1=2',
    textAfter: '',
    answer: true,
    isLongForm: false,
  });
  assert.deepEqual(onlyQuestion('Grant was buried in a tomb in New York City.{FALSE#No, he was buried in New York.#Right.}'), {
    type: 'trueFalse',
    text: 'Grant was buried in a tomb in New York City.',
    textAfter: '',
    answer: false,
    isLongForm: true,
    wrongFeedback: 'No, he was buried in New York.',
    rightFeedback: 'Right.',
  });
  for (const canonical of [
    'The sun rises in the east.{T}',
    'The sun rises in the west.{FALSE#fb1#fb2}',
    'Kansas City is in Kansas.{F#No, it is in Missouri.}',
    'Paris is in France.{TRUE ####Since 508.}',
  ]) {
    assert.equal(serialiseGift(parseGift(canonical).questions), `${canonical}\n`, canonical);
  }
});

test("reads Moodle's short-answer examples: several right answers and weights", () => {
  assert.deepEqual(onlyQuestion("Who's buried in Grant's tomb?{=no one =nobody}"), {
    type: 'shortAnswer',
    text: "Who's buried in Grant's tomb?",
    textAfter: '',
    answers: [{ text: 'no one' }, { text: 'nobody' }],
  });
  const fill = onlyQuestion('// fill-in-the-blank\n::Q3:: Two plus {=two =2} equals four.');
  assert.equal(fill.type, 'shortAnswer');
  assert.equal(fill.textAfter, 'equals four.');
  const weighted = 'What is two plus two?{=four#Right! =%50%quatre#In French, but yes.}';
  assert.deepEqual(onlyQuestion(weighted), {
    type: 'shortAnswer',
    text: 'What is two plus two?',
    textAfter: '',
    answers: [
      { text: 'four', feedback: 'Right!' },
      { weight: 50, text: 'quatre', feedback: 'In French, but yes.' },
    ],
  });
  assert.equal(serialiseGift(parseGift(weighted).questions), `${weighted}\n`);
});

test("reads Moodle's numerical examples: tolerance, range and several answers with weights", () => {
  assert.deepEqual(onlyQuestion('When was Ulysses S. Grant born?{#1822:5}'), {
    type: 'numerical',
    text: 'When was Ulysses S. Grant born?',
    textAfter: '',
    answers: [{ number: { kind: 'value', value: 1822, tolerance: 5 } }],
  });
  assert.deepEqual(onlyQuestion('::Q6:: What is a number from 1 to 5? {#1..5}'), {
    type: 'numerical',
    title: 'Q6',
    text: 'What is a number from 1 to 5?',
    textAfter: '',
    answers: [{ number: { kind: 'range', min: 1, max: 5 } }],
  });
  const several = onlyQuestion(
    '::Q7:: When was Ulysses S. Grant born? {#\n         =1822:0      # Correct! Full credit.\n         =%50%1822:2  # He was born in 1822. Half credit for being close.\n}',
  );
  assert.deepEqual(several.type === 'numerical' && several.answers, [
    { number: { kind: 'value', value: 1822, tolerance: 0 }, feedback: 'Correct! Full credit.' },
    { weight: 50, number: { kind: 'value', value: 1822, tolerance: 2 }, feedback: 'He was born in 1822. Half credit for being close.' },
  ]);
  assert.deepEqual(onlyQuestion('Leap year?{#\n  =366 # Yes.\n  ~ # Count the 29th of February.\n}'), {
    type: 'numerical',
    text: 'Leap year?',
    textAfter: '',
    answers: [{ number: { kind: 'value', value: 366 }, feedback: 'Yes.' }],
    wrongFeedback: 'Count the 29th of February.',
  });
  for (const canonical of [
    'What is pi to two decimals?{#3.14:0.01}',
    'What is pi to three decimals?{#3.141..3.142}',
    'When was Grant born?{#=1822:0#Correct! =%50%1822:2#Close.}',
    'How much is 0.5 minus 2?{#-1.5#Yes.}',
    'How many days in a leap year?{#366#Yes. ~#Count the 29th of February.}',
    'When was Grant born?{#=1822:0 =%50%1822:2 ~#No\\: 1822. ####Ulysses S. Grant.}',
  ]) {
    assert.equal(serialiseGift(parseGift(canonical).questions), `${canonical}\n`, canonical);
  }
});

test("reads Moodle's matching examples, with general feedback and an extra choice on the right", () => {
  const question = onlyQuestion(
    "Match the following countries with their corresponding capitals. {\n    =Canada -> Ottawa\n    =Italy  -> Rome\n    =Japan  -> Tokyo\n    =India  -> New Delhi\n    ####It's good to know the capitals\n    }",
  );
  assert.deepEqual(question, {
    type: 'matching',
    text: 'Match the following countries with their corresponding capitals.',
    textAfter: '',
    generalFeedback: "It's good to know the capitals",
    pairs: [
      { left: 'Canada', right: 'Ottawa' },
      { left: 'Italy', right: 'Rome' },
      { left: 'Japan', right: 'Tokyo' },
      { left: 'India', right: 'New Delhi' },
    ],
  });
  const canonical = '::Q4::Which animal eats which food?{=cat -> cat food =dog -> dog food = -> bird seed ####Cats are carnivores.}';
  assert.equal(serialiseGift(parseGift(canonical).questions), `${canonical}\n`);
});

test('reads escapes and the text format, and writes every special character escaped', () => {
  const question = onlyQuestion(
    '::GIFT Control Characters:: Which of the following is NOT a control character for the GIFT import format? {\n~ \\~ # \\~ is a control character.\n~ \\= # \\= is a control character.\n~ \\# # \\# is a control character.\n~ \\{ # \\{ is a control character.\n~ \\} # \\} is a control character.\n= \\ # Correct! \\ (backslash) is not a control character. BUT, it is used to escape the control characters.\n}',
  );
  assert.equal(question.type, 'singleChoice');
  assert.deepEqual(question.type === 'singleChoice' && question.answers.map((answer) => [answer.text, answer.feedback]), [
    ['~', '~ is a control character.'],
    ['=', '= is a control character.'],
    ['#', '# is a control character.'],
    ['{', '{ is a control character.'],
    ['}', '} is a control character.'],
    ['\\', 'Correct! \\ (backslash) is not a control character. BUT, it is used to escape the control characters.'],
  ]);
  const markdown = onlyQuestion('::Ratio\\: 1\\:2::[markdown]What is **1\\:2** as a fraction?\\nPick one.{=½ ~2}');
  assert.equal(markdown.title, 'Ratio: 1:2');
  assert.equal(markdown.format, 'markdown');
  assert.equal(markdown.text, 'What is **1:2** as a fraction?\nPick one.');
  assert.equal(serialiseGiftQuestion(markdown), '::Ratio\\: 1\\:2::[markdown]What is **1\\:2** as a fraction?\\nPick one.{=½ ~2}');
  for (const format of ['html', 'plain', 'moodle'] as const) assert.equal(onlyQuestion(`[${format}]Yes?{T}`).format, format);
  const tricky = 'a ~ b = c # d { e } f : g \\ h\ni';
  assert.equal(unescapeGift(escapeGift(tricky)), tricky);
});

test('a file of several questions, comments and categories round-trips exactly in canonical form', () => {
  const canonical = [
    '$CATEGORY: $course$/Mobile money',
    "Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}",
    '::PIN::Should you tell anyone your PIN?{F#Never\\: nobody from the operator asks for it.#Right.}',
    '$CATEGORY: $course$/Bills',
    '::Units::[html]How many megabytes in a gigabyte?{#1000:24}',
    'Which of these are signs of a SIM swap?{~%50%No signal for hours#Yes. ~%50%Texts about a new SIM you did not ask for ~%-100%A full battery#No. ####Call your operator at once.}',
  ].join('\n\n');
  const read = parseGift(`${canonical}\n`);
  assert.deepEqual(read.problems, []);
  assert.deepEqual(
    read.questions.map((q) => [q.category, q.type]),
    [
      ['$course$/Mobile money', 'singleChoice'],
      ['$course$/Mobile money', 'trueFalse'],
      ['$course$/Bills', 'numerical'],
      ['$course$/Bills', 'multipleChoice'],
    ],
  );
  assert.equal(serialiseGift(read.questions), `${canonical}\n`);
  assert.equal(serialiseGift(parseGift(serialiseGift(read.questions)).questions), serialiseGift(read.questions));
  const commented = parseGift('// a quiz\r\n\r\n// first\r\nTwo plus two?\r\n// still the first\r\n{=four}\r\n');
  assert.deepEqual(commented.problems, []);
  assert.deepEqual(
    commented.questions.map((q) => q.type),
    ['shortAnswer'],
  );
});

test('names essay and description questions as not supported, each with its line, and reads the others', () => {
  const read = parseGift('::Q8:: How are you? {}\n\nThis is only a description.\n\nFine?{T}');
  assert.deepEqual(read.problems, [
    {
      kind: 'essayNotSupported',
      line: 1,
      message: 'Line 1: essay questions (empty braces) are not supported: they cannot be marked automatically.',
      key: 'learn.gift.problem.essayNotSupported',
      values: { line: 1 },
    },
    {
      kind: 'descriptionNotSupported',
      line: 3,
      message: 'Line 3: text without answers (a description) is not supported in a quiz.',
      key: 'learn.gift.problem.descriptionNotSupported',
      values: { line: 3 },
    },
  ]);
  assert.deepEqual(
    read.questions.map((q) => q.text),
    ['Fine?'],
  );
});

test('names the line of each problem in a broken file', () => {
  const read = parseGift(
    [
      '::No end\nWhat?{=a}', // 1
      'Open {=a ~b', // 4
      'Close =a} here', // 6
      'Two {=a} blocks {=b}', // 8
      'Nested {=a {~b}}', // 10
      'Weight?{\n~%150%a\n=b}', // 12: the weight is on line 13
      'No right?{~a ~b}', // 16
      'Not a hundred?{~%50%a ~%25%b ~c}', // 18
      'Mixed?{=a -> b ~c}', // 20
      'One pair?{=a -> b}', // 22
      'Number?{#three}', // 24
      'Range?{#5..1}', // 26
      'T/F?{T#a#b#c}', // 28
      '{=a}', // 30
      'Text first?{x =a}', // 32
      'Empty?{= ~b}', // 34
      'Feedback in a pair?{=a -> b#c =d -> e}', // 36
      'Wrong number?{#=1 ~2}', // 38
      'One choice?{~a}', // 40
    ].join('\n\n'),
  );
  assert.deepEqual(read.questions, []);
  assert.deepEqual(
    read.problems.map((p) => [p.kind, p.line]),
    [
      ['titleNotClosed', 1],
      ['blockNotClosed', 4],
      ['braceNotOpened', 6],
      ['secondBlock', 8],
      ['nestedBrace', 10],
      ['badWeight', 13],
      ['noRightAnswer', 16],
      ['weightsNotHundred', 18],
      ['mixedMatching', 20],
      ['tooFewPairs', 22],
      ['badNumber', 24],
      ['badRange', 26],
      ['badTrueFalse', 28],
      ['noText', 30],
      ['textBeforeFirstAnswer', 32],
      ['emptyAnswer', 34],
      ['feedbackInMatching', 36],
      ['wrongAnswerInNumerical', 38],
      ['tooFewAnswers', 40],
    ],
  );
  assert.deepEqual(read.problems[5]?.values, { weight: '150', line: 13 });
  assert.equal(read.problems[5]?.message, 'Line 13: the weight “150” is not a percentage from -100 to 100.');
  assert.deepEqual(read.problems[7]?.values, { total: 75, line: 18 });
  assert.equal(read.problems[7]?.message, 'Line 18: the weights of the right answers add up to 75%, not 100%.');
  assert.equal(read.problems[11]?.message, 'Line 26: the range starts at 5, after its end at 1.');
  assert.deepEqual(parseGift(`Long?{#${'9'.repeat(50)}x}`).problems[0]?.values, { number: `${'9'.repeat(40)}…`, line: 1 });
});

test('stops at its bounds: size, questions and answers', () => {
  const long = parseGift('x'.repeat(101), { maxChars: 100 });
  assert.deepEqual(long.questions, []);
  assert.deepEqual(
    long.problems.map((p) => [p.kind, p.line, p.message]),
    [['tooLong', 1, 'The file is longer than 100 characters; it was not read.']],
  );
  const many = parseGift(Array.from({ length: 5 }, (_, i) => `Q${i}?{T}`).join('\n\n'), { maxQuestions: 3 });
  assert.equal(many.questions.length, 3);
  assert.deepEqual(
    many.problems.map((p) => [p.kind, p.line, p.values]),
    [['tooManyQuestions', 7, { max: 3, line: 7 }]],
  );
  const wide = parseGift(`Which?{=a ${'~b '.repeat(4)}}`, { maxAnswers: 4 });
  assert.deepEqual(
    wide.problems.map((p) => [p.kind, p.message]),
    [['tooManyAnswers', 'Line 1: a question holds at most 4 answers.']],
  );
  // A megabyte of braces and escapes is read in linear time, not refused with an exception.
  const started = performance.now();
  const hostile = parseGift(`${'\\{'.repeat(200_000)}{${'~a '.repeat(40)}=b}\n\n${'{'.repeat(300_000)}`);
  assert.ok(performance.now() - started < 2000);
  assert.deepEqual(
    hostile.problems.map((p) => p.kind),
    ['blockNotClosed'],
  );
  assert.equal(hostile.questions.length, 1);
});

test('text that would read as a weight, a format or a comment is written so that it reads back as text', () => {
  const question = (text: string, answers: string[]): GiftQuestion => ({
    type: 'singleChoice',
    text,
    textAfter: '',
    answers: answers.map((answer, index) => ({ mark: index === 0 ? '=' : '~', text: answer })),
  });
  const cases: Array<[GiftQuestion, string]> = [
    [question('Which is a discount?', ['%50% off', '%0 off', '% off']), 'Which is a discount?{=%100%%50% off ~%0 off ~% off}'],
    [question('[html] is a tag?', ['yes', 'no']), '[moodle][html] is a tag?{=yes ~no}'],
    [question('// is a comment?', ['yes', 'no']), '[moodle]// is a comment?{=yes ~no}'],
  ];
  for (const [written, expected] of cases) {
    const text = serialiseGiftQuestion(written);
    assert.equal(text, expected);
    const [read] = parseGift(text).questions;
    assert.equal(read?.text, written.text);
    assert.deepEqual(read?.type === 'singleChoice' && read.answers.map((a) => a.text), written.type === 'singleChoice' && written.answers.map((a) => a.text));
  }
  assert.deepEqual(
    parseGift('Bad weight?{=%abc%x ~y}').problems.map((p) => p.kind),
    ['badWeight'],
  );
});

test('any question of any type, with any characters in its texts, reads back as it was written', () => {
  const random = seededRandom(18);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const ALPHABET = ['a', 'b', 'Z', ' ', ' ', '~', '=', '#', '{', '}', ':', '\\', '\n', '%', 'é', 'م', '中', '.', '-', '>', '/', '[', ']', 'T', '1', '\t'];
  const words = (min = 1): string => {
    for (;;) {
      let text = '';
      const length = min + Math.floor(random() * 12);
      for (let i = 0; i < length; i += 1) text += pick(ALPHABET);
      text = text.trim();
      // What GIFT cannot say: "->" outside a pair, and text that starts like a weight, a format or a comment.
      if (text.length >= min && !text.includes('->') && !/^%[^%\s]*%|^\[|^\/\//.test(text)) return text;
    }
  };
  const maybe = <T>(make: () => T): T | undefined => (random() < 0.5 ? make() : undefined);
  const optional = <K extends string, T>(key: K, value: T | undefined): Partial<Record<K, T>> =>
    value === undefined ? {} : ({ [key]: value } as Record<K, T>);
  const number = (): number => Math.round((random() * 2000 - 1000) * 1000) / 1000;
  const makers: Array<() => GiftQuestion> = [
    () => ({
      type: 'singleChoice',
      text: words(),
      textAfter: '',
      answers: [
        { mark: '=', text: words() },
        {
          mark: '~',
          ...optional(
            'weight',
            maybe(() => 50),
          ),
          text: words(),
          ...optional(
            'feedback',
            maybe(() => words(0)),
          ),
        },
      ],
    }),
    () => ({
      type: 'multipleChoice',
      text: words(),
      textAfter: '',
      answers: [
        { mark: '~', weight: 50, text: words() },
        {
          mark: '~',
          weight: 50,
          text: words(),
          ...optional(
            'feedback',
            maybe(() => words()),
          ),
        },
        { mark: '~', weight: -100, text: words() },
      ],
    }),
    () => {
      const wrongFeedback = maybe(() => words(0));
      return {
        type: 'trueFalse',
        text: words(),
        textAfter: '',
        answer: random() < 0.5,
        isLongForm: random() < 0.5,
        ...optional('wrongFeedback', wrongFeedback),
        ...optional('rightFeedback', wrongFeedback === undefined ? undefined : maybe(() => words())),
      };
    },
    () => ({
      type: 'shortAnswer',
      text: words(),
      textAfter: maybe(() => words()) ?? '',
      answers: [
        { text: words() },
        {
          weight: 50,
          text: words(),
          ...optional(
            'feedback',
            maybe(() => words()),
          ),
        },
      ],
    }),
    () => ({
      type: 'numerical',
      text: words(),
      textAfter: '',
      answers: [
        { number: { kind: 'value', value: number(), tolerance: Math.abs(number()) } },
        {
          weight: 25,
          number: { kind: 'range', min: -1000.5, max: number() },
          ...optional(
            'feedback',
            maybe(() => words()),
          ),
        },
      ],
      ...optional(
        'wrongFeedback',
        maybe(() => words()),
      ),
    }),
    () => ({
      type: 'numerical',
      text: words(),
      textAfter: '',
      answers: [
        {
          number: { kind: 'value', value: number() },
          ...optional(
            'feedback',
            maybe(() => words()),
          ),
        },
      ],
    }),
    () => ({
      type: 'matching',
      text: words(),
      textAfter: '',
      pairs: [
        { left: words(), right: words() },
        { left: words(), right: words() },
        { left: '', right: words() },
      ],
    }),
  ];
  const questions = Array.from({ length: 700 }, (_, i): GiftQuestion => {
    const body = makers[i % makers.length]?.() ?? assert.fail('no maker');
    return {
      ...optional(
        'title',
        maybe(() => words()),
      ),
      ...optional(
        'format',
        maybe(() => pick(['html', 'markdown', 'plain', 'moodle'] as const)),
      ),
      ...body,
      ...optional(
        'generalFeedback',
        maybe(() => words()),
      ),
    };
  });
  const written = serialiseGift(questions);
  const read = parseGift(written, { maxQuestions: 1000 });
  assert.deepEqual(read.problems, []);
  assert.deepEqual(read.questions, questions);
  assert.equal(serialiseGift(read.questions), written);
});
