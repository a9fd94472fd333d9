import type { WorkCalendar } from '../../../platform/calendar.ts';
import { reviewWindowEndOf } from '../deadlines/deadlines.ts';
import type { ComplaintsSettings } from '../complaints.settings.ts';
import type { CaseRecord, CaseRow, DeadlineRow, HistoryRow } from './complaint.repository.ts';
import { shownFileName } from './complaint-file-name.ts';
import type { ComplaintStage, ExtraSupportNeed, StageDeadline } from './complaint.types.ts';

/** What an erased filing's personal values read as. */
export const ERASED = '[erased]';

/** One deadline of a case, open or closed. */
export type CaseDeadline = StageDeadline & { startsAt: string; metAt: string | null; isMissed: boolean; isOpen: boolean };

/** One stage change of a case. */
export interface CaseHistoryEntry {
  from: string | null;
  to: string;
  reason: string;
  actorType: string;
  at: string;
}

/** Whether the consumer contacted the operator before complaining, and how. */
export interface PriorContact {
  contacted: boolean;
  date: string | null;
  operatorReference: string | null;
}

/** The operator's answers, the decisions, their implementation and the evidence of a case, which staff and the operator both read. */
export interface CaseAnswers {
  responses: Array<{ kind: string; text: string; amount: string | null; at: string }>;
  decisions: Array<{ outcome: string; text: string; at: string }>;
  implementations: Array<{ status: string; note: string; at: string }>;
  attachments: Array<{ id: string; fileName: string; mediaType: string; sizeBytes: number; at: string; by: string }>;
}

/** A case with its personal values decrypted, as the regulator holds it; the consumer's contacts and staff notes only when read with them. */
export interface ComplaintCase extends CaseAnswers {
  reference: string;
  filingReference: string;
  operatorId: string;
  operatorName: string;
  service: string;
  category: string;
  stage: ComplaintStage;
  channel: string;
  /** For a filing by a consumer association: when the consumer's consent to act for them was recorded, else null. */
  onBehalfConsentAt: string | null;
  filedAt: string;
  language: string;
  isUntimely: boolean;
  isDeadlock: boolean;
  isErased: boolean;
  hasExtraSupport: boolean;
  extraSupport: ExtraSupportNeed[];
  extraSupportDetails: string | null;
  amountOnHold: string | null;
  assignedTo: string | null;
  consumer: { name: string; email: string | null; phone: string | null; accountNumber: string | null; serviceNumber: string | null };
  description: string;
  /** YYYY-MM-DD, when given. */
  problemStartedOn: string | null;
  desiredOutcome: string;
  priorContact: PriorContact;
  deadlines: CaseDeadline[];
  isClockStopped: boolean;
  escalationOpensAt: string;
  closedAt: string | null;
  /** Until when staff may reopen the closed case (later only an administrator); null while it is open. */
  reviewWindowEndsAt: string | null;
  history: CaseHistoryEntry[];
  messages: Array<{
    from: 'consumer' | 'regulator' | 'operator';
    text: string;
    at: string;
    isInformationRequest: boolean;
    answeredAt: string | null;
    isSharedWithOperator: boolean;
    isRefusalReason: boolean;
  }>;
  notes: Array<{ text: string; authorId: string | null; at: string }>;
  survey: { satisfaction: number; wasEasy: number | null } | null;
}

/** What reading a stored case needs: opening its sealed values, and the profile and calendar its review window follows. */
export interface CaseOpener {
  dec(sealed: string | null, context: string): string | null;
  decText(sealed: string, context: string): string;
  settings: ComplaintsSettings;
  calendar: WorkCalendar;
}

/** A case's deadlines as stored, open or met. */
export function readDeadlines(deadlines: readonly DeadlineRow[]): CaseDeadline[] {
  return deadlines.map((d) => ({
    stage: d.stage,
    dueAt: d.due_at,
    startsAt: d.starts_at,
    metAt: d.met_at,
    isMissed: Boolean(d.is_missed),
    isOpen: d.met_at === null,
  }));
}

/** A case's stage changes as stored. */
export function readHistory(history: readonly HistoryRow[]): CaseHistoryEntry[] {
  return history.map((h) => ({ from: h.from_stage, to: h.to_stage, reason: h.reason, actorType: h.actor_type, at: h.at }));
}

