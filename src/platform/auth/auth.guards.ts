import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../audit/index.ts';
import { Forbidden, platformMessage, Unauthorized } from '../http/errors.ts';
import { isMachinePath } from '../http/problem.ts';
import { actorFor } from './auth.shared.ts';
import type { Principal, Role } from './principal.ts';

/** A signed-in person who completed both factors. */
export type StaffPrincipal = Extract<Principal, { kind: 'user' }>;

/** A machine that presented a valid API token. */
export type TokenPrincipal = Extract<Principal, { kind: 'token' }>;

/** A route hook that lets a request through or answers it. */
export type PreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** The page where a temporary password is replaced; the only page such a session may open. */
export const PASSWORD_PAGE = '/staff/password';

/**
 * A preHandler for staff pages: anonymous visitors are sent to the sign-in page (303), a
 * session still waiting for its code to the code page, a temporary password to the password
 * page; a signed-in role not among `roles` gets 403. No roles means any signed-in role.
 */
export function requireUser(...roles: Role[]): PreHandler {
  return async (request, reply) => {
    const principal = request.principal;
    const isMachine = isMachinePath(request.url);
    if (principal?.kind !== 'user') {
      if (isMachine) throw new Unauthorized();
      return reply.redirect('/staff/sign-in', 303);
    }
    if (!principal.isMfaVerified) {
      if (isMachine) throw new Unauthorized();
      return reply.redirect('/staff/sign-in/code', 303);
    }
    if (principal.isPasswordChangeRequired && request.routeOptions.url !== PASSWORD_PAGE) return reply.redirect(PASSWORD_PAGE, 303);
    if (roles.length > 0 && !roles.includes(principal.role)) throw new Forbidden('ROLE_FORBIDDEN', platformMessage('error.roleForbidden.detail'));
    return undefined;
  };
}

/**
 * A preHandler for API routes: 401 problem+json without a valid bearer token, 403 when the
 * token lacks `permission`. Invalid tokens were already refused by the authentication hook.
 */
export function requireToken(permission: string): PreHandler {
  return async (request, reply) => {
    const principal = request.principal;
    if (principal?.kind !== 'token') {
      reply.header('www-authenticate', 'Bearer');
      throw new Unauthorized('TOKEN_REQUIRED', platformMessage('error.tokenRequired.detail'));
    }
    if (!principal.permissions.includes(permission))
      throw new Forbidden('TOKEN_PERMISSION_MISSING', platformMessage('error.tokenPermissionMissing.detail', { permission }));
    return undefined;
  };
}

/** The signed-in staff member of a request guarded by {@link requireUser}; throws otherwise. */
export function staffOf(request: FastifyRequest): StaffPrincipal {
  const principal = request.principal;
  if (principal?.kind !== 'user' || !principal.isMfaVerified) throw new Unauthorized();
  return principal;
}

/** The token of a request guarded by {@link requireToken}; throws otherwise. */
export function tokenOf(request: FastifyRequest): TokenPrincipal {
  const principal = request.principal;
  if (principal?.kind !== 'token') throw new Unauthorized('TOKEN_REQUIRED', platformMessage('error.tokenRequired.detail'));
  return principal;
}

/** Who the audit log records for a request: the user, the token, or the system for anonymous requests. */
export function actorOf(request: FastifyRequest): Actor {
  return actorFor(request.principal);
}
