import type { SqlBool } from 'kysely';

/** A data-subject request: who (sealed, with keyed hashes beside it), what, by which channel, and its legal dates. */
export interface PrivacyRequestsTable {
  id: string;
  reference: string;
  type: string;
  channel: string;
  state: string;
  language: string;
  /** The person's identity (e-mails, phones, device ids) as sealed JSON. */
  identity_enc: string;
  /** What the person asks, in their words, sealed. */
  details_enc: string;
  /** Where notices go: an e-mail address or a mobile number, sealed, and which of the two. */
  contact_enc: string;
  notify_by: string;
  /** The `ErasurePolicy` in force at receipt, as JSON. */
  policy_json: string;
  received_on: string;
  due_on: string;
  extended_due_on: string | null;
  acknowledge_by: string | null;
  /** The date the request must be answered by now: the due date, or the extended one once extended. */
  current_due_on: string;
  is_extended: SqlBool;
  paused_days: number;
  /** The local date the clock stopped for proof of identity, while it stands still. */
  paused_since: string | null;
  refusal_code: string | null;
  /** What was done (rectification, restriction, objection) or why refused, sealed. */
  answer_enc: string | null;
  erasure_report_json: string | null;
  /** An erasure kept records for a reason that ends: the daily job runs it again. */
  is_erasure_pending: SqlBool;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

/** The keyed hashes of a request's identity, by which a person's requests are found. */
export interface PrivacyRequestIdentitiesTable {
  request_id: string;
  value_hash: string;
}

/** What happened to a request: every state change, pause, extension and notice, with who did it. */
export interface PrivacyRequestEventsTable {
  id: string;
  request_id: string;
  /** The event's place in its request's log: several happen in the same instant. */
  seq: number;
  at: string;
  kind: string;
  /** The user who acted, or null for the person or the system. */
  actor_id: string | null;
  /** A reason staff wrote (an extension, a pause), sealed. */
  note_enc: string | null;
  details_json: string | null;
}

/** The answer to an access request: one archive, sealed, until the retention of archives deletes it. */
export interface PrivacyRequestArchivesTable {
  request_id: string;
  file_name: string;
  bytes_enc: string;
  places_json: string;
  created_at: string;
}

/** A browser proving an address or a number, to file a request or to follow one. */
export interface PrivacyRequestSessionsTable {
  id: string;
  token_hash: string;
  purpose: string;
  request_id: string | null;
  contact_enc: string;
  contact_hash: string;
  notify_by: string;
  type: string | null;
  code_hash: string;
  code_expires_at: string;
  attempts: number;
  is_verified: SqlBool;
  created_at: string;
  expires_at: string;
}

declare module '../../../platform/db/database.ts' {
  interface Database {
    privacy_requests: PrivacyRequestsTable;
    privacy_request_identities: PrivacyRequestIdentitiesTable;
    privacy_request_events: PrivacyRequestEventsTable;
    privacy_request_archives: PrivacyRequestArchivesTable;
    privacy_request_sessions: PrivacyRequestSessionsTable;
  }
}
