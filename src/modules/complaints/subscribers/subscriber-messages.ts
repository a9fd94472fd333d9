/**
 * The words of the refusals of subscriber figures: each carries a key of the subscribers'
 * catalogue and its values, and its English text for logs and the command line.
 */
import type { CatalogMessage, KeyedProblem } from '../../../platform/http/errors.ts';
import { englishMessagesOf, type EnglishMessageValues } from '../../../platform/i18n/index.ts';

const english = englishMessagesOf(new URL('./locales/', import.meta.url));

/** The detail of a refusal of subscriber figures, said by `complaints.subscribers.refusal.<name>`. */
export function subscriberRefusal(name: string, values: EnglishMessageValues = {}): CatalogMessage {
  const key = `complaints.subscribers.refusal.${name}`;
  return { key, values, english: english(key, values) };
}

/** A problem of a subscriber file or request, said by `complaints.subscribers.problem.<name>`, on a line of a file when it has one. */
export function subscriberProblem(field: string, line: number | undefined, name: string, values: EnglishMessageValues = {}): KeyedProblem {
  const key = `complaints.subscribers.problem.${name}`;
  return { field, ...(line === undefined ? {} : { line }), message: english(key, values), key, values };
}
