import type { FieldProblem } from '../../../platform/http/errors.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import type { ReportIssue } from './theft-report.service.ts';

/** Turns report issues into form problems in the page's language. */
export function presentReportIssues(issues: readonly ReportIssue[], t: Translate): FieldProblem[] {
  return issues.map((i) => ({ field: i.field, message: t(i.messageKey, i.values) }));
}
