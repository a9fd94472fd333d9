import { ESCALATION_STAGES, isEscalationOpen } from '../deadlines/deadlines.ts';
import type { CaseRecord } from '../cases/complaint.repository.ts';
import type { CaseWorkflow } from '../cases/case-workflow.ts';
import type { ComplaintStage, ConsumerCaseView } from '../cases/complaint.types.ts';

const CONSUMER_VISIBLE_RESPONSE_KINDS = new Set(['response', 'resolution', 'deadlock']);
/** The stages from which the consumer may answer the survey. */
export const SURVEY_STAGES: readonly ComplaintStage[] = ['accepted', 'decision', 'implemented', 'closed'];

/**
 * What the consumer who filed a case may read of it, decrypted, as the service returns it: what
 * to do next, the operator's last answer, the decision (never staff notes nor unshared messages).
 */
export async function consumerCaseOf(w: CaseWorkflow, record: CaseRecord): Promise<ConsumerCaseView> {
  const { nowIso, operatorName, decText } = w;
  const c = record.case;
  const now = nowIso();
  const open = record.deadlines.find((d) => d.met_at === null);
  const isWaiting = record.pauses.some((p) => p.to_at === null);
  const lastResponse = [...record.responses].reverse().find((r) => CONSUMER_VISIBLE_RESPONSE_KINDS.has(r.kind));
  const decision = record.decisions.at(-1);
  const canDecide = c.stage === 'operator_responded' || c.stage === 'resolution_proposed';
  const escalationOpen = isEscalationOpen(c, now);
  return {
    reference: c.reference,
    filingReference: record.filing.reference,
    operatorId: c.operator_id,
    operatorName: await operatorName(c.operator_id),
    service: c.service,
    category: c.category,
    stage: c.stage,
    filedAt: c.filed_at,
    language: record.filing.language,
    description: decText(c.description_enc, 'description'),
    desiredOutcome: decText(c.desired_outcome_enc, 'desired_outcome'),
    currentDeadline: open && !isWaiting ? { stage: open.stage, dueAt: open.due_at } : null,
    deadlines: record.deadlines.map((d) => ({ stage: d.stage, dueAt: d.due_at })),
    isWaitingForConsumer: isWaiting,
    operatorResponse: lastResponse
      ? {
          kind: lastResponse.kind === 'resolution' ? 'resolution' : lastResponse.kind === 'deadlock' ? 'deadlock' : 'response',
          text: decText(lastResponse.text_enc, 'response'),
          at: lastResponse.created_at,
        }
      : null,
    decision: decision ? { outcome: decision.outcome, text: decText(decision.text_enc, 'decision'), at: decision.decided_at } : null,
    messages: record.messages.map((m) => ({
      from: m.sender,
      text: decText(m.text_enc, 'message'),
      at: m.created_at,
      isInformationRequest: Boolean(m.is_information_request),
      isSharedWithOperator: Boolean(m.is_shared_with_operator),
      isRefusalReason: m.purpose === 'refusal',
    })),
    stageHistory: record.history.map((h) => ({ stage: h.to_stage, at: h.at })),
    can: {
      accept: canDecide,
      reject: canDecide,
      escalate: (ESCALATION_STAGES.includes(c.stage) && escalationOpen) || c.stage === 'rejected',
      survey: SURVEY_STAGES.includes(c.stage) && record.survey === undefined,
      message: c.stage !== 'closed',
      messageOperator: c.stage !== 'closed' && c.referred_at !== null,
    },
    isEscalationOpen: escalationOpen,
    escalationOpensAt: c.is_deadlock ? (record.responses.find((r) => r.kind === 'deadlock')?.created_at ?? c.escalation_opens_at) : c.escalation_opens_at,
    hasSurvey: record.survey !== undefined,
  };
}
