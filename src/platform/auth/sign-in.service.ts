import type { Actor } from '../audit/index.ts';
import { NotFound } from '../http/errors.ts';
import type { UserRow } from './auth.repository.ts';
import { actorFor, iso, type AuthServiceDeps, type AuthShared, type FieldIssue, type Outcome } from './auth.shared.ts';
import { newSessionToken, sha256 } from './credential.ts';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './password.ts';
import type { Principal } from './principal.ts';
import { generateTotpSecret, groupSecret, matchTotp, totpUri } from './totp.ts';

/** The result of the password step. */
export type PasswordStepResult =
  | { kind: 'invalid'; issues: FieldIssue[] }
  | { kind: 'refused' }
  | { kind: 'locked'; retryAfterSeconds: number }
  | { kind: 'pending'; sessionToken: string; next: 'code' | 'setup' };

/** The result of the second-factor step. */
export type CodeStepResult =
  | { kind: 'invalid'; issues: FieldIssue[] }
  | { kind: 'refused' }
  | { kind: 'locked'; retryAfterSeconds: number }
  | { kind: 'signed-in'; sessionToken: string; isPasswordChangeRequired: boolean };

/** The result of changing one's password: done, fields to correct, or too many wrong current passwords. */
export type PasswordChangeResult = Outcome<null> | { ok: false; isLocked: true; retryAfterSeconds: number };

/** What a person sees while enrolling an authenticator app. */
export interface TotpEnrolment {
  secret: string;
  groupedSecret: string;
  uri: string;
}

// Between the password and the code: long enough to find the phone, short enough that a half-open session soon dies.
const PENDING_SESSION_MS = 10 * 60_000;