/** The problem as the consumer told it, which staff and the operator both read: what happened, since when, what they want, and their prior contact. */
export function readProblem(
  w: Pick<CaseOpener, 'dec' | 'decText'>,
  c: CaseRow,
): Pick<ComplaintCase, 'description' | 'problemStartedOn' | 'desiredOutcome' | 'priorContact'> {
  return {
    description: w.decText(c.description_enc, 'description'),
    problemStartedOn: c.problem_started_on,
    desiredOutcome: w.decText(c.desired_outcome_enc, 'desired_outcome'),
    priorContact: {
      contacted: Boolean(c.has_prior_contact),
      date: c.prior_contact_date,
      operatorReference: w.dec(c.prior_operator_reference_enc, 'prior_operator_reference'),
    },
  };
}

/** The operator's answers, the decisions, their implementation and the evidence, decrypted. */
export function readAnswers(w: Pick<CaseOpener, 'decText'>, record: CaseRecord): CaseAnswers {
  const { decText } = w;
  return {
    responses: record.responses.map((r) => ({ kind: r.kind, text: decText(r.text_enc, 'response'), amount: r.amount, at: r.created_at })),
    decisions: record.decisions.map((d) => ({ outcome: d.outcome, text: decText(d.text_enc, 'decision'), at: d.decided_at })),
    implementations: record.implementations.map((i) => ({ status: i.status, note: decText(i.note_enc, 'implementation'), at: i.at })),
    attachments: record.attachments.map((a) => ({
      id: a.id,
      fileName: shownFileName(decText(a.file_name_enc, 'attachment_name'), a.media_type),
      mediaType: a.media_type,
      sizeBytes: a.size_bytes,
      at: a.created_at,
      by: a.actor_type,
    })),
  };
}

/** A stored case with its personal values decrypted; the consumer's contacts and staff notes only when `includeContacts`. */
export function readComplaintCase(w: CaseOpener, record: CaseRecord, operatorName: string, includeContacts: boolean): ComplaintCase {
  const { dec, decText, settings, calendar } = w;
  const c = record.case;
  const f = record.filing;
  const extra = dec(f.extra_support_enc, 'extra_support');
  return {
    reference: c.reference,
    filingReference: f.reference,
    operatorId: c.operator_id,
    operatorName,
    service: c.service,
    category: c.category,
    stage: c.stage,
    channel: f.channel,
    onBehalfConsentAt: f.on_behalf_consent ? f.consent_at : null,
    filedAt: c.filed_at,
    language: f.language,
    isUntimely: Boolean(c.is_untimely),
    isDeadlock: Boolean(c.is_deadlock),
    isErased: f.erased_at !== null,
    hasExtraSupport: Boolean(c.has_extra_support),
    extraSupport: extra && extra !== ERASED ? (JSON.parse(extra) as ExtraSupportNeed[]) : [],
    extraSupportDetails: includeContacts ? dec(f.extra_support_details_enc, 'extra_support_details') : null,
    amountOnHold: c.amount_on_hold,
    assignedTo: c.assigned_to,
    consumer: {
      name: decText(f.consumer_name_enc, 'consumer_name'),
      // A consumer reached by text message may have given no address: none is shown, not an empty one.
      email: includeContacts ? dec(f.consumer_email_enc, 'consumer_email') || null : null,
      phone: includeContacts ? dec(f.consumer_phone_enc, 'consumer_phone') : null,
      accountNumber: dec(f.consumer_account_enc, 'consumer_account'),
      serviceNumber: dec(f.service_number_enc, 'service_number'),
    },
    ...readProblem(w, c),
    deadlines: readDeadlines(record.deadlines),
    isClockStopped: record.pauses.some((p) => p.to_at === null),
    escalationOpensAt: c.escalation_opens_at,
    closedAt: c.closed_at,
    reviewWindowEndsAt: c.closed_at === null ? null : reviewWindowEndOf(settings, calendar, c.closed_at),
    history: readHistory(record.history),
    messages: record.messages.map((m) => ({
      from: m.sender,
      text: decText(m.text_enc, 'message'),
      at: m.created_at,
      isInformationRequest: Boolean(m.is_information_request),
      answeredAt: m.answered_at,
      isSharedWithOperator: Boolean(m.is_shared_with_operator),
      isRefusalReason: m.purpose === 'refusal',
    })),
    notes: includeContacts ? record.notes.map((n) => ({ text: decText(n.text_enc, 'note'), authorId: n.author_id, at: n.created_at })) : [],
    ...readAnswers(w, record),
    survey: record.survey ? { satisfaction: record.survey.satisfaction, wasEasy: record.survey.was_easy } : null,
  };
}
