import type { FieldProblem } from '../../../platform/http/errors.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import type { FormIssue, Ndt7TestSummary } from '../measurements/measurement.service.ts';
import type { MeasurementRow } from '../measurements/measurement.repository.ts';
import type { Ndt7TestReply } from './speedtest.schemas.ts';

/** A saved result as the confirmation page shows it. */
export interface SavedResultView {
  downloadKbps: number | null;
  uploadKbps: number | null;
  latencyMs: number | null;
  isServerMeasured: boolean;
  isValid: boolean;
}

/** Shapes a stored measurement for the confirmation page. */
export function presentSavedResult(row: MeasurementRow): SavedResultView {
  return {
    downloadKbps: row.download_kbps,
    uploadKbps: row.upload_kbps,
    latencyMs: row.latency_ms,
    isServerMeasured: row.download_test_id !== null || row.upload_test_id !== null,
    // SQLite gives 0/1, PostgreSQL true/false.
    isValid: Boolean(row.is_valid),
  };
}

/** Shapes the server's figures of one test for the page's script. */
export function presentNdt7Test(summary: Ndt7TestSummary): Ndt7TestReply {
  return { id: summary.id, test: summary.test, kbps: summary.kbps, elapsedMs: summary.elapsedMs, minRttMs: summary.minRttMs, isSaved: summary.isSaved };
}

/** Turns form issues into form problems in the page's language. */
export function presentFormIssues(issues: readonly FormIssue[], t: Translate): FieldProblem[] {
  return issues.map((i) => ({ field: i.field, message: t(i.messageKey, i.values) }));
}
