/** The URL paths of data-subject requests, served by their routes and linked by their views. */
export const REQUEST_PATHS = {
  start: '/privacy/requests',
  code: '/privacy/requests/code',
  details: '/privacy/requests/details',
  follow: '/privacy/requests/follow',
  followCode: '/privacy/requests/follow/code',
  followResult: '/privacy/requests/follow/request',
  followArchive: '/privacy/requests/follow/archive',
  followEnd: '/privacy/requests/follow/end',
  staffList: '/staff/privacy/requests',
  staffNew: '/staff/privacy/requests/new',
} as const;
