/**
 * Moodle's GIFT quiz format, read into questions and written back. Pure: no clock, no database,
 * no logger.
 *
 * A file holds questions separated by blank lines; a line starting with `//` is a comment and
 * `$CATEGORY: path` names the category of the questions after it. A question is an optional
 * `::title::`, an optional `[html]`, `[markdown]`, `[plain]` or `[moodle]` text format, its text,
 * and one answer block in braces, optionally followed by more text (a missing-word question). The
 * characters `~ = # { } :` and the backslash are written with a backslash before them in text,
 * and a line break as `\n`.
 *
 * The written form is canonical: `serialiseGift(parseGift(text))` gives `text` back exactly when
 * `text` is canonical (what this writer produces): the title right before the text, the block
 * right after the text (with a space on each side when text follows it), answers on one line
 * separated by one space, feedback right after its answer (`=yes#Right!`), general feedback last
 * (`{=a ~b ####Why}`), matching pairs as `=left -> right`, and every special character escaped.
 * Essay (`{}`) and description (no block) questions are named as not supported.
 */
import { englishMessagesOf } from '../../../platform/i18n/english-messages.ts';

/** The formats a question's text may declare; none declared means Moodle's own. */
export type GiftTextFormat = 'moodle' | 'html' | 'plain' | 'markdown';

/** What every question has, whatever its type. */
export interface GiftQuestionBase {
  /** The category (`$CATEGORY:`) the question was filed under, when the file names one. */
  category?: string;
  title?: string;
  format?: GiftTextFormat;
  /** The text before the answer block. */
  text: string;
  /** The text after the answer block (a missing-word question), or empty. */
  textAfter: string;
  /** Shown to every learner once the question is answered (`####`). */
  generalFeedback?: string;
}

/** One answer of a choice question: `=` is right, `~` wrong, unless a weight (%) says otherwise. */
export interface GiftChoiceAnswer {
  mark: '=' | '~';
  /** The percent of the question's mark this answer gives (−100 to 100), when written. */
  weight?: number;
  text: string;
  feedback?: string;
}

/** One accepted answer of a short-answer question. */
export interface GiftShortAnswer {
  weight?: number;
  text: string;
  feedback?: string;
}

/** A numerical answer: a value with an optional tolerance either side, or a closed range. */
export type GiftNumber = { kind: 'value'; value: number; tolerance?: number } | { kind: 'range'; min: number; max: number };

/** One accepted answer of a numerical question. */
export interface GiftNumericalAnswer {
  weight?: number;
  number: GiftNumber;
  feedback?: string;
}

/** A pair of a matching question; an empty `left` is an extra wrong choice on the right. */
export interface GiftMatchingPair {
  left: string;
  right: string;
}

/** A question of one of the types GIFT writes and this module grades. */
export type GiftQuestion = GiftQuestionBase &
  (
    | { type: 'singleChoice'; answers: GiftChoiceAnswer[] }
    | { type: 'multipleChoice'; answers: GiftChoiceAnswer[] }
    | { type: 'trueFalse'; answer: boolean; isLongForm: boolean; wrongFeedback?: string; rightFeedback?: string }
    | { type: 'shortAnswer'; answers: GiftShortAnswer[] }
    /** `wrongFeedback` is said to an answer that matches none of them (Moodle's `~#feedback`). */
    | { type: 'numerical'; answers: GiftNumericalAnswer[]; wrongFeedback?: string }
    | { type: 'matching'; pairs: GiftMatchingPair[] }
  );

/** Why part of a file was not read; each names the line it is on. */
export type GiftProblemKind =
  | 'tooLong'
  | 'tooManyQuestions'
  | 'tooManyAnswers'
  | 'titleNotClosed'
  | 'noText'
  | 'blockNotClosed'
  | 'braceNotOpened'
  | 'nestedBrace'
  | 'secondBlock'
  | 'descriptionNotSupported'
  | 'essayNotSupported'
  | 'textBeforeFirstAnswer'
  | 'emptyAnswer'
  | 'badWeight'
  | 'noRightAnswer'
  | 'tooFewAnswers'
  | 'weightsNotHundred'
  | 'badTrueFalse'
  | 'mixedMatching'
  | 'tooFewPairs'
  | 'feedbackInMatching'
  | 'badNumber'
  | 'badRange'
  | 'wrongAnswerInNumerical'
  | 'emptyCategory';

/**
 * A problem of a GIFT file: its kind, its line, what is wrong in English, and the message key
 * (`learn.gift.problem.<kind>` of this folder's catalogue) and values to say it in another language.
 */
