import type { SqlBool } from 'kysely';

/** One run of the retention schedule: nightly, on demand, dry or real. */
export interface PrivacyRetentionRunsTable {
  id: string;
  is_dry_run: SqlBool;
  /** The day of the run in the profile's time zone (`YYYY-MM-DD`). */
  run_date: string;
  /** `schedule` for the nightly run, `command` for `kinga privacy retention`, or `user:<id>` for staff. */
  requested_by: string;
  requested_at: string;
  /** Null while the run waits in the job queue. */
  started_at: string | null;
  finished_at: string | null;
}

/** What one run did to one kind of record. */
export interface PrivacyRetentionRunKindsTable {
  run_id: string;
  kind: string;
  /** The rule in force for the run, as JSON. */
  rule_json: string;
  /** Whether the rule is the module's default (the profile names none). */
  is_default_rule: SqlBool;
  cutoff: string;
  /** Records acted on (or due, in a dry run); null when the kind failed. */
  count: number | null;
  /** Why the kind failed (the error's message, never a record's data); null when it ran. */
  error: string | null;
}

/** A legal hold staff placed on one record: the schedule and erasure requests leave it alone. */
export interface PrivacyLegalHoldsTable {
  id: string;
  kind: string;
  record_id: string;
  /** Sealed (context `privacy_legal_holds.reason`): staff may name a person in it. */
  reason_enc: string;
  case_reference: string;
  placed_by: string | null;
  placed_at: string;
  released_by: string | null;
  released_at: string | null;
}

declare module '../../../platform/db/database.ts' {
  interface Database {
    privacy_retention_runs: PrivacyRetentionRunsTable;
    privacy_retention_run_kinds: PrivacyRetentionRunKindsTable;
    privacy_legal_holds: PrivacyLegalHoldsTable;
  }
}
