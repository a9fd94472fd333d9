import type { Role } from '../../../platform/auth/index.ts';

/** The roles that open the compliance view of operators' offers: the regulator's officers and administrators. */
export const COMPLIANCE_ROLES: readonly Role[] = ['admin', 'officer'];