export interface GiftProblem {
  kind: GiftProblemKind;
  line: number;
  message: string;
  key: string;
  values: Readonly<Record<string, string | number>>;
}

/** The catalogue beside this code: the one source of the English problems and their translations. */
const english = englishMessagesOf(new URL('./locales/', import.meta.url));

/** A problem with its message key, its values (the line always among them) and its English words. */
function giftProblem(kind: GiftProblemKind, line: number, values: Readonly<Record<string, string | number>> = {}): GiftProblem {
  const key = `learn.gift.problem.${kind}`;
  const all = { ...values, line };
  return { kind, line, message: english(key, all), key, values: all };
}

/** The questions read, in file order, and the problems of those that could not be. */
export interface GiftRead {
  questions: GiftQuestion[];
  problems: GiftProblem[];
}

/** The bounds no file may pass. */
export interface GiftLimits {
  /** The most characters of a file (default 1,000,000). */
  maxChars?: number;
  /** The most questions of a file (default 500). */
  maxQuestions?: number;
  /** The most answers or pairs of one question (default 50). */
  maxAnswers?: number;
}

/** Bounds that hold a long course's quizzes and keep a hostile file cheap. */
export const GIFT_LIMITS: Required<GiftLimits> = { maxChars: 1_000_000, maxQuestions: 500, maxAnswers: 50 };

/** Moodle's thirds and sixths (33.33333%) add up to a hair under 100. */
const WEIGHT_SLACK = 0.001;

const SPECIAL = new Set(['~', '=', '#', '{', '}', ':', '\\']);

/** A question's text as written, and where it starts in the file, to name lines. */
interface Chunk {
  text: string;
  /** The file line of each character's line: `lineStarts[i]` is the offset line `firstLine + i` starts at. */
  lineStarts: number[];
  firstLine: number;
}

class ChunkProblem extends Error {
  constructor(
    readonly kind: GiftProblemKind,
    readonly offset: number,
    readonly values: Record<string, string | number> = {},
  ) {
    super(kind);
  }
}

/** What a problem quotes of the file: enough to find it, never a whole hostile line. */
function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function lineOf(chunk: Chunk, offset: number): number {
  let index = 0;
  while (index + 1 < chunk.lineStarts.length && (chunk.lineStarts[index + 1] ?? Infinity) <= offset) index += 1;
  return chunk.firstLine + index;
}

/** The offset of the first `needle` at or after `from` that no backslash escapes, or −1. */
function findUnescaped(text: string, needle: string, from = 0): number {
  for (let i = from; i < text.length; i += 1) {
    if (text[i] === '\\') {
      i += 1;
      continue;
    }
    if (text.startsWith(needle, i)) return i;
  }
  return -1;
}

/** The text a reader sees: escapes resolved (`\n` is a line break; a backslash before any other letter stays). */
export function unescapeGift(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? '';
    const next = text[i + 1];
    if (c === '\\' && next !== undefined && (SPECIAL.has(next) || next === 'n')) {
      out += next === 'n' ? '\n' : next;
      i += 1;
    } else {
      out += c;
    }
  }
  return out;
}

/** Text written so that GIFT reads it back as it is. */
export function escapeGift(text: string): string {
  let out = '';
  for (const c of text) {
    if (c === '\n') out += '\\n';
    else if (c === '\r') continue;
    else out += SPECIAL.has(c) ? `\\${c}` : c;
  }
  return out;
}

/** Splits a file into question chunks at blank lines, leaving comment lines out but counting them. */
function chunksOf(text: string): Chunk[] {
  const lines = text.split(/\r\n|\r|\n/);
  const chunks: Chunk[] = [];
  let current: { parts: string[]; firstLine: number; lineStarts: number[]; length: number } | undefined;
  const close = () => {
    if (current) chunks.push({ text: current.parts.join('\n'), lineStarts: current.lineStarts, firstLine: current.firstLine });
    current = undefined;
  };
  lines.forEach((raw, index) => {
    const line = index === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') {
      close();
      return;
    }
    // A comment line neither ends a question nor belongs to it; its number is kept for the next lines.
    if (line.trimStart().startsWith('//')) {
      if (current) {
        current.parts.push('');
        current.lineStarts.push(current.length);
        current.length += 1;
      }
      return;
    }
    if (!current) current = { parts: [], firstLine: index + 1, lineStarts: [], length: 0 };
    current.lineStarts.push(current.length);
    current.parts.push(line);
    current.length += line.length + 1;
  });
  close();
  return chunks;
}

