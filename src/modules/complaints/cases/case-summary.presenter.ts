import type { CaseSummaryRow } from './complaint.repository.ts';
import type { CaseListPage } from './complaint-list-page.ts';
import type { ComplaintStage } from './complaint.types.ts';

/** One case of a list as the staff, association and operator pages show it. */
export interface CaseSummary {
  id: string;
  reference: string;
  operatorId: string;
  category: string;
  stage: ComplaintStage;
  filedAt: string;
  hasExtraSupport: boolean;
  isUntimely: boolean;
  /** The open deadline's end, or null when none runs. */
  dueAt: string | null;
  /** The regulator waits for the consumer: the deadline stands still and cannot pass. */
  isClockStopped: boolean;
}

/** One listed case as a page shows it, from its summary row. */
export function presentCaseSummary(row: CaseSummaryRow): CaseSummary {
  return {
    id: row.id,
    reference: row.reference,
    operatorId: row.operator_id,
    category: row.category,
    stage: row.stage,
    filedAt: row.filed_at,
    hasExtraSupport: Boolean(row.has_extra_support),
    isUntimely: Boolean(row.is_untimely),
    dueAt: row.due_at,
    isClockStopped: Boolean(row.is_clock_stopped),
  };
}

/** A page of a list of cases with each row as a page shows it. */
export function presentCaseList(listed: CaseListPage<CaseSummaryRow>): CaseListPage<CaseSummary> {
  return { ...listed, rows: listed.rows.map(presentCaseSummary) };
}
