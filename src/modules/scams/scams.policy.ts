import type { Role } from '../../platform/auth/principal.ts';

/** Who reviews reported identifiers and hears appeals: the regulator's own staff (the profile names the senior roles among them). */
export const REVIEWER_ROLES: readonly Role[] = ['admin', 'officer'];

/** Who sees and answers an operator's notices in the portal: the operator's agents, and staff who supervise them. */
export const NOTICE_ROLES: readonly Role[] = ['admin', 'officer', 'operator_agent'];