const FORMATS: readonly GiftTextFormat[] = ['moodle', 'html', 'plain', 'markdown'];

/** A word between two `%` at the start of an answer: its weight. */
const WEIGHT = /^%([^%\s]*)%/;

/**
 * A weight written `%50%` at the start of an answer, and the rest of the answer. A `%` that opens
 * no such word (`% off`) is text; one that does must be a percent from −100 to 100.
 */
function readWeight(raw: string, offset: number): { weight?: number; rest: string } {
  const written = WEIGHT.exec(raw);
  if (!written) return { rest: raw };
  const weight = Number(written[1]);
  if (written[1] === '' || !Number.isFinite(weight) || weight < -100 || weight > 100)
    throw new ChunkProblem('badWeight', offset, { weight: excerpt(written[1] ?? '') });
  return { weight, rest: raw.slice(written[0].length) };
}

/** The answer's own text and its feedback after the first unescaped `#`. */
function splitFeedback(raw: string): { text: string; feedback?: string } {
  const hash = findUnescaped(raw, '#');
  if (hash < 0) return { text: raw.trim() };
  return { text: raw.slice(0, hash).trim(), feedback: unescapeGift(raw.slice(hash + 1).trim()) };
}

interface RawAnswer {
  mark: '=' | '~';
  raw: string;
  offset: number;
}

/** The answers of a block, each starting at an unescaped `=` or `~`. */
function rawAnswersOf(block: string, blockOffset: number, maxAnswers: number): RawAnswer[] {
  const starts: number[] = [];
  for (let i = 0; i < block.length; i += 1) {
    if (block[i] === '\\') {
      i += 1;
      continue;
    }
    if (block[i] === '=' || block[i] === '~') starts.push(i);
  }
  const before = block.slice(0, starts[0] ?? block.length);
  if (before.trim() !== '') throw new ChunkProblem('textBeforeFirstAnswer', blockOffset);
  if (starts.length > maxAnswers) throw new ChunkProblem('tooManyAnswers', blockOffset, { max: maxAnswers });
  return starts.map((start, index) => ({
    mark: block[start] === '=' ? '=' : '~',
    raw: block.slice(start + 1, starts[index + 1] ?? block.length),
    offset: blockOffset + start,
  }));
}

function readNumber(written: string, offset: number): GiftNumber {
  const text = written.trim();
  const isNumber = (s: string) => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s.trim());
  const range = findUnescaped(text, '..');
  if (range >= 0) {
    const min = text.slice(0, range);
    const max = text.slice(range + 2);
    if (!isNumber(min) || !isNumber(max)) throw new ChunkProblem('badNumber', offset, { number: excerpt(unescapeGift(text)) });
    if (Number(min) > Number(max)) throw new ChunkProblem('badRange', offset, { min: excerpt(min.trim()), max: excerpt(max.trim()) });
    return { kind: 'range', min: Number(min), max: Number(max) };
  }
  const colon = findUnescaped(text, ':');
  const value = colon < 0 ? text : text.slice(0, colon);
  const tolerance = colon < 0 ? undefined : text.slice(colon + 1);
  if (!isNumber(value) || (tolerance !== undefined && (!isNumber(tolerance) || Number(tolerance) < 0))) {
    throw new ChunkProblem('badNumber', offset, { number: excerpt(unescapeGift(text)) });
  }
  return tolerance === undefined ? { kind: 'value', value: Number(value) } : { kind: 'value', value: Number(value), tolerance: Number(tolerance) };
}

/** What a question's answer block says: its type and answers, without the text around it. */
type QuestionBody = GiftQuestion extends infer Q ? (Q extends GiftQuestion ? Omit<Q, keyof GiftQuestionBase> : never) : never;

