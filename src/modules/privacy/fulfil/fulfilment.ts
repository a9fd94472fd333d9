import type { Actor } from '../../../platform/audit/index.ts';
import type { Language } from '../../../platform/jurisdiction.ts';
import type { KeptReason, RetentionRule, SubjectIdentity } from '../../../platform/privacy/record-kinds.ts';

export { createFulfilment } from './fulfil.wiring.ts';
export { AccessArchiveTooLargeError } from './access-archive.ts';
export { keptReasonInWords, ruleInWords } from './rule-words.ts';

/**
 * The policy in force when a request was received, kept with it: an erasure that runs again later
 * (a complaint that was open has closed) runs under it, not under a schedule changed since.
 */
export interface ErasurePolicy {
  /** The local date of receipt (YYYY-MM-DD). */
  receivedOn: string;
  /** Every kind's rule in force on that day. */
  schedule: Readonly<Record<string, RetentionRule>>;
}

/** An access request's answer: one zip file of JSON plus a readable HTML page in the person's language. */
export interface AccessArchive {
  fileName: string;
  bytes: Uint8Array;
  /** Each kind of record found, with how many records: what the staff page and the person see. */
  places: readonly { kind: string; records: number }[];
}

/** What an erasure did, kind by kind. */
export interface ErasureReport {
  kinds: readonly {
    kind: string;
    /** The kind's rule in the policy in force at receipt (its default when the policy names none). */
    rule: RetentionRule;
    erased: number;
    anonymised: number;
    /** Records kept, each with its reason; one kept under a duty to keep or for statistics cites the rule it is kept under. */
    kept: readonly { id: string; reason: KeptReason; rule?: RetentionRule }[];
  }[];
  /** Operators served a copy of something erased, each sent a notice to erase theirs. */
  operatorIds: readonly string[];
  /** True when nothing was kept for a reason that ends (an open case, a legal hold): no later run is needed. */
  isFinal: boolean;
}

/** A notice sent to an operator to erase its copy, as staff see it. */
export interface OperatorErasureNotice {
  operatorId: string;
  /** The kinds of record named (`complaints.complaints`). */
  kinds: readonly string[];
  language: Language;
  /** How many of the operator's agents were e-mailed; 0 when it has no active agent to tell. */
  recipients: number;
  sentAt: string;
}

/** Carries out access and erasure for the requests capability. */
export interface Fulfilment {
  /** One zip of every record about the person; throws {@link AccessArchiveTooLargeError} past the profile's limit. */
  accessArchive(input: { identity: SubjectIdentity; language: Language; reference: string }): Promise<AccessArchive>;
  /** Erases what may be, kind by kind, and tells each operator served a copy; `actor` is the member of staff (the system when absent). */
  erase(input: { identity: SubjectIdentity; reference: string; policy: ErasurePolicy; actor?: Actor }): Promise<ErasureReport>;
  /** The notices sent to operators for a request, oldest first. */
  operatorNotices(reference: string): Promise<readonly OperatorErasureNotice[]>;
}
