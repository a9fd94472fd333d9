import type { Role } from '../../../platform/auth/principal.ts';

/** Who sees the texts Kinga sent (numbers masked) and their delivery: the regulator's staff. */
export const SMS_LOG_ROLES: readonly Role[] = ['admin', 'officer'];