/** Sign-in for the person at the sign-in pages: password, second factor, enrolment, and changing one's own password. */
export function createSignInService(deps: AuthServiceDeps, shared: AuthShared) {
  const { repository, audit, clock, elapsedClock, keyring, passwords, logger, settings } = deps;
  const { lockMs, emailHashOf, accountAtAddressThrottle, accountThrottle, addressThrottle, lockedFor, countFailure } = shared;

  /** Completes sign-in after a matched code: claims the step, rotates the session token, audits. */
  async function finishSignIn(user: UserRow, sessionId: string, step: number, isEnrolment: boolean, ip: string): Promise<string | null> {
    const token = newSessionToken();
    const now = iso(clock.now());
    const isDone = await repository.inTransaction(async (tx, trx) => {
      if (isEnrolment) await tx.confirmTotp(user.id, step, now);
      else if (!(await tx.claimTotpStep(user.id, step))) return false;
      await tx.verifySession(sessionId, sha256(token), now, iso(new Date(clock.now().getTime() + settings.maxHours * 3_600_000)));
      await tx.markSignedIn(user.id, now);
      const actor: Actor = { type: 'user', id: user.id };
      if (isEnrolment) await audit.record(trx, { actor, action: 'user.mfa_enrolled', entityType: 'user', entityId: user.id });
      await audit.record(trx, { actor, action: 'user.signed_in', entityType: 'user', entityId: user.id, details: { sessionId } });
      return true;
    });
    if (!isDone) return null;
    await repository.clearThrottle(accountThrottle(user.email_hash).key);
    await repository.clearThrottle(accountAtAddressThrottle(user.email_hash, ip).key);
    logger.info({ userId: user.id, sessionId }, 'signed in');
    return token;
  }

  /** The shared second-factor step of sign-in and of enrolment. */
  async function checkCode(input: { sessionId: string; userId: string; code: string; ip: string }, isEnrolment: boolean): Promise<CodeStepResult> {
    const code = input.code.replace(/\s/g, '');
    if (code === '') return { kind: 'invalid', issues: [{ field: 'code', messageKey: 'auth.code.missing' }] };
    if (!/^\d{6}$/.test(code)) return { kind: 'invalid', issues: [{ field: 'code', messageKey: 'auth.code.format' }] };
    const user = await repository.findUserById(input.userId);
    if (!user || !user.is_active || !user.totp_secret_enc || (user.totp_confirmed_at === null) !== isEnrolment) return { kind: 'refused' };
    const keys = [accountThrottle(user.email_hash), addressThrottle(input.ip)];
    const waitSeconds = await lockedFor(keys);
    if (waitSeconds > 0) {
      await repository.deleteSession(input.sessionId);
      return { kind: 'locked', retryAfterSeconds: waitSeconds };
    }
    const secret = keyring.decrypt(user.totp_secret_enc, 'users.totp_secret');
    const step = matchTotp(secret, code, elapsedClock.now(), isEnrolment ? null : user.totp_last_step);
    const token = step === null ? null : await finishSignIn(user, input.sessionId, step, isEnrolment, input.ip);
    if (token) return { kind: 'signed-in', sessionToken: token, isPasswordChangeRequired: Boolean(user.is_password_temporary) };
    logger.warn({ userId: user.id, step: 'code' }, 'sign-in refused');
    const lockSeconds = await countFailure(keys);
    if (lockSeconds > 0) {
      // The pending session ends with the lock, so the next try starts again from the password.
      await repository.deleteSession(input.sessionId);
      return { kind: 'locked', retryAfterSeconds: lockSeconds };
    }
    return { kind: 'refused' };
  }

  return {
    /** Checks e-mail and password; on success opens a session that still needs the second factor. */
    async submitPassword(input: { email: string; password: string; ip: string; replacingSessionId?: string | undefined }): Promise<PasswordStepResult> {
      const issues: FieldIssue[] = [];
      if (input.email.trim() === '') issues.push({ field: 'email', messageKey: 'auth.signIn.emailMissing' });
      if (input.password === '') issues.push({ field: 'password', messageKey: 'auth.signIn.passwordMissing' });
      if (issues.length > 0) return { kind: 'invalid', issues };

      const emailHash = emailHashOf(input.email);
      const keys = [accountAtAddressThrottle(emailHash, input.ip), addressThrottle(input.ip)];
      // The account-wide lock comes from wrong codes; it is checked here but only codes count towards it.
      const waitSeconds = await lockedFor([...keys, accountThrottle(emailHash)]);
      if (waitSeconds > 0) return { kind: 'locked', retryAfterSeconds: waitSeconds };

      const user = await repository.findUserByEmailHash(emailHash);
      const isPasswordRight = user ? await passwords.verify(user.password_hash, input.password) : await passwords.verifyNothing(input.password);
      if (!user || !isPasswordRight || !user.is_active) {
        logger.warn({ userId: user?.id ?? null, step: 'password' }, 'sign-in refused');
        const lockSeconds = await countFailure(keys);
        return lockSeconds > 0 ? { kind: 'locked', retryAfterSeconds: lockSeconds } : { kind: 'refused' };
      }

      const token = newSessionToken();
      const now = clock.now();
      const elapsedNow = elapsedClock.now();
      await repository.inTransaction(async (tx) => {
        if (input.replacingSessionId) await tx.deleteSession(input.replacingSessionId);
        // Housekeeping rides on sign-in, which is rare enough to pay for it and frequent enough to keep the tables small.
        await tx.deleteSessionsBefore(iso(now), iso(new Date(now.getTime() - settings.idleMinutes * 60_000)));
        await tx.deleteStaleThrottles(iso(new Date(elapsedNow.getTime() - lockMs)), iso(elapsedNow));
        await tx.insertSession({
          id: deps.ids(),
          token_hash: sha256(token),
          user_id: user.id,
          is_mfa_verified: false,
          created_at: iso(now),
          last_seen_at: iso(now),
          expires_at: iso(new Date(now.getTime() + Math.min(PENDING_SESSION_MS, settings.maxHours * 3_600_000))),
        });
      });
      return { kind: 'pending', sessionToken: token, next: user.totp_confirmed_at ? 'code' : 'setup' };
    },

    /** Which second-factor page a half-signed-in account needs. */
    async pendingStep(userId: string): Promise<'code' | 'setup'> {
      const user = await repository.findUserById(userId);
      return user?.totp_confirmed_at ? 'code' : 'setup';
    },

    /** Checks the authenticator code of an enrolled account and completes sign-in. */
    submitCode(input: { sessionId: string; userId: string; code: string; ip: string }): Promise<CodeStepResult> {
      return checkCode(input, false);
    },

    /** Returns the secret to enrol, creating it on first call; null when the account already has one confirmed. */
    async beginTotpEnrolment(userId: string): Promise<TotpEnrolment | null> {
      const user = await repository.findUserById(userId);
      if (!user || user.totp_confirmed_at) return null;
      let secret: string;
      if (user.totp_secret_enc) secret = keyring.decrypt(user.totp_secret_enc, 'users.totp_secret');
      else {
        secret = generateTotpSecret();
        await repository.setTotpSecret(user.id, keyring.encrypt(secret, 'users.totp_secret'), iso(clock.now()));
      }
      const label = keyring.decrypt(user.email_enc, 'users.email');
      return { secret, groupedSecret: groupSecret(secret), uri: totpUri(secret, label, settings.issuer) };
    },

    /** Confirms enrolment with a first code and completes sign-in. */
    confirmTotpEnrolment(input: { sessionId: string; userId: string; code: string; ip: string }): Promise<CodeStepResult> {
      return checkCode(input, true);
    },

    /**
     * Replaces the signed-in person's password and ends their other sessions. Wrong current
     * passwords count as failed sign-ins do, at the caller's address: a stolen session must not
     * serve to guess the password. At the limit the session ends.
     */
    async changePassword(
      principal: Extract<Principal, { kind: 'user' }>,
      input: { currentPassword: string; newPassword: string; confirmation: string; ip: string },
    ): Promise<PasswordChangeResult> {
      const user = await repository.findUserById(principal.userId);
      if (!user) throw new NotFound('USER_NOT_FOUND');
      const keys = [accountAtAddressThrottle(user.email_hash, input.ip), addressThrottle(input.ip)];
      const lockOut = async (retryAfterSeconds: number): Promise<PasswordChangeResult> => {
        await repository.inTransaction(async (tx, trx) => {
          await tx.deleteSession(principal.sessionId);
          await audit.record(trx, {
            actor: actorFor(principal),
            action: 'user.password_check_locked',
            entityType: 'user',
            entityId: user.id,
            details: { sessionId: principal.sessionId },
          });
        });
        logger.warn({ userId: user.id, sessionId: principal.sessionId }, 'password change locked');
        return { ok: false, isLocked: true, retryAfterSeconds };
      };
      const issues: FieldIssue[] = [];
      if (input.currentPassword === '') issues.push({ field: 'currentPassword', messageKey: 'auth.password.currentMissing' });
      else {
        const waitSeconds = await lockedFor([...keys, accountThrottle(user.email_hash)]);
        if (waitSeconds > 0) return lockOut(waitSeconds);
        if (!(await passwords.verify(user.password_hash, input.currentPassword))) {
          const lockSeconds = await countFailure(keys);
          if (lockSeconds > 0) return lockOut(lockSeconds);
          issues.push({ field: 'currentPassword', messageKey: 'auth.password.currentWrong' });
        }
      }
      const problem = passwordProblem(input.newPassword, keyring.decrypt(user.email_enc, 'users.email'));
      if (problem) issues.push({ field: 'newPassword', messageKey: problem, values: { min: MIN_PASSWORD_LENGTH } });
      else if (input.newPassword === input.currentPassword) issues.push({ field: 'newPassword', messageKey: 'auth.password.sameAsCurrent' });
      if (input.confirmation !== input.newPassword) issues.push({ field: 'confirmation', messageKey: 'auth.password.mismatch' });
      if (issues.length > 0) return { ok: false, issues };
      const passwordHash = await passwords.hash(input.newPassword);
      await repository.inTransaction(async (tx, trx) => {
        await tx.setPassword(user.id, passwordHash, false, iso(clock.now()));
        await tx.deleteOtherSessions(user.id, principal.sessionId);
        await audit.record(trx, { actor: actorFor(principal), action: 'user.password_changed', entityType: 'user', entityId: user.id });
      });
      return { ok: true, value: null };
    },
  };
}
