import type { SqlBool } from 'kysely';

/**
 * A complaint being written on the web, before it is filed. The browser holds a random token in
 * an HttpOnly cookie; only its keyed hash is stored. The answers are one encrypted JSON document.
 */
export interface ComplaintDraftsTable {
  id: string;
  /** The reference given when the consumer saves to come back later, such as `DR-7K3M-9Q2P-XH4T`. */
  reference: string;
  token_hash: string;
  answers_enc: string;
  /** The address the save-and-come-back code went to, encrypted; null until saved. */
  email_enc: string | null;
  /** The mobile number (E.164) the code went to instead, encrypted; null unless saved that way. */
  phone_enc: string | null;
  /** Keyed hash of that number. */
  phone_hash: string | null;
  /** The references of the filing once submitted (no personal data), for the confirmation page. */
  filed_json: string | null;
  created_at: string;
  updated_at: string;
  expires_at: string;
}

/** A file attached to a draft, encrypted at rest with its name; its type was checked by signature. */
export interface ComplaintDraftAttachmentsTable {
  id: string;
  draft_id: string;
  name_enc: string;
  media_type: string;
  size_bytes: number;
  content_enc: string;
  created_at: string;
}

/**
 * One-time codes of the consumer pages (resuming a draft, following a case), by purpose and the
 * keyed hash of the reference they open. A reference that does not exist gets a decoy row, so
 * attempts are counted and answered the same way.
 */
export interface ComplaintAccessCodesTable {
  id: string;
  purpose: 'resume' | 'follow';
  subject_hash: string;
  code_hash: string;
  attempts: number;
  created_at: string;
  expires_at: string;
}

/**
 * A browser following a filing: first waiting for the code (not verified), then, once the code
 * was right, allowed to see the filing until `expires_at`.
 */
export interface ComplaintFollowSessionsTable {
  id: string;
  token_hash: string;
  subject_hash: string;
  /** The reference as the consumer typed it, normalised; not personal data. */
  reference: string;
  is_verified: SqlBool;
  created_at: string;
  expires_at: string;
}

declare module '../../../platform/db/database.ts' {
  interface Database {
    complaint_drafts: ComplaintDraftsTable;
    complaint_draft_attachments: ComplaintDraftAttachmentsTable;
    complaint_access_codes: ComplaintAccessCodesTable;
    complaint_follow_sessions: ComplaintFollowSessionsTable;
  }
}
