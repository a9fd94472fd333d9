import type { Role } from '../../platform/auth/principal.ts';

/** Who may open the USSD simulator: the regulator's own staff. */
export const SIMULATOR_ROLES: readonly Role[] = ['admin', 'officer'];
