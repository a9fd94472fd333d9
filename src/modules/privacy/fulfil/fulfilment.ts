import type { Language } from '../../../platform/jurisdiction.ts';
import type { KeptReason, RetentionRule, SubjectIdentity } from '../../../platform/privacy/record-kinds.ts';

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
    erased: number;
    anonymised: number;
    kept: readonly { id: string; reason: KeptReason }[];
  }[];
  /** Operators served a copy of something erased, each sent a notice to erase theirs. */
  operatorIds: readonly string[];
  /** True when nothing was kept for a reason that ends (an open case): no later run is needed. */
  isFinal: boolean;
}

/** Carries out access and erasure for the requests capability. */
export interface Fulfilment {
  accessArchive(input: { identity: SubjectIdentity; language: Language; reference: string }): Promise<AccessArchive>;
  erase(input: { identity: SubjectIdentity; reference: string; policy: ErasurePolicy }): Promise<ErasureReport>;
}
