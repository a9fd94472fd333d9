import type { Permission } from '../../platform/auth/index.ts';

/** The token permission of measurement imports by machines (drive tests, crowdsourcing apps). */
export const IMPORT_PERMISSION: Permission = 'quality:write';
