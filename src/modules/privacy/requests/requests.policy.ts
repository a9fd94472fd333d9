import type { Role } from '../../../platform/auth/principal.ts';

/** Who handles data-subject requests: the regulator's administrators and officers (the data-protection officer among them). */
export const REQUEST_STAFF_ROLES: readonly Role[] = ['admin', 'officer'];
