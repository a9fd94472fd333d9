/** The operator portal's list of scam notices (an operator's agent sees its own, staff all). */
export const NOTICES_PATH = '/operator/scams/notices';

/** The staff view of notices per operator: open, answered, overdue. */
export const STAFF_NOTICES_PATH = '/staff/scams/notices';

/** The page of one notice with its answer form. */
export function noticePath(id: string): string {
  return `${NOTICES_PATH}/${encodeURIComponent(id)}`;
}
