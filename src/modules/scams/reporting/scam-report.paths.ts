/** The URL paths of the scam report pages, served by their routes and linked by their views. */
export const SCAM_REPORT_PATHS = {
  start: '/scams/report',
  urgent: '/scams/report/urgent',
  number: '/scams/report/number',
  code: '/scams/report/code',
  details: '/scams/report/details',
} as const;
