import type { Insertable, Selectable, SqlBool } from 'kysely';

/**
 * Something people report as a scam: a telephone number, a short code, an alphanumeric sender id
 * or the registrable domain of a link. Its value is encrypted and found by its keyed hash: until
 * it is confirmed it may belong to an innocent person whose number was spoofed.
 */
export interface ScamIdentifiersTable {
  id: string;
  /** `number`, `shortCode`, `senderId` or `domain` (see `IDENTIFIER_KINDS`). */
  kind: string;
  /** Keyed hash of the kind and the normalised value (purpose `scam_identifiers.value`). */
  value_hash: string;
  value_enc: string;
  /** One of `IDENTIFIER_STATES`. */
  state: string;
  /** Whether the value is on the profile's protected list when it was first reported: never confirmed without review, shown as likely spoofed. */
  is_protected: SqlBool;
  /** A domain with internationalised labels (a possible look-alike). */
  is_internationalised: SqlBool;
  /** The operator whose numbering range or porting record holds a number, when known. */
  operator_id: string | null;
  first_reported_at: string;
  last_reported_at: string;
  threshold_reached_at: string | null;
  /** When it was last confirmed (kept through an appeal, cleared when the identifier is cleared). */
  confirmed_at: string | null;
  cleared_at: string | null;
  state_changed_at: string;
  /** Moved by every transition, so that two reviewers acting at once cannot both move it. */
  version: number;
}

/** One report from the public, by any channel. */
export interface ScamReportsTable {
  id: string;
  /** The reference the reporter is given (`SC-XXXX-XXXX-XXXX`), to follow the report. */
  reference: string;
  /** The identifier of the sender (the number, short code or sender id that called or wrote). */
  identifier_id: string;
  campaign_id: string | null;
  /** Keyed hash of the reporter's verified number (purpose `scam_reports.reporter`). */
  reporter_hash: string;
  reporter_enc: string;
  /** `web`, `api`, `sms` or `ussd`. */
  channel: string;
  /** `call`, `sms`, `messagingApp`, `email` or `other`. */
  medium: string;
  /** A category key of the profile. */
  category: string;
  /** When the call or message came, as the reporter said. */
  occurred_at: string;
  filed_at: string;
  /** Filed after the profile's report window: shown to staff, left out of thresholds. */
  is_late: SqlBool;
  /** The reporter lost money or their SIM stopped working: they were shown what to do at once. */
  has_harm: SqlBool;
  /** The text of the message or the reporter's account, encrypted; null once past retention. */
  text_enc: string | null;
  /** A contact for news of the outcome (the reporter's consent), encrypted; null when none. */
  contact_enc: string | null;
  /** `sms` or `email` when a contact was left. */
  contact_kind: string | null;
  language: string;
  /** When the reporter was told that the report led to action. */
  outcome_sent_at: string | null;
  /** When the raw text and screenshot were deleted by the retention. */
  raw_deleted_at: string | null;
}

/** One identifier a report names: its sender, and the domain of each link in the text. */
export interface ScamReportTargetsTable {
  report_id: string;
  identifier_id: string;
  /** `sender` or `link`. */
  role: string;
  /** The whole link as evidence, encrypted; shown only defanged. Null for the sender and past retention. */
  url_enc: string | null;
  /** Copies of the report's reporter and time, so that a threshold is counted from this table alone. */
  reporter_hash: string;
  filed_at: string;
  occurred_at: string;
  is_late: SqlBool;
}

/** A screenshot attached to a report: its content sealed, kept until the retention deletes it. */
export interface ScamScreenshotsTable {
  report_id: string;
  /** `image/png`, `image/jpeg` or `image/webp`, as its signature said. */
  media_type: string;
  bytes: number;
  sha256: string;
  /** The image, base64 and encrypted; null once past retention. */
  content_enc: string | null;
  created_at: string;
}

/** The same forwarded text from many people: one campaign, its reports its instances. */
export interface ScamCampaignsTable {
  id: string;
  /** Keyed hash of the normalised text (purpose `scam_campaigns.text`). */
  text_hash: string;
  /** The first instance's text, encrypted, for reviewers; null once past retention. */
  sample_enc: string | null;
  first_seen_at: string;
  last_seen_at: string;
  reports: number;
}

