/**
 * The words of the complaints module's refusals. Each detail and problem carries a key of the
 * module's catalogues and its values, so that an API answer and a page say it in the reader's
 * language, and its English text, which logs and the command line show: the catalogue is the one
 * source of both.
 */
import type { CatalogMessage, KeyedProblem } from '../../../platform/http/errors.ts';
import { englishMessagesOf, termValue, type EnglishMessageValues, type TermValue } from '../../../platform/i18n/index.ts';

/** The English text of a message of the case catalogue (`cases/locales/`). */
export const complaintsEnglish = englishMessagesOf(new URL('./locales/', import.meta.url));

/** The detail of a refusal, said by `complaints.refusal.<name>` of the module's main catalogue. */
export function refusal(name: string, values: EnglishMessageValues = {}): CatalogMessage {
  const key = `complaints.refusal.${name}`;
  return { key, values, english: complaintsEnglish(key, values) };
}

/** A problem of a field, said by `complaints.problem.<name>` of the module's main catalogue. */
export function complaintProblem(field: string, name: string, values: EnglishMessageValues = {}): KeyedProblem {
  const key = `complaints.problem.${name}`;
  return { field, message: complaintsEnglish(key, values), key, values };
}

/** The name of a stage, as a refusal names it: said in the reader's language. */
export function stageTerm(stage: string): TermValue {
  return termValue(`complaints.stage.${stage}`);
}
