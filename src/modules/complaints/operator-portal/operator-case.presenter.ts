import type { CaseRecord } from '../cases/complaint.repository.ts';
import type { CaseWorkflow } from '../cases/case-workflow.ts';
import { presentAnswers, presentPriorContact, type CaseDetail } from '../cases/case-detail.presenter.ts';
import type { ComplaintStage } from '../cases/complaint.types.ts';

/**
 * One case as its operator sees it, from the moment it was referred: only what the consent text
 * lists (`OPERATOR_SHARED_FIELDS`), never the consumer's e-mail address, contact phone,
 * why they need extra support, the regulator's notes or its messages with the consumer.
 */
export interface OperatorCaseView {
  reference: string;
  operatorName: string;
  service: string;
  category: string;
  stage: ComplaintStage;
  filedAt: string;
  referredAt: string;
  isUntimely: boolean;
  isDeadlock: boolean;
  isErased: boolean;
  /** That the consumer needs extra support (their deadlines are shorter), not why. */
  hasExtraSupport: boolean;
  amountOnHold: string | null;
  consumer: { name: string; accountNumber: string | null; serviceNumber: string | null };
  description: string;
  problemStartedOn: string | null;
  desiredOutcome: string;
  priorContact: { contacted: boolean; date: string | null; operatorReference: string | null };
  deadlines: CaseDetail['deadlines'];
  history: CaseDetail['history'];
  /** The operator's own messages and the consumer's addressed to it, their reason to refuse its answer included. */
  messages: Array<{ from: 'consumer' | 'regulator' | 'operator'; text: string; at: string; isRefusalReason: boolean }>;
  responses: CaseDetail['responses'];
  decisions: CaseDetail['decisions'];
  implementations: CaseDetail['implementations'];
  attachments: CaseDetail['attachments'];
}

// The regulator's own steps before a case can reach the operator; none is visited again.
export const PRE_REFERRAL_STAGES: readonly string[] = ['received', 'assessed'];

/** The operator's view of a referred case: an allow-list of the fields the consent text names. */
export async function presentOperator(w: CaseWorkflow, record: CaseRecord): Promise<OperatorCaseView> {
  const { dec, decText, operatorName } = w;
  const c = record.case;
  const f = record.filing;
  const referredAt = c.referred_at ?? c.filed_at;
  return {
    reference: c.reference,
    operatorName: await operatorName(c.operator_id),
    service: c.service,
    category: c.category,
    stage: c.stage,
    filedAt: c.filed_at,
    referredAt,
    isUntimely: Boolean(c.is_untimely),
    isDeadlock: Boolean(c.is_deadlock),
    isErased: f.erased_at !== null,
    hasExtraSupport: Boolean(c.has_extra_support),
    amountOnHold: c.amount_on_hold,
    consumer: {
      name: decText(f.consumer_name_enc, 'consumer_name'),
      accountNumber: dec(f.consumer_account_enc, 'consumer_account'),
      serviceNumber: dec(f.service_number_enc, 'service_number'),
    },
    description: decText(c.description_enc, 'description'),
    problemStartedOn: c.problem_started_on,
    desiredOutcome: decText(c.desired_outcome_enc, 'desired_outcome'),
    priorContact: presentPriorContact(w, c),
    deadlines: record.deadlines
      .filter((d) => !PRE_REFERRAL_STAGES.includes(d.stage))
      .map((d) => ({ stage: d.stage, dueAt: d.due_at, startsAt: d.starts_at, metAt: d.met_at, isMissed: Boolean(d.is_missed), isOpen: d.met_at === null })),
    history: record.history
      .filter((h) => !PRE_REFERRAL_STAGES.includes(h.to_stage))
      .map((h) => ({ from: h.from_stage, to: h.to_stage, reason: h.reason, actorType: h.actor_type, at: h.at })),
    messages: record.messages
      .filter((m) => Boolean(m.is_shared_with_operator))
      .map((m) => ({ from: m.sender, text: decText(m.text_enc, 'message'), at: m.created_at, isRefusalReason: m.purpose === 'refusal' })),
    ...presentAnswers(w, record),
  };
}