function readNumerical(block: string, blockOffset: number, maxAnswers: number): QuestionBody {
  let body = block.slice(1);
  const offset = blockOffset + 1;
  // Moodle's `~#feedback` closes a numerical block: what to say to any answer none of the others match.
  let wrongFeedback: string | undefined;
  const tilde = findUnescaped(body, '~');
  if (tilde >= 0) {
    const tail = body.slice(tilde + 1).trim();
    if (!tail.startsWith('#') || findUnescaped(tail, '=') >= 0 || findUnescaped(tail, '~') >= 0)
      throw new ChunkProblem('wrongAnswerInNumerical', offset + tilde);
    wrongFeedback = unescapeGift(tail.slice(1).trim());
    body = body.slice(0, tilde);
  }
  const withWrong = wrongFeedback === undefined ? {} : { wrongFeedback };
  if (body.trim() === '') throw new ChunkProblem('noRightAnswer', blockOffset);
  if (findUnescaped(body, '=') < 0) {
    const { text, feedback } = splitFeedback(body);
    return { type: 'numerical', answers: [{ number: readNumber(text, offset), ...(feedback === undefined ? {} : { feedback }) }], ...withWrong };
  }
  const answers = rawAnswersOf(body, offset, maxAnswers).map((answer): GiftNumericalAnswer => {
    const { weight, rest } = readWeight(answer.raw.trimStart(), answer.offset);
    const { text, feedback } = splitFeedback(rest);
    return { ...(weight === undefined ? {} : { weight }), number: readNumber(text, answer.offset), ...(feedback === undefined ? {} : { feedback }) };
  });
  return { type: 'numerical', answers, ...withWrong };
}

