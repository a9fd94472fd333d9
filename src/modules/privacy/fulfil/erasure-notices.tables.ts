/** A notice to an operator to erase its copy of what an erasure request erased (migration `2026-12-27-80-privacy-03-erasures`). */
export interface PrivacyErasureNoticesTable {
  id: string;
  request_reference: string;
  operator_id: string;
  /** The names of the kinds of record the notice names, as a JSON array. */
  kinds_json: string;
  language: string;
  /** How many of the operator's agents the e-mail went to (0 when the operator has none). */
  recipients: number;
  sent_at: string;
}

declare module '../../../platform/db/database.ts' {
  interface Database {
    privacy_erasure_notices: PrivacyErasureNoticesTable;
  }
}
