import type { Principal, Role } from './principal.ts';

/** Who asks for an action: a signed-in person, a machine, or the `kinga` command run on the server. */
export type Caller = Principal | { kind: 'system' };

/** A staff member who completed both factors. */
type StaffUser = Extract<Principal, { kind: 'user' }>;

function verifiedUser(caller: Caller): StaffUser | null {
  return caller.kind === 'user' && caller.isMfaVerified ? caller : null;
}

/** Whether the caller may list, create and disable accounts: administrators and the server's own command. */
export function canManageUsers(caller: Caller): boolean {
  return caller.kind === 'system' || verifiedUser(caller)?.role === 'admin';
}

/** Whether the caller may see accounts' e-mail addresses (administrators only). */
export function canSeeEmails(caller: Caller): boolean {
  return canManageUsers(caller);
}

/** Whether the caller may issue and revoke API tokens: administrators, and operator agents for their own operator. */
export function canManageTokens(caller: Caller): boolean {
  if (caller.kind === 'system') return true;
  const user = verifiedUser(caller);
  if (!user) return false;
  return user.role === 'admin' || (user.role === 'operator_agent' && user.operatorId !== null);
}

/**
 * The operator a new token will be scoped to, or `false` when the caller may not scope it so:
 * administrators choose freely (none means the regulator's own), an operator agent only their operator.
 */
export function tokenScopeFor(caller: Caller, requestedOperatorId: string | null): string | null | false {
  if (!canManageTokens(caller)) return false;
  const user = verifiedUser(caller);
  if (!user || user.role === 'admin') return requestedOperatorId;
  if (requestedOperatorId !== null && requestedOperatorId !== user.operatorId) return false;
  return user.operatorId;
}

/** Whether the caller may see or revoke a token scoped to `operatorId`. */
export function canAccessToken(caller: Caller, operatorId: string | null): boolean {
  if (!canManageTokens(caller)) return false;
  const user = verifiedUser(caller);
  if (!user || user.role === 'admin') return true;
  return operatorId !== null && operatorId === user.operatorId;
}

/** The operator whose tokens the caller sees: undefined for every token, a string for one operator. */
export function tokenListScope(caller: Caller): string | undefined {
  const user = verifiedUser(caller);
  return user && user.role !== 'admin' ? (user.operatorId ?? '') : undefined;
}

/** A link on the staff dashboard. */
export interface StaffLink {
  href: string;
  labelKey: string;
  descriptionKey: string;
  /** What waits behind the link, as the dashboard says it. */
  figures?: readonly { text: string; isAlert: boolean }[];
}

/** The staff pages a role may open, shown on the dashboard. */
export function staffLinksFor(role: Role, caller: Caller): StaffLink[] {
  const links: StaffLink[] = [];
  if (canManageUsers(caller)) links.push({ href: '/staff/users', labelKey: 'staff.users.title', descriptionKey: 'staff.dashboard.usersLink' });
  if (canManageTokens(caller))
    links.push({
      href: '/staff/tokens',
      labelKey: 'staff.tokens.title',
      descriptionKey: role === 'admin' ? 'staff.dashboard.tokensLink' : 'staff.dashboard.tokensLinkOperator',
    });
  links.push({ href: '/staff/password', labelKey: 'staff.password.title', descriptionKey: 'staff.dashboard.passwordLink' });
  return links;
}
