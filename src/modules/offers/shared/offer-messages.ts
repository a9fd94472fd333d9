/**
 * The words of a refused request to the offers pages and API. Each problem carries a key of an
 * offers catalogue and its values, so that a page says it in the reader's language, and its
 * English text, which the API shows: the catalogue is the one source of both.
 */
import { Invalid, type FieldProblem } from '../../../platform/http/errors.ts';
import { englishMessagesOf, type EnglishMessages, type EnglishMessageValues, type Translate } from '../../../platform/i18n/index.ts';

/** A catalogue of the offers module: the URL of a capability's `locales/` folder. */
export type OffersCatalogue = URL;

/** The words several capabilities speak: refused dates, missing or forbidden offers. */
export const SHARED_MESSAGES: OffersCatalogue = new URL('./locales/', import.meta.url);

/** A problem of a request's field with its English `message`, and the key and values a page translates. */
export interface KeyedProblem extends FieldProblem {
  key: string;
  values: EnglishMessageValues;
}

const english = new Map<string, EnglishMessages>();

/** The English text of a message of one of the module's catalogues: what the API says. */
export function englishOf(catalogue: OffersCatalogue, key: string, values?: EnglishMessageValues): string {
  let messages = english.get(catalogue.href);
  if (!messages) {
    messages = englishMessagesOf(catalogue);
    english.set(catalogue.href, messages);
  }
  return messages(key, values);
}

/** A problem of a request's field, said by the message `key` of `catalogue`. */
export function keyedProblem(catalogue: OffersCatalogue, field: string, key: string, values: EnglishMessageValues = {}): KeyedProblem {
  return { field, message: englishOf(catalogue, key, values), key, values };
}

/** Whether a problem carries a message key rather than English words only. */
export function isKeyedProblem(problem: FieldProblem): problem is KeyedProblem {
  return 'key' in problem && typeof problem.key === 'string' && 'values' in problem;
}

/** Problems in the words of a page: each keyed one said with the page's translator, any other as it is. */
export function sayProblems(t: Translate, problems: readonly FieldProblem[]): FieldProblem[] {
  return problems.map((p) =>
    isKeyedProblem(p) ? { field: p.field, ...(p.line === undefined ? {} : { line: p.line }), message: t(p.key, { ...p.values }) } : p,
  );
}

/** A problem as the API sends it: field, line and the English message, nothing else. */
function plainProblem(problem: FieldProblem): FieldProblem {
  return { field: problem.field, ...(problem.line === undefined ? {} : { line: problem.line }), message: problem.message };
}

/**
 * A request refused for some of its fields (422): the API shows each problem in English, and a
 * page says `keyedProblems` in the reader's language.
 */
export class InvalidRequest extends Invalid {
  constructor(
    readonly keyedProblems: readonly KeyedProblem[],
    code: string,
    detail: string,
  ) {
    super(keyedProblems.map(plainProblem), code, detail);
  }
}
