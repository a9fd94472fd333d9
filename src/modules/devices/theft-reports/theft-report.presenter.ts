import type { FieldProblem } from '../../../platform/http/errors.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import type { ReportIssue } from './theft-report.service.ts';
import type { TheftReportSummaryRow } from './theft-report.repository.ts';

/** Turns report issues into form problems in the page's language. */
export function presentReportIssues(issues: readonly ReportIssue[], t: Translate): FieldProblem[] {
  return issues.map((i) => ({ field: i.field, message: t(i.messageKey, i.values) }));
}

/** A report as the staff list shows it: references, dates and a count, never a personal value. */
export interface ReportListItem {
  id: string;
  requestId: string;
  status: TheftReportSummaryRow['status'];
  submittedAt: string;
  imeiCount: number;
}

/** The staff list's view of the reports the service listed. */
export function presentReportList(rows: readonly TheftReportSummaryRow[]): ReportListItem[] {
  return rows.map((r) => ({ id: r.id, requestId: r.request_id, status: r.status, submittedAt: r.submitted_at, imeiCount: r.imei_count }));
}
