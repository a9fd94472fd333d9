/** The paths of the appeal, served by its routes and linked by its views. */
export const APPEAL_PATHS = {
  start: '/scams/appeal',
  code: '/scams/appeal/code',
  statement: '/scams/appeal/statement',
  staffList: '/staff/scams/appeals',
} as const;
