/** The URL paths of a reporter's recovery and of the staff's trace alerts, served by their routes and linked by their views. */
export const RECOVERY_PATHS = {
  recover: '/devices/recover',
  recoverCode: '/devices/recover/code',
  staffAlerts: '/staff/devices/alerts',
} as const;
