import type { SqlBool } from 'kysely';

/** Rows of the platform's own tables; instants are ISO 8601 strings in UTC. */
export interface KingaMetaTable {
  key: string;
  value: string;
  updated_at: string;
}

/** A staff, operator or association account. Personal values are encrypted; lookups use keyed hashes. */
export interface UsersTable {
  id: string;
  email_hash: string;
  email_enc: string;
  display_name_enc: string;
  role: string;
  operator_id: string | null;
  organisation: string | null;
  password_hash: string;
  totp_secret_enc: string | null;
  totp_confirmed_at: string | null;
  totp_last_step: number | null;
  is_active: SqlBool;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  /** Set when someone else chose the password; it must be replaced at the next sign-in (migration 02-auth). */
  is_password_temporary: SqlBool;
}

/** A signed-in browser; only the hash of its cookie token is stored. */
export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  is_mfa_verified: SqlBool;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

/** A machine credential for uploads and API calls; only its hash is stored. */
export interface ApiTokensTable {
  id: string;
  token_hash: string;
  prefix: string;
  name: string;
  created_by: string;
  operator_id: string | null;
  permissions: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Failed sign-ins counted by a keyed hash of the account or address. */
export interface LoginThrottleTable {
  key_hash: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

/** Messages sent to one e-mail address, or asked for from one client address, in the current window. */
export interface SendCountersTable {
  key_hash: string;
  sends: number;
  window_started_at: string;
}

/** One entry of the hash-chained audit log. */
export interface AuditLogTable {
  seq: number;
  id: string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * The last link of the audit chain: the sequence number (the count of entries) and hash of the
 * newest entry, the first entry whose hash is keyed (older ones were written before the chain was
 * keyed), and an HMAC of the three under the audit key, so the head cannot be moved without it.
 * `keyed_from` and `mac` are null only in a log written before migration 2026-12-01-01.
 */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  keyed_from: number | null;
  mac: string | null;
}

/** A durable unit of background work. */
export interface JobsTable {
  id: string;
  type: string;
  payload_enc: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  unique_key: string | null;
  created_at: string;
  finished_at: string | null;
}

declare module './database.ts' {
  interface Database {
    kinga_meta: KingaMetaTable;
    users: UsersTable;
    sessions: SessionsTable;
    api_tokens: ApiTokensTable;
    login_throttle: LoginThrottleTable;
    send_counters: SendCountersTable;
    audit_log: AuditLogTable;
    audit_head: AuditHeadTable;
    jobs: JobsTable;
  }
}