function readTrueFalse(block: string, blockOffset: number): QuestionBody | undefined {
  const match = /^(T|TRUE|F|FALSE)\s*(?=#|$)/.exec(block);
  if (!match) return undefined;
  const word = match[1] ?? '';
  const rest = block.slice(match[0].length);
  const feedbacks: string[] = [];
  let from = 0;
  while (from < rest.length) {
    const next = findUnescaped(rest, '#', from + 1);
    feedbacks.push(unescapeGift(rest.slice(from + 1, next < 0 ? rest.length : next).trim()));
    from = next < 0 ? rest.length : next;
  }
  if (feedbacks.length > 2) throw new ChunkProblem('badTrueFalse', blockOffset);
  const [wrongFeedback, rightFeedback] = feedbacks;
  return {
    type: 'trueFalse',
    answer: word.startsWith('T'),
    isLongForm: word.length > 1,
    ...(wrongFeedback === undefined ? {} : { wrongFeedback }),
    ...(rightFeedback === undefined ? {} : { rightFeedback }),
  };
}

function readAnswers(block: string, blockOffset: number, maxAnswers: number): QuestionBody {
  const raws = rawAnswersOf(block, blockOffset, maxAnswers);
  const matching = raws.filter((answer) => findUnescaped(answer.raw, '->') >= 0);
  if (matching.length > 0) {
    const odd = raws.find((answer) => answer.mark === '~' || findUnescaped(answer.raw, '->') < 0);
    if (odd) throw new ChunkProblem('mixedMatching', odd.offset);
    const pairs = raws.map((answer) => {
      if (findUnescaped(answer.raw, '#') >= 0) throw new ChunkProblem('feedbackInMatching', answer.offset);
      const arrow = findUnescaped(answer.raw, '->');
      const right = answer.raw.slice(arrow + 2).trim();
      if (right === '') throw new ChunkProblem('emptyAnswer', answer.offset);
      return { left: unescapeGift(answer.raw.slice(0, arrow).trim()), right: unescapeGift(right) };
    });
    if (pairs.filter((pair) => pair.left !== '').length < 2) throw new ChunkProblem('tooFewPairs', blockOffset);
    return { type: 'matching', pairs };
  }
  const answers = raws.map((answer): GiftChoiceAnswer => {
    const { weight, rest } = readWeight(answer.raw.trimStart(), answer.offset);
    const { text, feedback } = splitFeedback(rest);
    if (text === '') throw new ChunkProblem('emptyAnswer', answer.offset);
    return { mark: answer.mark, ...(weight === undefined ? {} : { weight }), text: unescapeGift(text), ...(feedback === undefined ? {} : { feedback }) };
  });
  const hasWrong = answers.some((answer) => answer.mark === '~');
  // Moodle refuses a choice question of one answer: there would be nothing to choose.
  if (hasWrong && answers.length < 2) throw new ChunkProblem('tooFewAnswers', blockOffset);
  const hasRight = answers.some((answer) => answer.mark === '=');
  if (!hasWrong) {
    return {
      type: 'shortAnswer',
      answers: answers.map(({ weight, text, feedback }) => ({
        ...(weight === undefined ? {} : { weight }),
        text,
        ...(feedback === undefined ? {} : { feedback }),
      })),
    };
  }
  if (hasRight) return { type: 'singleChoice', answers };
  // Moodle's rule: a choice block without `=` lets the learner tick several answers.
  const positive = answers.reduce((sum, answer) => sum + Math.max(0, answer.weight ?? 0), 0);
  if (positive === 0) throw new ChunkProblem('noRightAnswer', blockOffset);
  if (Math.abs(positive - 100) > WEIGHT_SLACK * answers.length)
    throw new ChunkProblem('weightsNotHundred', blockOffset, { total: Math.round(positive * 1000) / 1000 });
  return { type: 'multipleChoice', answers };
}

function readBlock(block: string, blockOffset: number, maxAnswers: number): { body: QuestionBody; generalFeedback?: string } {
  const general = findUnescaped(block, '####');
  const generalFeedback = general < 0 ? undefined : unescapeGift(block.slice(general + 4).trim());
  const inner = general < 0 ? block : block.slice(0, general);
  const lead = inner.length - inner.trimStart().length;
  const content = inner.trim();
  const offset = blockOffset + lead;
  if (content === '') throw new ChunkProblem('essayNotSupported', blockOffset);
  const body = content.startsWith('#')
    ? readNumerical(content, offset, maxAnswers)
    : (readTrueFalse(content, offset) ?? readAnswers(content, offset, maxAnswers));
  return { body, ...(generalFeedback === undefined ? {} : { generalFeedback }) };
}

function readQuestion(chunk: Chunk, maxAnswers: number): GiftQuestionBase & QuestionBody {
  const text = chunk.text;
  let at = 0;
  let title: string | undefined;
  if (text.startsWith('::')) {
    const end = findUnescaped(text, '::', 2);
    if (end < 0) throw new ChunkProblem('titleNotClosed', 0);
    title = unescapeGift(text.slice(2, end).trim());
    at = end + 2;
  }
  while (at < text.length && /\s/.test(text[at] ?? '')) at += 1;
  let format: GiftTextFormat | undefined;
  const declared = /^\[(\w+)\]/.exec(text.slice(at));
  if (declared && FORMATS.some((f) => f === declared[1])) {
    format = FORMATS.find((f) => f === declared[1]);
    at += declared[0].length;
  }
  const open = findUnescaped(text, '{', at);
  const close = findUnescaped(text, '}', at);
  if (open < 0) {
    if (close >= 0) throw new ChunkProblem('braceNotOpened', close);
    throw new ChunkProblem('descriptionNotSupported', at);
  }
  if (close >= 0 && close < open) throw new ChunkProblem('braceNotOpened', close);
  if (close < 0) throw new ChunkProblem('blockNotClosed', open);
  const nested = findUnescaped(text, '{', open + 1);
  if (nested >= 0 && nested < close) throw new ChunkProblem('nestedBrace', nested);
  const after = text.slice(close + 1);
  const second = Math.max(findUnescaped(after, '{'), findUnescaped(after, '}'));
  if (second >= 0) throw new ChunkProblem('secondBlock', close + 1 + second);
  const before = unescapeGift(text.slice(at, open).trim());
  if (before === '') throw new ChunkProblem('noText', at);
  const { body, generalFeedback } = readBlock(text.slice(open + 1, close), open + 1, maxAnswers);
  return {
    ...(title === undefined ? {} : { title }),
    ...(format === undefined ? {} : { format }),
    text: before,
    textAfter: unescapeGift(after.trim()),
    ...(generalFeedback === undefined ? {} : { generalFeedback }),
    ...body,
  };
}

/**
 * Reads a GIFT file into questions. A question with a problem is left out and its problem names
 * its line; the others are read all the same. Past a limit, reading stops with a problem.
 *
 * @example
 * parseGift("Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}").questions[0]
 * // { type: 'singleChoice', text: "Who's buried in Grant's tomb?", textAfter: '', answers: [...] }
 */
export function parseGift(text: string, limits: GiftLimits = {}): GiftRead {
  const { maxChars, maxQuestions, maxAnswers } = { ...GIFT_LIMITS, ...limits };
  if (text.length > maxChars) return { questions: [], problems: [giftProblem('tooLong', 1, { max: maxChars })] };
  const questions: GiftQuestion[] = [];
  const problems: GiftProblem[] = [];
  let category: string | undefined;
  let count = 0;
  for (let chunk of chunksOf(text)) {
    if (chunk.text.startsWith('$CATEGORY:')) {
      const end = chunk.text.indexOf('\n');
      const path = chunk.text.slice('$CATEGORY:'.length, end < 0 ? undefined : end).trim();
      if (path === '') problems.push(giftProblem('emptyCategory', chunk.firstLine));
      else category = path;
      if (end < 0) continue;
      chunk = { text: chunk.text.slice(end + 1), lineStarts: chunk.lineStarts.slice(1).map((start) => start - end - 1), firstLine: chunk.firstLine + 1 };
    }
    count += 1;
    if (count > maxQuestions) {
      problems.push(giftProblem('tooManyQuestions', chunk.firstLine, { max: maxQuestions }));
      break;
    }
    try {
      const question = readQuestion(chunk, maxAnswers);
      questions.push(category === undefined ? question : { category, ...question });
    } catch (error) {
      if (!(error instanceof ChunkProblem)) throw error;
      problems.push(giftProblem(error.kind, lineOf(chunk, error.offset), error.values));
    }
  }
  return { questions, problems };
}

const withFeedback = (text: string, feedback: string | undefined): string => (feedback === undefined ? text : `${text}#${escapeGift(feedback)}`);
/** An answer's weight as written; the default one too before text that would read as a weight (`%50% off`). */
const weightOf = (weight: number | undefined, text: string, byDefault: number): string => {
  if (weight !== undefined) return `%${weight}%`;
  return WEIGHT.test(text) ? `%${byDefault}%` : '';
};

function writeNumber(number: GiftNumber): string {
  if (number.kind === 'range') return `${number.min}..${number.max}`;
  return number.tolerance === undefined ? `${number.value}` : `${number.value}:${number.tolerance}`;
}

function writeBlock(question: GiftQuestion): string {
  switch (question.type) {
    case 'singleChoice':
    case 'multipleChoice':
      return question.answers
        .map((a) => withFeedback(`${a.mark}${weightOf(a.weight, a.text, a.mark === '=' ? 100 : 0)}${escapeGift(a.text)}`, a.feedback))
        .join(' ');
    case 'shortAnswer':
      return question.answers.map((a) => withFeedback(`=${weightOf(a.weight, a.text, 100)}${escapeGift(a.text)}`, a.feedback)).join(' ');
    case 'trueFalse': {
      const word = (question.answer ? 'TRUE' : 'FALSE').slice(0, question.isLongForm ? undefined : 1);
      const right = question.rightFeedback === undefined ? '' : `#${escapeGift(question.rightFeedback)}`;
      const wrong = question.wrongFeedback === undefined ? (right === '' ? '' : '#') : `#${escapeGift(question.wrongFeedback)}`;
      return `${word}${wrong}${right}`;
    }
    case 'numerical': {
      const [only] = question.answers;
      const wrong = question.wrongFeedback === undefined ? '' : ` ~#${escapeGift(question.wrongFeedback)}`;
      if (only && question.answers.length === 1 && only.weight === undefined) return `#${withFeedback(writeNumber(only.number), only.feedback)}${wrong}`;
      return `#${question.answers.map((a) => withFeedback(`=${weightOf(a.weight, '', 100)}${writeNumber(a.number)}`, a.feedback)).join(' ')}${wrong}`;
    }
    case 'matching':
      return question.pairs.map((pair) => `=${escapeGift(pair.left)} -> ${escapeGift(pair.right)}`).join(' ');
  }
}

/** One question in canonical GIFT, on one line, without its category. */
export function serialiseGiftQuestion(question: GiftQuestion): string {
  const title = question.title === undefined ? '' : `::${escapeGift(question.title)}::`;
  // Text that would read as a format, or as a comment at the start of a line, stays text behind Moodle's own format.
  const isAmbiguous = (question.title === undefined && question.text.startsWith('//')) || /^\[(moodle|html|plain|markdown)\]/.test(question.text);
  const format = question.format !== undefined ? `[${question.format}]` : isAmbiguous ? '[moodle]' : '';
  const general = question.generalFeedback === undefined ? '' : ` ####${escapeGift(question.generalFeedback)}`;
  const block = `{${writeBlock(question)}${general}}`;
  const text = escapeGift(question.text);
  if (question.textAfter === '') return `${title}${format}${text}${block}`;
  return `${title}${format}${text} ${block} ${escapeGift(question.textAfter)}`;
}

/** A GIFT file of the questions in canonical form: blank lines between them, a `$CATEGORY:` line where the category changes. */
export function serialiseGift(questions: readonly GiftQuestion[]): string {
  const parts: string[] = [];
  let category: string | undefined;
  for (const question of questions) {
    if (question.category !== undefined && question.category !== category) parts.push(`$CATEGORY: ${question.category}`);
    category = question.category ?? category;
    parts.push(serialiseGiftQuestion(question));
  }
  return parts.length === 0 ? '' : `${parts.join('\n\n')}\n`;
}
