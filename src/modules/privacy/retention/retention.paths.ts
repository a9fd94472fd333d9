/** The paths of the retention capability, served by its routes and linked by its views. */
export const RETENTION_PATHS = {
  public: '/privacy',
  /** The data-subject requests, served by the requests capability. */
  requests: '/privacy/requests',
  staff: '/staff/privacy/retention',
  dryRun: '/staff/privacy/retention/dry-run',
  runs: '/staff/privacy/retention/runs',
  holds: '/staff/privacy/retention/holds',
  register: '/staff/privacy/register',
  registerJson: '/staff/privacy/register.json',
  registerCsv: '/staff/privacy/register.csv',
} as const;
