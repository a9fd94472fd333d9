import type { FieldProblem } from '../../../platform/http/errors.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import type { PrivacyRequestSummaryRow } from './request.repository.ts';
import { isOpenState, type RequestChannel, type RequestState, type RequestType } from './request-rules.ts';
import type { RequestIssue } from './request.service.ts';

/** Turns issues into form problems in the page's language. */
export function presentRequestIssues(issues: readonly RequestIssue[], t: Translate, fieldOf: (field: string) => string = (f) => f): FieldProblem[] {
  return issues.map((i) => ({ field: fieldOf(i.field), message: t(i.messageKey, i.values) }));
}

/** A request as the staff list shows it: never a personal value. */
export interface RequestListItem {
  id: string;
  reference: string;
  type: RequestType;
  channel: RequestChannel;
  state: RequestState;
  receivedOn: string;
  dueOn: string;
  isPaused: boolean;
  isOverdue: boolean;
}

/** The staff list's view of the requests, overdue judged against the local date `today`. */
export function presentRequestList(rows: readonly PrivacyRequestSummaryRow[], today: string): RequestListItem[] {
  return rows.map((r) => {
    const state = r.state as RequestState;
    return {
      id: r.id,
      reference: r.reference,
      type: r.type as RequestType,
      channel: r.channel as RequestChannel,
      state,
      receivedOn: r.received_on,
      dueOn: r.current_due_on,
      isPaused: r.paused_since !== null,
      isOverdue: isOpenState(state) && r.current_due_on < today,
    };
  });
}
