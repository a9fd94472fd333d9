import type { CaseRecord } from '../cases/complaint.repository.ts';
import { readAnswers, readDeadlines, readHistory, readProblem, type CaseAnswers, type ComplaintCase } from '../cases/complaint-case.ts';
import type { ComplaintStage } from '../cases/complaint.types.ts';

/**
 * One case as its operator may read it, from the moment it was referred: only what the consent
 * text lists (`OPERATOR_SHARED_FIELDS`), never the consumer's e-mail address, contact phone,
 * why they need extra support, the regulator's notes or its messages with the consumer.
 */
export interface OperatorCase extends CaseAnswers {
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
  priorContact: ComplaintCase['priorContact'];
  deadlines: ComplaintCase['deadlines'];
  history: ComplaintCase['history'];
  /** The operator's own messages and the consumer's addressed to it, their reason to refuse its answer included. */
  messages: Array<{ from: 'consumer' | 'regulator' | 'operator'; text: string; at: string; isRefusalReason: boolean }>;
}

// The regulator's own steps before a case can reach the operator; none is visited again.
export const PRE_REFERRAL_STAGES: readonly string[] = ['received', 'assessed'];

/** The operator's part of a referred case, decrypted: an allow-list of the fields the consent text names. */
export function readOperatorCase(
  w: { dec(sealed: string | null, context: string): string | null; decText(sealed: string, context: string): string },
  record: CaseRecord,
  operatorName: string,
): OperatorCase {
  const { dec, decText } = w;
  const c = record.case;
  const f = record.filing;
  return {
    reference: c.reference,
    operatorName,
    service: c.service,
    category: c.category,
    stage: c.stage,
    filedAt: c.filed_at,
    referredAt: c.referred_at ?? c.filed_at,
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
    ...readProblem(w, c),
    deadlines: readDeadlines(record.deadlines.filter((d) => !PRE_REFERRAL_STAGES.includes(d.stage))),
    history: readHistory(record.history.filter((h) => !PRE_REFERRAL_STAGES.includes(h.to_stage))),
    messages: record.messages
      .filter((m) => Boolean(m.is_shared_with_operator))
      .map((m) => ({ from: m.sender, text: decText(m.text_enc, 'message'), at: m.created_at, isRefusalReason: m.purpose === 'refusal' })),
    ...readAnswers(w, record),
  };
}
