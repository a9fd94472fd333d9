/** The paths of the staff and operator pages. */
export const COMPLAINT_PATHS = {
  queue: '/staff/complaints',
  newCase: '/staff/complaints/new',
  privacy: '/staff/complaints/privacy',
  operatorList: '/staff/operator/complaints',
  associationList: '/staff/association/complaints',
} as const;

/** The path of one case page for staff. */
export const staffCasePath = (reference: string) => `${COMPLAINT_PATHS.queue}/${reference}`;
/** The path of one case page in the operator portal. */
export const operatorCasePath = (reference: string) => `${COMPLAINT_PATHS.operatorList}/${reference}`;
