import type { FastifyReply, FastifyRequest } from 'fastify';
import { platformMessage, RateLimited, Unauthorized } from '../http/errors.ts';
import type { App } from '../module.ts';
import type { AuthService } from './auth.service.ts';
import { bearerToken, SESSION_COOKIE } from './credential.ts';
import './principal.ts';

/** Options of the session cookie. */
export interface SessionCookieOptions {
  isCookieSecure: boolean;
}

/** Sets the session cookie (a browser-session cookie; the server enforces idle and maximum age). */
export function setSessionCookie(reply: FastifyReply, token: string, options: SessionCookieOptions): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.isCookieSecure });
}

/** Removes the session cookie. */
export function clearSessionCookie(reply: FastifyReply, options: SessionCookieOptions): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.isCookieSecure });
}

const UNAUTHENTICATED_PREFIXES = ['/assets/', '/healthz', '/readyz', '/metrics'];

/**
 * Adds the hook that sets `request.principal` on every request: from `Authorization: Bearer`
 * on `/api/` paths (cookies are ignored there, so API calls cannot be forged from a page), from
 * the session cookie elsewhere. A presented but wrong token is refused at once and counted.
 */
export function registerAuthHook(app: App, service: AuthService, options: SessionCookieOptions): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const url = request.url;
    if (UNAUTHENTICATED_PREFIXES.some((p) => url.startsWith(p))) return;
    if (url.startsWith('/api/')) {
      const header = request.headers.authorization;
      if (header === undefined) return;
      const token = bearerToken(header);
      const result = token ? await service.authenticateToken(token, request.ip) : { kind: 'refused' as const };
      if (result.kind === 'valid') {
        request.principal = result.principal;
        return;
      }
      if (result.kind === 'locked')
        throw new RateLimited(result.retryAfterSeconds, 'TOKEN_ATTEMPTS_LOCKED', platformMessage('error.tokenAttemptsLocked.detail'));
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      throw new Unauthorized('TOKEN_REFUSED', platformMessage('error.tokenRefused.detail'));
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const principal = await service.resolveSession(cookie);
    if (principal) request.principal = principal;
    else clearSessionCookie(reply, options);
  });
}
