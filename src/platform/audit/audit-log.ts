import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/index.ts';
import type { IdGenerator } from '../ids.ts';

/** Who made a change: a signed-in user, an API token, or Kinga itself. */
export interface Actor {
  type: 'user' | 'token' | 'system';
  id: string | null;
}

/** One change to record. `details` holds ids, codes and counts, never personal data values. */
export interface AuditEntry {
  actor: Actor;
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

/** The outcome of checking the whole chain. */
export interface AuditVerification {
  isIntact: boolean;
  entries: number;
  /** The sequence number of the first entry that does not match, when the chain is broken. */
  brokenAt?: number;
  reason?: string;
}

/** The append-only, hash-chained audit log. */
export interface AuditLog {
  /** Appends an entry inside the caller's transaction, so the change and its record commit together. */
  record(trx: Kysely<Database>, entry: AuditEntry): Promise<void>;
  /** Recomputes every hash and reports the first changed, inserted or deleted entry. */
  verify(db: Kysely<Database>): Promise<AuditVerification>;
}

/** Creates the audit log service. */
export function createAuditLog(_deps: { clock: Clock; ids: IdGenerator }): AuditLog {
  throw new Error('The audit log is being written.');
}
