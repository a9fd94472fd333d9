/** The URL paths of the staff's review of reported identifiers, served by its routes and linked by its views. */
export const REVIEW_PATHS = {
  queue: '/staff/scams',
  identifier: '/staff/scams/identifiers/:id',
  open: '/staff/scams/identifiers/:id/open',
  decide: '/staff/scams/identifiers/:id/decide',
  clear: '/staff/scams/identifiers/:id/clear',
  screenshot: '/staff/scams/reports/:id/screenshot',
  campaign: '/staff/scams/campaigns/:id',
} as const;

/** A review path with its `:id` filled in. */
export function reviewPath(path: (typeof REVIEW_PATHS)[keyof typeof REVIEW_PATHS], id: string): string {
  return path.replace(':id', encodeURIComponent(id));
}
