import type { Static } from '@sinclair/typebox';
import type { FieldProblem } from '../../../platform/http/errors.ts';
import type { CaseSummaryRow } from '../cases/complaint.repository.ts';
import type { OperatorCase } from './operator-case.ts';
import type { OperatorCaseReply, OperatorCaseSummary } from '../cases/complaint.schemas.ts';
import type { StageDeadline } from '../cases/complaint.types.ts';

/** A case of the operator's list, as the API answers it. */
export function presentOperatorSummary(row: CaseSummaryRow & { deadlines: StageDeadline[] }): Static<typeof OperatorCaseSummary> {
  return {
    reference: row.reference,
    service: row.service,
    category: row.category,
    stage: row.stage,
    filedAt: row.filed_at,
    hasExtraSupport: Boolean(row.has_extra_support),
    isUntimely: Boolean(row.is_untimely),
    currentDeadline: row.due_at !== null && row.deadline_stage !== null ? { stage: row.deadline_stage, dueAt: row.due_at } : null,
    deadlines: row.deadlines,
  };
}

/** One case as its operator's API answers it: an allow-list of fields. */
export function presentOperatorCase(d: OperatorCase): Static<typeof OperatorCaseReply> {
  return {
    reference: d.reference,
    service: d.service,
    category: d.category,
    stage: d.stage,
    filedAt: d.filedAt,
    referredAt: d.referredAt,
    hasExtraSupport: d.hasExtraSupport,
    isUntimely: d.isUntimely,
    isDeadlock: d.isDeadlock,
    amountOnHold: d.amountOnHold,
    consumer: { name: d.consumer.name, accountNumber: d.consumer.accountNumber, serviceNumber: d.consumer.serviceNumber },
    description: d.description,
    problemStartedOn: d.problemStartedOn,
    desiredOutcome: d.desiredOutcome,
    priorContact: d.priorContact,
    deadlines: d.deadlines.map((x) => ({ stage: x.stage, dueAt: x.dueAt, metAt: x.metAt, isMissed: x.isMissed })),
    responses: d.responses,
    messages: d.messages.map((m) => ({ from: m.from, text: m.text, at: m.at, isRefusalReason: m.isRefusalReason })),
  };
}

/** Field problems of a form, with the service's words (English) or a translated fallback. */
export function presentProblems(problems: readonly FieldProblem[]): Array<{ field: string; message: string }> {
  return problems.map((p) => ({ field: p.field.replace(/\./g, '_'), message: p.message }));
}
