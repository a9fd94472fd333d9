import type { Permission } from '../../platform/auth/index.ts';

/** The token permission of the dealers' bulk IMEI check. */
export const CHECK_PERMISSION: Permission = 'devices:check';

/** The token permission of imports by machines (operators' uploads, the TAC database). */
export const UPLOAD_PERMISSION: Permission = 'devices:upload';

/** The roles that verify lost and stolen reports: the regulator's officers and administrators. */
export const STAFF_REPORT_ROLES = ['officer', 'admin'] as const;
