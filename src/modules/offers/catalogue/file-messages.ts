import { readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import type { FieldProblem } from '../../../platform/http/errors.ts';

/** The values a file problem's message interpolates. */
export type FileMessageValues = Readonly<Record<string, string | number>>;

/**
 * A problem of an imported file (offers, roaming rates). `message` is the English text the API and
 * the CLI show; `key` and `values` let a page say the same in the reader's language.
 */
export interface FileProblem extends FieldProblem {
  /** A key of the import catalogue (`catalogue/locales/`), such as `offers.import.cell.required`. */
  key: string;
  values: FileMessageValues;
}

/** What a number cell holds, named in messages by the key `offers.import.what.<kind>`. */
export type ValueKind =
  | 'price'
  | 'amount'
  | 'amountEntry'
  | 'speed'
  | 'latency'
  | 'allowance'
  | 'increment'
  | 'months'
  | 'days'
  | 'minutes'
  | 'messages'
  | 'pricePerMinute'
  | 'pricePerMessage'
  | 'pricePerMb'
  | 'mbOrUnlimited'
  | 'dailyFee'
  | 'mb';

/** Translates a key with values, as a page's `t` does. */
export type FileMessageTranslator = (key: string, values?: Record<string, string | number>) => string;

/** The value named `what` is itself a key: the kind of value, said in the reader's language. */
const WHAT = 'what';

/** Says a problem in the language of `t`, the kind of value included. */
export function sayFileProblem(t: FileMessageTranslator, key: string, values: FileMessageValues): string {
  const what = values[WHAT];
  return t(key, what === undefined ? { ...values } : { ...values, [WHAT]: t(`offers.import.what.${what}`, { ...values }) });
}

// The English catalogue is the one source of the English text: the API and the CLI read it here, pages through the catalogues.
const ENGLISH: Readonly<Record<string, string>> = JSON.parse(readFileSync(new URL('./locales/en.json', import.meta.url), 'utf8')) as Record<string, string>;
const compiled = new Map<string, IntlMessageFormat>();

function english(key: string, values?: Record<string, string | number>): string {
  const source = ENGLISH[key];
  if (source === undefined) throw new Error(`No English text for the file message ${key}.`);
  let message = compiled.get(key);
  if (!message) {
    message = new IntlMessageFormat(source, 'en', undefined, { ignoreTag: true });
    compiled.set(key, message);
  }
  return String(message.format(values));
}

/** A problem of a file's field (a column, or a JSON pointer) on a line, with its English text. */
export function fileProblem(field: string, line: number | undefined, key: string, values: FileMessageValues = {}): FileProblem {
  return { field, ...(line === undefined ? {} : { line }), message: sayFileProblem(english, key, values), key, values };
}

/** Whether a problem carries a message key (a file problem) rather than English words only. */
export function isFileProblem(problem: FieldProblem): problem is FileProblem {
  return 'key' in problem && typeof problem.key === 'string' && 'values' in problem;
}

/** A file problem as the API sends it: field, line and the English message, nothing else. */
export function plainProblem(problem: FieldProblem): FieldProblem {
  return { field: problem.field, ...(problem.line === undefined ? {} : { line: problem.line }), message: problem.message };
}
