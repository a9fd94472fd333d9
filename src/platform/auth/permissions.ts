/**
 * What an API token may be allowed to do. Modules add their permission here when they add an
 * API that needs one; a token carries a subset chosen when it is created.
 */
export const PERMISSIONS = ['offers:write', 'complaints:read', 'complaints:respond', 'complaints:subscribers', 'devices:upload', 'devices:check', 'devices:lists', 'quality:write', 'quality:kpis', 'open-data:read'] as const;

/** One API permission. */
export type Permission = (typeof PERMISSIONS)[number];

/** Narrows a string to a known permission. */
export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
