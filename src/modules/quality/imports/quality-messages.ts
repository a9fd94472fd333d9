/**
 * The words of the quality module's refusals: problems of measurement, KPI and region files, and
 * the details of its errors. Each carries a key of a catalogue and its values, so that the API
 * (which follows Accept-Language) and the pages say it in the reader's language, and its English
 * text, which the command line and logs show: the catalogue is the one source of both. The words
 * every file import shares (`quality.file.*`, `quality.import.*`) are in the catalogue beside this
 * file; a capability's own refusals are in its own (see {@link qualityWordsOf}).
 */
import { Invalid, type CatalogMessage, type FieldProblem, type KeyedProblem } from '../../../platform/http/errors.ts';
import { englishMessagesOf, type EnglishMessages, type EnglishMessageValues } from '../../../platform/i18n/index.ts';
import type { ProblemList } from '../../../platform/upload-limits.ts';

const english = englishMessagesOf(new URL('./locales/', import.meta.url));

/** Keys of the problems every file import shares, said from the catalogue beside this file. */
const SHARED_KEY = /^quality\.(file|import)\./;

/** Words a refusal is made of: a message of a catalogue, or a problem of a field. */
export interface QualityWords {
  /** A message of the catalogue with its values and English text: the detail of an error. */
  qualityMessage: (key: string, values?: EnglishMessageValues) => CatalogMessage;
  /** A problem of a field (a column, a JSON pointer, a query parameter), on a line when it has one. */
  qualityProblem: (field: string, line: number | undefined, key: string, values?: EnglishMessageValues) => KeyedProblem;
}

function wordsOf(say: EnglishMessages): QualityWords {
  return {
    qualityMessage: (key, values = {}) => ({ key, values, english: say(key, values) }),
    qualityProblem: (field, line, key, values = {}) => ({ field, ...(line === undefined ? {} : { line }), message: say(key, values), key, values }),
  };
}

/**
 * The words of a capability whose own refusals are in the catalogue at `catalogue` (its
 * `locales/` folder), the problems every file import shares included.
 *
 * @example
 * const { qualityMessage, qualityProblem } = qualityWordsOf(new URL('./locales/', import.meta.url));
 */
export function qualityWordsOf(catalogue: URL): QualityWords {
  const own = englishMessagesOf(catalogue);
  return wordsOf((key, values) => (SHARED_KEY.test(key) ? english : own)(key, values));
}

const shared = wordsOf(english);

/** A message of the file imports' catalogue with its values and English text: the detail of an error. */
export const qualityMessage = shared.qualityMessage;

/** A problem of a field of a file, on a line when it has one, worded from the file imports' catalogue. */
export const qualityProblem = shared.qualityProblem;

/** Which kind of file a message speaks of: its words differ ("measurement", "KPI row"). */
export type QualityFileKind = 'measurements' | 'kpis';

/**
 * A file refused for its problems: 422 listing the first ones, `problemCount` all of them (the
 * problem+json answer carries it as `errorCount`), the detail in the reader's language.
 */
export class QualityFileRefused extends Invalid {
  constructor(
    readonly problemCount: number,
    problems: FieldProblem[],
    code: string,
    detail: CatalogMessage,
  ) {
    super(problems, code, detail);
  }

  /** The refusal of a file's `problems`, its detail saying how many there are and how many are listed. */
  static of(problems: ProblemList, code: string, file: QualityFileKind): QualityFileRefused {
    const isCut = problems.total > problems.listed.length;
    const detail = qualityMessage(isCut ? 'quality.file.refusedListed' : 'quality.file.refused', {
      file,
      count: problems.total,
      ...(isCut ? { listed: problems.listed.length } : {}),
    });
    return new QualityFileRefused(problems.total, problems.listed, code, detail);
  }
}
