/**
 * The words of the complaints module's refusals. Each detail and problem carries a key of the
 * module's catalogues and its values, so that an API answer and a page say it in the reader's
 * language, and its English text, which logs and the command line show: the catalogue is the one
 * source of both.
 */
import type { CatalogMessage, KeyedProblem } from '../../platform/http/errors.ts';
import { englishMessagesOf, termValue, type EnglishMessages, type EnglishMessageValues, type TermValue } from '../../platform/i18n/index.ts';

/** The catalogues of the module that hold refusals, by folder of `locales/`. */
export type ComplaintsCatalogue = 'complaints' | 'complaints-subscribers';

const english = new Map<string, EnglishMessages>();

/** The English text of a message of one of the module's catalogues, or of the platform's (`''`). */
export function complaintsEnglish(catalogue: ComplaintsCatalogue | '', key: string, values?: EnglishMessageValues): string {
  let messages = english.get(catalogue);
  if (!messages) {
    messages = englishMessagesOf(catalogue);
    english.set(catalogue, messages);
  }
  return messages(key, values);
}

/** The detail of a refusal, said by `complaints.refusal.<name>` of the module's main catalogue. */
export function refusal(name: string, values: EnglishMessageValues = {}): CatalogMessage {
  const key = `complaints.refusal.${name}`;
  return { key, values, english: complaintsEnglish('complaints', key, values) };
}

/** A problem of a field, said by `complaints.problem.<name>` of the module's main catalogue. */
export function complaintProblem(field: string, name: string, values: EnglishMessageValues = {}): KeyedProblem {
  const key = `complaints.problem.${name}`;
  return { field, message: complaintsEnglish('complaints', key, values), key, values };
}

/** The detail of a refusal of subscriber figures, said by `complaints.subscribers.refusal.<name>`. */
export function subscriberRefusal(name: string, values: EnglishMessageValues = {}): CatalogMessage {
  const key = `complaints.subscribers.refusal.${name}`;
  return { key, values, english: complaintsEnglish('complaints-subscribers', key, values) };
}

/** A problem of a subscriber file or request, said by `complaints.subscribers.problem.<name>`, on a line of a file when it has one. */
export function subscriberProblem(field: string, line: number | undefined, name: string, values: EnglishMessageValues = {}): KeyedProblem {
  const key = `complaints.subscribers.problem.${name}`;
  return { field, ...(line === undefined ? {} : { line }), message: complaintsEnglish('complaints-subscribers', key, values), key, values };
}

/** The name of a stage, as a refusal names it: said in the reader's language. */
export function stageTerm(stage: string): TermValue {
  return termValue(`complaints.stage.${stage}`);
}
