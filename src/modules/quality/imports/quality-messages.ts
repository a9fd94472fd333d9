/**
 * The words of the quality module's refusals: problems of measurement, KPI and region files, and
 * the details of its errors. Each carries a key of its catalogue (`locales/` beside this file) and its values, so
 * that the API (which follows Accept-Language) and the pages say it in the reader's language, and
 * its English text, which the command line and logs show: that catalogue is the one source of both.
 */
import { Invalid, type CatalogMessage, type FieldProblem, type KeyedProblem } from '../../../platform/http/errors.ts';
import { englishMessagesOf, type EnglishMessageValues } from '../../../platform/i18n/index.ts';
import type { ProblemList } from '../../../platform/upload-limits.ts';

const english = englishMessagesOf(new URL('./locales/', import.meta.url));

/** A message of the quality catalogue with its values and English text: the detail of an error. */
export function qualityMessage(key: string, values: EnglishMessageValues = {}): CatalogMessage {
  return { key, values, english: english(key, values) };
}

/** A problem of a field (a column, a JSON pointer, a query parameter), on a line when it has one, worded from the quality catalogue. */
export function qualityProblem(field: string, line: number | undefined, key: string, values: EnglishMessageValues = {}): KeyedProblem {
  return { field, ...(line === undefined ? {} : { line }), message: english(key, values), key, values };
}

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
    const detail = qualityMessage(isCut ? 'quality.file.refusedListed' : 'quality.file.refused', { file, count: problems.total, ...(isCut ? { listed: problems.listed.length } : {}) });
    return new QualityFileRefused(problems.total, problems.listed, code, detail);
  }
}
