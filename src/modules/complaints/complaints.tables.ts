import type { SqlBool } from 'kysely';
import type { ComplaintChannel, ComplaintService, ComplaintStage, ContactChannel } from './cases/complaint.types.ts';

/** One filing: the consumer and how it came in; its cases (one per operator) point to it. Personal values are encrypted. */
export interface ComplaintFilingsTable {
  id: string;
  reference: string;
  channel: ComplaintChannel;
  consumer_name_enc: string;
  /** The address sealed; an empty address sealed when the consumer gave only a mobile number. */
  consumer_email_enc: string;
  /** Keyed hash of the lower-cased address, to find a consumer's filings for export and erasure; `none:<filing id>` without an address. */
  consumer_email_hash: string;
  /** The contact phone, sealed; in E.164 when it is the mobile number the consumer is reached on. */
  consumer_phone_enc: string | null;
  /** Keyed hash of the E.164 mobile number, to find a consumer's filings; null without a mobile number. */
  consumer_phone_hash: string | null;
  /** How the consumer chose to be reached: receipts, notices and one-time codes go there. */
  contact_by: ContactChannel;
  consumer_account_enc: string | null;
  /** The phone or line number the complaint is about, encrypted; not a way to reach the consumer. */
  service_number_enc: string | null;
  language: string;
  /** The extra-support needs as an encrypted JSON list: a disability is health data. */
  extra_support_enc: string | null;
  extra_support_details_enc: string | null;
  consent_at: string;
  on_behalf_consent: SqlBool;
  filed_by_type: string;
  filed_by_id: string | null;
  created_at: string;
  /** Set when the consumer's personal data was erased on request; the anonymous counts stay. */
  erased_at: string | null;
}

/** One case: a filing against one operator, moving through the stages. */
export interface ComplaintCasesTable {
  id: string;
  reference: string;
  filing_id: string;
  operator_id: string;
  service: ComplaintService;
  category: string;
  stage: ComplaintStage;
  description_enc: string;
  desired_outcome_enc: string;
  has_prior_contact: SqlBool;
  prior_contact_date: string | null;
  prior_operator_reference_enc: string | null;
  /** The local day the problem started (YYYY-MM-DD), when given. */
  problem_started_on: string | null;
  has_extra_support: SqlBool;
  /** The operator let its deadline pass; the case went to the regulator. */
  is_untimely: SqlBool;
  /** The operator declared it cannot settle the complaint (deadlock). */
  is_deadlock: SqlBool;
  /** A disputed amount the operator holds from collection while the case is open (decimal string). */
  amount_on_hold: string | null;
  assigned_to: string | null;
  filed_at: string;
  stage_entered_at: string;
  escalation_opens_at: string;
  escalation_notified_at: string | null;
  closed_at: string | null;
  /** When the regulator referred the case to the operator (or the profile's direct referral did); the operator sees nothing of it before. */
  referred_at: string | null;
  /** Bumped on every change: a write that read an older version is refused (two staff members on one case). */
  version: number;
  updated_at: string;
}

/** Every stage change, with who made it and why. */
export interface ComplaintStageHistoryTable {
  id: string;
  case_id: string;
  from_stage: ComplaintStage | null;
  to_stage: ComplaintStage;
  reason: string;
  actor_type: string;
  actor_id: string | null;
  at: string;
}

/** The deadline of one stage visit; `due_at` already counts the pauses that ended. */
export interface ComplaintDeadlinesTable {
  id: string;
  case_id: string;
  stage: string;
  starts_at: string;
  days: number;
  count: string;
  due_at: string;
  met_at: string | null;
  is_missed: SqlBool;
}

/** A span when the clock stood still (the regulator waits for the consumer). */
export interface ComplaintPausesTable {
  id: string;
  case_id: string;
  from_at: string;
  to_at: string | null;
  reason: string;
}

/** A staff note on a case. */
export interface ComplaintNotesTable {
  id: string;
  case_id: string;
  author_id: string | null;
  text_enc: string;
  created_at: string;
}

/** A message to or from the consumer; an information request stops the clock until answered. */
export interface ComplaintMessagesTable {
  id: string;
  case_id: string;
  sender: 'consumer' | 'regulator' | 'operator';
  author_id: string | null;
  text_enc: string;
  is_information_request: SqlBool;
  answered_at: string | null;
  /** The operator reads it too: its own messages, and the consumer's addressed to it. */
  is_shared_with_operator: SqlBool;
  /** `refusal`: the consumer's reason to refuse the operator's answer or proposed resolution. */
  purpose: 'refusal' | null;
  created_at: string;
}

/** Who a case was given to, and by whom. */
export interface ComplaintAssignmentsTable {
  id: string;
  case_id: string;
  assignee_id: string;
  assigned_by: string | null;
  at: string;
}

/** An operator's answer: a response, a proposed resolution, a disputed amount on hold, or deadlock. */
export interface ComplaintResponsesTable {
  id: string;
  case_id: string;
  kind: 'response' | 'resolution' | 'deadlock' | 'amount_on_hold';
  text_enc: string;
  amount: string | null;
  actor_type: string;
  actor_id: string | null;
  created_at: string;
}

/** The regulator's decision on an investigated case. */
export interface ComplaintDecisionsTable {
  id: string;
  case_id: string;
  outcome: 'upheld' | 'partly_upheld' | 'not_upheld';
  text_enc: string;
  decided_by: string | null;
  decided_at: string;
}

/** One step of carrying out a decision or an accepted resolution. */
export interface ComplaintImplementationsTable {
  id: string;
  case_id: string;
  status: 'pending' | 'partial' | 'done';
  note_enc: string;
  actor_type: string;
  actor_id: string | null;
  at: string;
}

/** Evidence attached to a case; the content is encrypted, the type was checked against its first bytes. */
export interface ComplaintAttachmentsTable {
  id: string;
  case_id: string;
  file_name_enc: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content_enc: string;
  actor_type: string;
  actor_id: string | null;
  created_at: string;
}

/** The consumer's satisfaction survey of a case. */
export interface ComplaintSurveysTable {
  case_id: string;
  satisfaction: number;
  was_easy: number | null;
  comment_enc: string | null;
  created_at: string;
}

/** Subscribers of an operator's service in a quarter (`2026-Q4`), the denominator of complaint rates. */
export interface ComplaintSubscribersTable {
  operator_id: string;
  service: ComplaintService;
  quarter: string;
  subscribers: number;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    complaint_filings: ComplaintFilingsTable;
    complaint_cases: ComplaintCasesTable;
    complaint_stage_history: ComplaintStageHistoryTable;
    complaint_deadlines: ComplaintDeadlinesTable;
    complaint_pauses: ComplaintPausesTable;
    complaint_notes: ComplaintNotesTable;
    complaint_messages: ComplaintMessagesTable;
    complaint_assignments: ComplaintAssignmentsTable;
    complaint_responses: ComplaintResponsesTable;
    complaint_decisions: ComplaintDecisionsTable;
    complaint_implementations: ComplaintImplementationsTable;
    complaint_attachments: ComplaintAttachmentsTable;
    complaint_surveys: ComplaintSurveysTable;
    complaint_subscribers: ComplaintSubscribersTable;
  }
}
