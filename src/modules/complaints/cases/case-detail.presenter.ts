import type { Role } from '../../../platform/auth/index.ts';
import type { ComplaintCase } from './complaint-case.ts';

/** A case as the regulator's case page shows it: the case, and whether the one reading it may reopen it. */
export interface CaseDetail extends ComplaintCase {
  /** Closed cases reopen within the review window, later only for an administrator. */
  canReopen: boolean;
}

/** The staff case page's view of a case, for a reader of `role` at the instant `now`. */
export function presentCaseDetail(c: ComplaintCase, reader: { role: Role; now: string }): CaseDetail {
  return { ...c, canReopen: reader.role === 'admin' || (c.reviewWindowEndsAt !== null && reader.now <= c.reviewWindowEndsAt) };
}
