import type { TraceAlertRow } from './recovery.repository.ts';

/** An open trace alert as the staff list shows it: the report it concerns (when one does), the operator and the day the phone was seen. */
export interface TraceAlertItem {
  id: string;
  report: { id: string; requestId: string } | null;
  operatorId: string;
  seenOn: string;
}

/** The open alerts of the list, as the staff section shows them. */
export function presentOpenTraceAlerts(rows: readonly TraceAlertRow[]): TraceAlertItem[] {
  return rows
    .filter((a) => a.acknowledged_at === null)
    .map((a) => ({
      id: a.id,
      report: a.report_id && a.request_id ? { id: a.report_id, requestId: a.request_id } : null,
      operatorId: a.operator_id,
      seenOn: a.seen_on,
    }));
}