/** When a reporter's number was first verified: reporters verified less than a day ago count zero. */
export interface ScamReportersTable {
  reporter_hash: string;
  first_verified_at: string;
}

/** One reviewer's decision on an identifier in one review round. */
export interface ScamReviewsTable {
  id: string;
  identifier_id: string;
  /** The identifier's review round (its `version` when the round opened). */
  round: number;
  reviewer_id: string;
  /** `confirm` or `reject`. */
  decision: string;
  is_senior: SqlBool;
  reason: string;
  created_at: string;
}

/** Every state an identifier passed through: who, when and why (also in the audit log). */
export interface ScamIdentifierEventsTable {
  id: string;
  identifier_id: string;
  from_state: string;
  to_state: string;
  /** `user`, `token` or `system`, as in the audit log. */
  actor_type: string;
  actor_id: string | null;
  reason: string;
  at: string;
}

/** A notice to an operator to act on a confirmed identifier, or to undo it after a successful appeal. */
export interface ScamNoticesTable {
  id: string;
  identifier_id: string;
  operator_id: string;
  /** `originating` (the sender's operator) or `terminating` (an operator whose subscribers received it). */
  role: string;
  /** `block` or `unblock`. */
  kind: string;
  sent_at: string;
  due_at: string;
  /** `blocked`, `disconnected`, `notOurNumber` or `dispute`; null until answered. */
  answer: string | null;
  answer_note: string | null;
  answered_at: string | null;
  /** `user:<id>` or `token:<id>`. */
  answered_by: string | null;
}

/** One published version of the list of confirmed identifiers. */
export interface ScamListVersionsTable {
  version: number;
  published_at: string;
  /** Identifiers on the list at this version. */
  entries: number;
}

/** What changed in one version of the list: an identifier added or removed. */
export interface ScamListChangesTable {
  version: number;
  identifier_id: string;
  /** `add` or `remove`. */
  change: string;
}

/** An appeal by the holder of a listed number, who proved control of it with a code sent to it. */
export interface ScamAppealsTable {
  id: string;
  reference: string;
  identifier_id: string;
  /** The holder's account, encrypted. */
  statement_enc: string;
  /** A contact for the decision besides the number itself, encrypted; null when none. */
  contact_enc: string | null;
  language: string;
  /** `open`, `upheld` or `overturned`. */
  state: string;
  filed_at: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_reason: string | null;
}

/** A one-time code sent to a number to prove it: for a reporter, or for the holder of a listed number. */
export interface ScamNumberChecksTable {
  id: string;
  /** Keyed hash of the browser's random token (the cookie holds the token). */
  token_hash: string;
  /** `reporter` or `holder`. */
  purpose: string;
  number_hash: string;
  number_enc: string;
  code_hash: string;
  attempts: number;
  sent_at: string;
  expires_at: string;
  verified_at: string | null;
}

/** A stored identifier. */
export type ScamIdentifierRow = Selectable<ScamIdentifiersTable>;
/** A stored report. */
export type ScamReportRow = Selectable<ScamReportsTable>;
/** A report to store. */
export type NewScamReportRow = Insertable<ScamReportsTable>;
/** A stored notice. */
export type ScamNoticeRow = Selectable<ScamNoticesTable>;
/** A stored appeal. */
export type ScamAppealRow = Selectable<ScamAppealsTable>;

declare module '../../platform/db/database.ts' {
  interface Database {
    scam_identifiers: ScamIdentifiersTable;
    scam_reports: ScamReportsTable;
    scam_report_targets: ScamReportTargetsTable;
    scam_screenshots: ScamScreenshotsTable;
    scam_campaigns: ScamCampaignsTable;
    scam_reporters: ScamReportersTable;
    scam_reviews: ScamReviewsTable;
    scam_identifier_events: ScamIdentifierEventsTable;
    scam_notices: ScamNoticesTable;
    scam_list_versions: ScamListVersionsTable;
    scam_list_changes: ScamListChangesTable;
    scam_appeals: ScamAppealsTable;
    scam_number_checks: ScamNumberChecksTable;
  }
}
