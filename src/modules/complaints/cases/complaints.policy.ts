import type { Role } from '../../../platform/auth/index.ts';

/** Regulator staff who work the queue and open cases. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'officer'];
/** Who may enter a complaint on a consumer's behalf: staff (phone, post, in person) and association representatives. */
export const FILING_ROLES: readonly Role[] = ['admin', 'officer', 'association_rep'];
/** Consumer association representatives, who see the list of the cases their association filed. */
export const ASSOCIATION_ROLES: readonly Role[] = ['association_rep'];
/** Operator agents, who see only their operator's cases. */
export const OPERATOR_ROLES: readonly Role[] = ['operator_agent'];
/** The token permission to list and read an operator's cases. */
export const READ_PERMISSION = 'complaints:read';
/** The token permission to answer cases. */
export const RESPOND_PERMISSION = 'complaints:respond';
/** Regulator staff who enter the subscriber numbers behind the published complaint rates. */
export const STATISTICS_ROLES: readonly Role[] = ['admin', 'officer'];
/** The token permission of a regulator token (bound to no operator) to send subscriber numbers. */
export const SUBSCRIBERS_PERMISSION = 'complaints:subscribers';
