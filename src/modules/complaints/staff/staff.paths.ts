/** The paths of the regulator's and associations' complaint pages. */
export const COMPLAINT_PATHS = {
  queue: '/staff/complaints',
  newCase: '/staff/complaints/new',
  privacy: '/staff/complaints/privacy',
  associationList: '/staff/association/complaints',
} as const;

/** The path of one case page for staff. */
export const staffCasePath = (reference: string) => `${COMPLAINT_PATHS.queue}/${reference}`;
