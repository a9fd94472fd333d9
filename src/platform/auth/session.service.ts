import { actorFor, isRole, iso, TOUCH_INTERVAL_MS, type AuthServiceDeps } from './auth.shared.ts';
import { sha256 } from './credential.ts';
import type { Principal } from './principal.ts';

/** Sessions for every request of a signed-in person: finding the principal of a cookie, signing out, and purging old sessions. */
export function createSessionService(deps: AuthServiceDeps) {
  const { repository, audit, clock, keyring, settings } = deps;

  return {
    /**
     * The principal of a session cookie, or null when the session is unknown, idle too long,
     * past its maximum age, or its account was disabled (such sessions are deleted).
     */
    async resolveSession(token: string): Promise<Extract<Principal, { kind: 'user' }> | null> {
      if (token.length > 100) return null;
      const found = await repository.findSessionByTokenHash(sha256(token));
      if (!found) return null;
      const { session, user } = found;
      const now = clock.now().getTime();
      const lastSeen = Date.parse(session.last_seen_at);
      const isExpired = Date.parse(session.expires_at) <= now || lastSeen + settings.idleMinutes * 60_000 <= now;
      if (isExpired || !user.is_active || !isRole(user.role)) {
        await repository.deleteSession(session.id);
        return null;
      }
      // Once a minute is enough to measure idleness and spares a write on every request.
      if (now - lastSeen >= TOUCH_INTERVAL_MS) await repository.touchSession(session.id, iso(new Date(now)));
      return {
        kind: 'user',
        userId: user.id,
        sessionId: session.id,
        role: user.role,
        operatorId: user.operator_id,
        displayName: keyring.decrypt(user.display_name_enc, 'users.display_name'),
        isMfaVerified: Boolean(session.is_mfa_verified),
        isPasswordChangeRequired: Boolean(user.is_password_temporary),
      };
    },

    /** Ends a session. */
    async signOut(principal: Extract<Principal, { kind: 'user' }>): Promise<void> {
      await repository.inTransaction(async (tx, trx) => {
        await tx.deleteSession(principal.sessionId);
        if (principal.isMfaVerified) {
          await audit.record(trx, {
            actor: actorFor(principal),
            action: 'user.signed_out',
            entityType: 'user',
            entityId: principal.userId,
            details: { sessionId: principal.sessionId },
          });
        }
      });
    },
  };
}
