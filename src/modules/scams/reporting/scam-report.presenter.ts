import type { KeyedProblem } from '../../../platform/http/errors.ts';
import { englishMessagesOf } from '../../../platform/i18n/index.ts';
import type { ReportIssue } from './scam-report.service.ts';

const english = englishMessagesOf(new URL('./locales/', import.meta.url));

/** A report's wrong fields as problems an API answer says in the reader's language. */
export function reportProblems(issues: readonly ReportIssue[]): KeyedProblem[] {
  return issues.map((issue) => ({ field: issue.field, key: issue.messageKey, values: issue.values ?? {}, message: english(issue.messageKey, issue.values) }));
}
