/**
 * What an API token may be allowed to do. Modules add their permission here when they add an
 * API that needs one; a token carries a subset chosen when it is created.
 */
export const PERMISSIONS = [
  'offers:write',
  'complaints:read',
  'complaints:respond',
  'complaints:subscribers',
  'devices:upload',
  'devices:check',
  'devices:lists',
  'quality:write',
  'quality:kpis',
  'scams:notices',
  'scams:list',
  'open-data:read',
] as const;

/** One API permission. */
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What an operator's own systems do: upload its offers, answer its complaints, send its dumps and
 * KPIs, fetch its lists, answer scam notices and fetch the list of confirmed scam identifiers, read
 * open data. A bank's token carries `scams:list` alone. The rest (subscriber numbers behind the published rates,
 * measurements that feed the public figures, dealers' bulk checks) is for tokens the regulator issues.
 */
export const OPERATOR_TOKEN_PERMISSIONS: readonly Permission[] = [
  'offers:write',
  'complaints:read',
  'complaints:respond',
  'devices:upload',
  'devices:lists',
  'quality:kpis',
  'scams:notices',
  'scams:list',
  'open-data:read',
];

/** The permissions a token issued by (or on behalf of) an account of `role` may carry. */
export function grantablePermissions(role: string): readonly Permission[] {
  return role === 'operator_agent' ? OPERATOR_TOKEN_PERMISSIONS : PERMISSIONS;
}

/** Narrows a string to a known permission. */
export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
