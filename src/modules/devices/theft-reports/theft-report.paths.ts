/** The URL paths of lost and stolen reports, served by their routes and linked by their views. */
export const REPORT_PATHS = {
  start: '/devices/report',
  code: '/devices/report/code',
  details: '/devices/report/details',
  staffList: '/staff/devices/reports',
} as const;
