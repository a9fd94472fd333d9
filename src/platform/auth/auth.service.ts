import type { Logger } from 'pino';
import type { Actor, AuditLog } from '../audit/index.ts';
import type { Clock } from '../clock.ts';
import type { Keyring } from '../crypto/index.ts';
import { Conflict, Forbidden, NotFound, platformMessage } from '../http/errors.ts';
import type { MessageValues } from '../i18n/index.ts';
import type { IdGenerator } from '../ids.ts';
import type { ApiTokenRow, AuthRepository, UserRow } from './auth.repository.ts';
import { canAccessToken, canManageTokens, canManageUsers, tokenListScope, tokenScopeFor, type Caller } from './auth.policy.ts';
import { isApiTokenShaped, isEmailShaped, newApiToken, newSessionToken, normaliseEmail, sha256 } from './credential.ts';
import { generatePassword, MIN_PASSWORD_LENGTH, passwordProblem, type PasswordHasher } from './password.ts';
import { grantablePermissions, isPermission } from './permissions.ts';
import { ROLES, type Principal, type Role } from './principal.ts';
import { generateTotpSecret, groupSecret, matchTotp, totpUri } from './totp.ts';

/** The timing rules of sign-in, from the configuration. */
export interface AuthSettings {
  idleMinutes: number;
  maxHours: number;
  maxAttempts: number;
  /** Failures allowed from one network address: higher, since an office or a carrier NAT shares one. */
  maxAttemptsPerAddress: number;
  lockMinutes: number;
  /** The name authenticator apps show next to the code. */
  issuer: string;
}

/** A counter of failed sign-ins under a keyed hash, locked after `limit` failures. */
interface Throttle {
  key: string;
  limit: number;
}

/** What the authentication service needs; every side effect arrives here. */
export interface AuthServiceDeps {
  repository: AuthRepository;
  audit: AuditLog;
  /** The instants stored in rows and used for session and token expiry (follows `KINGA_CLOCK`). */
  clock: Clock;
  /**
   * The time that must really pass: TOTP steps (the phone's app runs on real time) and lockout
   * windows (a frozen demo clock would otherwise lock an account for ever).
   */
  elapsedClock: Clock;
  ids: IdGenerator;
  keyring: Keyring;
  passwords: PasswordHasher;
  logger: Logger;
  settings: AuthSettings;
}

/** A staff account with its personal values decrypted; presenters decide what to show. */
export interface Account {
  id: string;
  email: string;
  displayName: string;
  /** One of {@link ROLES}; kept as stored so an unknown value is shown rather than guessed. */
  role: string;
  operatorId: string | null;
  organisation: string | null;
  isActive: boolean;
  hasMfa: boolean;
  isPasswordTemporary: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

/** An API token as lists show it; the secret itself is never kept. */
export interface ApiTokenInfo {
  id: string;
  name: string;
  prefix: string;
  operatorId: string | null;
  permissions: string[];
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A problem with one field of a form, as a message key. */
export interface FieldIssue {
  field: string;
  messageKey: string;
  values?: MessageValues;
}

/** The result of an action a person can correct by changing what they typed. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

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

/** The result of checking a bearer token. */
export type TokenCheckResult =
  { kind: 'valid'; principal: Extract<Principal, { kind: 'token' }> } | { kind: 'refused' } | { kind: 'locked'; retryAfterSeconds: number };

/** What a person sees while enrolling an authenticator app. */
export interface TotpEnrolment {
  secret: string;
  groupedSecret: string;
  uri: string;
}

/** The fields of a new account. */
export interface NewAccountInput {
  email: string;
  displayName: string;
  role: string;
  operatorId: string;
  organisation: string;
}

/** The fields of a new API token. */
export interface NewTokenInput {
  name: string;
  operatorId: string;
  permissions: readonly string[];
  /** Days until it stops working; empty for a token that lasts until revoked. */
  expiresInDays: string;
  /** The account recorded as its creator, when the server's own command creates it. */
  createdBy?: string;
}

/** A demo account with a known password and TOTP secret. */
export interface DemoAccountInput {
  email: string;
  displayName: string;
  role: Role;
  operatorId: string | null;
  organisation: string | null;
  password: string;
  totpSecret: string;
}

/** Staff accounts, sessions, the second factor, API tokens and sign-in throttling. */
export type AuthService = ReturnType<typeof createAuthService>;

const TOUCH_INTERVAL_MS = 60_000;
// Between the password and the code: long enough to find the phone, short enough that a half-open session soon dies.
const PENDING_SESSION_MS = 10 * 60_000;
const OPERATOR_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_NAME_LENGTH = 200;

/** True when a string names one of the account roles. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The audit actor of a caller. */
export function actorFor(caller: Caller | null): Actor {
  if (caller?.kind === 'user') return { type: 'user', id: caller.userId };
  if (caller?.kind === 'token') return { type: 'token', id: caller.tokenId };
  return { type: 'system', id: null };
}

/** Creates the authentication service. */
export function createAuthService(deps: AuthServiceDeps) {
  const { repository, audit, clock, elapsedClock, keyring, passwords, logger, settings } = deps;
  const lockMs = settings.lockMinutes * 60_000;

  const emailHashOf = (email: string) => keyring.hash(normaliseEmail(email), 'users.email');
  // Wrong passwords lock the account at the address they came from, never the account everywhere:
  // anyone on the internet may type an officer's address, and must not lock the officer out.
  const accountAtAddressThrottle = (emailHash: string, ip: string): Throttle => ({
    key: keyring.hash(`${emailHash}\u0000${ip}`, 'login.account-address'),
    limit: settings.maxAttempts,
  });
  // Wrong codes lock the account everywhere: only someone who typed the right password reaches the code.
  const accountThrottle = (emailHash: string): Throttle => ({ key: keyring.hash(emailHash, 'login.account'), limit: settings.maxAttempts });
  // An address gets more tries than an account: an office or a carrier NAT puts many people behind one.
  const addressThrottle = (ip: string): Throttle => ({ key: keyring.hash(ip, 'login.ip'), limit: settings.maxAttemptsPerAddress });
  const tokenAddressThrottle = (ip: string): Throttle => ({ key: keyring.hash(ip, 'token.ip'), limit: settings.maxAttemptsPerAddress });
  const iso = (date: Date) => date.toISOString();

  /** Seconds until every given key is free again, or 0 when none is locked. */
  async function lockedFor(throttles: readonly Throttle[]): Promise<number> {
    const now = elapsedClock.now().getTime();
    const rows = await repository.findThrottles(throttles.map((t) => t.key));
    const until = Math.max(0, ...rows.map((r) => (r.locked_until ? Date.parse(r.locked_until) : 0)));
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  /** Counts a failure on every key; returns the seconds of the lock it caused, or 0. */
  async function countFailure(throttles: readonly Throttle[]): Promise<number> {
    const now = elapsedClock.now();
    const windowStart = iso(new Date(now.getTime() - lockMs));
    const lockUntil = iso(new Date(now.getTime() + lockMs));
    let isLocked = false;
    for (const { key, limit } of throttles) {
      const row = await repository.recordFailure(key, iso(now), windowStart, limit, lockUntil);
      if (row.locked_until !== null && row.locked_until > iso(now)) isLocked = true;
    }
    return isLocked ? Math.ceil(lockMs / 1000) : 0;
  }

  function toAccount(row: UserRow): Account {
    return {
      id: row.id,
      email: keyring.decrypt(row.email_enc, 'users.email'),
      displayName: keyring.decrypt(row.display_name_enc, 'users.display_name'),
      role: row.role,
      operatorId: row.operator_id,
      organisation: row.organisation,
      isActive: Boolean(row.is_active),
      hasMfa: row.totp_confirmed_at !== null,
      isPasswordTemporary: Boolean(row.is_password_temporary),
      createdAt: row.created_at,
      lastLoginAt: row.last_login_at,
    };
  }

  function toTokenInfo(row: ApiTokenRow): ApiTokenInfo {
    return {
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      operatorId: row.operator_id,
      permissions: parsePermissions(row.permissions),
      createdBy: row.created_by,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      lastUsedAt: row.last_used_at,
      revokedAt: row.revoked_at,
    };
  }

  function checkNewAccount(input: NewAccountInput): { issues: FieldIssue[]; role: Role | null } {
    const issues: FieldIssue[] = [];
    const email = input.email.trim();
    if (email === '') issues.push({ field: 'email', messageKey: 'staff.users.emailMissing' });
    else if (!isEmailShaped(email)) issues.push({ field: 'email', messageKey: 'staff.users.emailInvalid' });
    const name = input.displayName.trim();
    if (name === '') issues.push({ field: 'displayName', messageKey: 'staff.users.nameMissing' });
    else if (name.length > MAX_NAME_LENGTH) issues.push({ field: 'displayName', messageKey: 'staff.users.nameTooLong', values: { max: MAX_NAME_LENGTH } });
    const role = isRole(input.role) ? input.role : null;
    if (!role) issues.push({ field: 'role', messageKey: 'staff.users.roleMissing' });
    const operatorId = input.operatorId.trim();
    if (role === 'operator_agent' && operatorId === '') issues.push({ field: 'operatorId', messageKey: 'staff.users.operatorMissing' });
    else if (operatorId !== '' && role !== 'operator_agent') issues.push({ field: 'operatorId', messageKey: 'staff.users.operatorOnlyForAgents' });
    else if (operatorId !== '' && !OPERATOR_ID_PATTERN.test(operatorId)) issues.push({ field: 'operatorId', messageKey: 'staff.users.operatorInvalid' });
    const organisation = input.organisation.trim();
    if (role === 'association_rep' && organisation === '') issues.push({ field: 'organisation', messageKey: 'staff.users.organisationMissing' });
    else if (organisation.length > MAX_NAME_LENGTH)
      issues.push({ field: 'organisation', messageKey: 'staff.users.nameTooLong', values: { max: MAX_NAME_LENGTH } });
    return { issues, role };
  }

  /** Inserts a checked account and its audit entry in one transaction; false when the e-mail is taken. */
  async function insertAccount(
    actor: Actor,
    account: { email: string; displayName: string; role: Role; operatorId: string | null; organisation: string | null },
    secrets: { passwordHash: string; isPasswordTemporary: boolean; totpSecret: string | null },
    extraDetails: Record<string, string | number | boolean | null> = {},
  ): Promise<UserRow | null> {
    const emailHash = emailHashOf(account.email);
    const now = iso(clock.now());
    const row: UserRow = {
      id: deps.ids(),
      email_hash: emailHash,
      email_enc: keyring.encrypt(normaliseEmail(account.email), 'users.email'),
      display_name_enc: keyring.encrypt(account.displayName.trim(), 'users.display_name'),
      role: account.role,
      operator_id: account.operatorId,
      organisation: account.organisation,
      password_hash: secrets.passwordHash,
      totp_secret_enc: secrets.totpSecret ? keyring.encrypt(secrets.totpSecret, 'users.totp_secret') : null,
      totp_confirmed_at: secrets.totpSecret ? now : null,
      totp_last_step: null,
      is_active: true,
      created_at: now,
      updated_at: now,
      last_login_at: null,
      is_password_temporary: secrets.isPasswordTemporary,
    };
    return repository.transaction(async (tx, trx) => {
      if (await tx.findUserByEmailHash(emailHash)) return null;
      await tx.insertUser(row);
      await audit.record(trx, {
        actor,
        action: 'user.created',
        entityType: 'user',
        entityId: row.id,
        details: { role: row.role, operatorId: row.operator_id, ...extraDetails },
      });
      logger.info({ userId: row.id, role: row.role }, 'account created');
      return row;
    });
  }

  /** Completes sign-in after a matched code: claims the step, rotates the session token, audits. */
  async function finishSignIn(user: UserRow, sessionId: string, step: number, isEnrolment: boolean, ip: string): Promise<string | null> {
    const token = newSessionToken();
    const now = iso(clock.now());
    const isDone = await repository.transaction(async (tx, trx) => {
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
      await repository.transaction(async (tx) => {
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
      await repository.transaction(async (tx, trx) => {
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

    /** Checks a bearer token; unknown, revoked and expired tokens are refused alike and counted per address. */
    async authenticateToken(token: string, ip: string): Promise<TokenCheckResult> {
      const ipKey = tokenAddressThrottle(ip);
      const waitSeconds = await lockedFor([ipKey]);
      if (waitSeconds > 0) return { kind: 'locked', retryAfterSeconds: waitSeconds };
      const row = isApiTokenShaped(token) ? await repository.findApiTokenByHash(sha256(token)) : undefined;
      const now = clock.now();
      if (!row || row.revoked_at !== null || (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime())) {
        logger.warn({ tokenId: row?.id ?? null }, 'API token refused');
        const lockSeconds = await countFailure([ipKey]);
        return lockSeconds > 0 ? { kind: 'locked', retryAfterSeconds: lockSeconds } : { kind: 'refused' };
      }
      if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_INTERVAL_MS) await repository.touchApiToken(row.id, iso(now));
      return { kind: 'valid', principal: { kind: 'token', tokenId: row.id, operatorId: row.operator_id, permissions: parsePermissions(row.permissions) } };
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
        await repository.transaction(async (tx, trx) => {
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
      await repository.transaction(async (tx, trx) => {
        await tx.setPassword(user.id, passwordHash, false, iso(clock.now()));
        await tx.deleteOtherSessions(user.id, principal.sessionId);
        await audit.record(trx, { actor: actorFor(principal), action: 'user.password_changed', entityType: 'user', entityId: user.id });
      });
      return { ok: true, value: null };
    },

    /** Every account, for administrators. */
    async listAccounts(caller: Caller): Promise<Account[]> {
      if (!canManageUsers(caller)) throw new Forbidden('USER_MANAGEMENT_FORBIDDEN');
      return (await repository.listUsers()).map(toAccount);
    },

    /** The account of an id, for administrators. */
    async findAccount(caller: Caller, userId: string): Promise<Account | null> {
      if (!canManageUsers(caller)) throw new Forbidden('USER_MANAGEMENT_FORBIDDEN');
      const row = await repository.findUserById(userId);
      return row ? toAccount(row) : null;
    },

    /** Creates an account with a temporary password, shown once, that must be replaced at first sign-in. */
    async createAccount(caller: Caller, input: NewAccountInput): Promise<Outcome<{ account: Account; temporaryPassword: string }>> {
      if (!canManageUsers(caller)) throw new Forbidden('USER_MANAGEMENT_FORBIDDEN');
      const { issues, role } = checkNewAccount(input);
      // An operator agent answers one operator's complaints: that operator must be in the register.
      const operatorId = input.operatorId.trim();
      if (role === 'operator_agent' && !issues.some((i) => i.field === 'operatorId') && !(await repository.isKnownOperator(operatorId)))
        issues.push({ field: 'operatorId', messageKey: 'staff.users.operatorUnknown' });
      if (issues.length > 0 || !role) return { ok: false, issues };
      const temporaryPassword = generatePassword();
      const row = await insertAccount(
        actorFor(caller),
        {
          email: input.email,
          displayName: input.displayName,
          role,
          operatorId: input.operatorId.trim() || null,
          organisation: input.organisation.trim() || null,
        },
        { passwordHash: await passwords.hash(temporaryPassword), isPasswordTemporary: true, totpSecret: null },
      );
      if (!row) return { ok: false, issues: [{ field: 'email', messageKey: 'staff.users.emailTaken' }] };
      return { ok: true, value: { account: toAccount(row), temporaryPassword } };
    },

    /**
     * Creates an administrator from the server's command line. Without a password one is
     * generated, printed once, and must be replaced at first sign-in.
     */
    async createAdministrator(input: {
      email: string;
      displayName: string;
      password?: string | undefined;
    }): Promise<Outcome<{ account: Account; password: string; isGenerated: boolean }>> {
      const { issues } = checkNewAccount({ email: input.email, displayName: input.displayName, role: 'admin', operatorId: '', organisation: '' });
      if (input.password !== undefined) {
        const problem = passwordProblem(input.password, input.email);
        if (problem) issues.push({ field: 'password', messageKey: problem, values: { min: MIN_PASSWORD_LENGTH } });
      }
      if (issues.length > 0) return { ok: false, issues };
      const password = input.password ?? generatePassword();
      const row = await insertAccount(
        { type: 'system', id: null },
        { email: input.email, displayName: input.displayName, role: 'admin', operatorId: null, organisation: null },
        { passwordHash: await passwords.hash(password), isPasswordTemporary: input.password === undefined, totpSecret: null },
        { via: 'cli' },
      );
      if (!row) return { ok: false, issues: [{ field: 'email', messageKey: 'staff.users.emailTaken' }] };
      return { ok: true, value: { account: toAccount(row), password, isGenerated: input.password === undefined } };
    },

    /** Creates a demo account unless its e-mail address exists; returns whether it was created. */
    async seedDemoAccount(input: DemoAccountInput): Promise<boolean> {
      if (await repository.findUserByEmailHash(emailHashOf(input.email))) return false;
      const row = await insertAccount(
        { type: 'system', id: null },
        input,
        { passwordHash: await passwords.hash(input.password), isPasswordTemporary: false, totpSecret: input.totpSecret },
        { isDemo: true },
      );
      return row !== null;
    },

    /** Disables an account and ends its sessions; its API tokens stay, since they belong to the operator. */
    async disableAccount(caller: Caller, userId: string): Promise<void> {
      if (!canManageUsers(caller)) throw new Forbidden('USER_MANAGEMENT_FORBIDDEN');
      if (caller.kind === 'user' && caller.userId === userId) throw new Conflict('USER_DISABLE_SELF', platformMessage('error.userDisableSelf.detail'));
      await repository.transaction(async (tx, trx) => {
        if (!(await tx.findUserById(userId))) throw new NotFound('USER_NOT_FOUND', platformMessage('error.userNotFound.detail'));
        if (!(await tx.deactivateUser(userId, iso(clock.now())))) return;
        await tx.deleteSessionsOfUser(userId);
        await audit.record(trx, { actor: actorFor(caller), action: 'user.disabled', entityType: 'user', entityId: userId });
      });
      logger.info({ userId }, 'account disabled');
    },

    /** Forgets an account's authenticator, so its next sign-in enrols a new one, and ends its sessions. */
    async resetMfa(caller: Caller, userId: string): Promise<void> {
      if (!canManageUsers(caller)) throw new Forbidden('USER_MANAGEMENT_FORBIDDEN');
      await repository.transaction(async (tx, trx) => {
        if (!(await tx.findUserById(userId))) throw new NotFound('USER_NOT_FOUND', platformMessage('error.userNotFound.detail'));
        await tx.setTotpSecret(userId, null, iso(clock.now()));
        await tx.deleteSessionsOfUser(userId);
        await audit.record(trx, { actor: actorFor(caller), action: 'user.mfa_reset', entityType: 'user', entityId: userId });
      });
      logger.info({ userId }, 'second factor reset');
    },

    /** The tokens the caller may see: all for administrators, their operator's for an operator agent. */
    async listTokens(caller: Caller): Promise<ApiTokenInfo[]> {
      if (!canManageTokens(caller)) throw new Forbidden('TOKEN_MANAGEMENT_FORBIDDEN');
      return (await repository.listApiTokens(tokenListScope(caller))).map(toTokenInfo);
    },

    /** Issues an API token; its plaintext is returned once and only its hash is kept. */
    async createToken(caller: Caller, input: NewTokenInput): Promise<Outcome<{ token: ApiTokenInfo; plaintext: string }>> {
      if (!canManageTokens(caller)) throw new Forbidden('TOKEN_MANAGEMENT_FORBIDDEN');
      const issues: FieldIssue[] = [];
      const name = input.name.trim();
      if (name === '') issues.push({ field: 'name', messageKey: 'staff.tokens.nameMissing' });
      else if (name.length > 100) issues.push({ field: 'name', messageKey: 'staff.users.nameTooLong', values: { max: 100 } });
      const requestedOperator = input.operatorId.trim() || null;
      const createdBy = caller.kind === 'user' ? caller.userId : (input.createdBy ?? '');
      const creator = caller.kind === 'user' ? undefined : await repository.findUserById(createdBy);
      if (caller.kind !== 'user' && !creator) issues.push({ field: 'createdBy', messageKey: 'staff.tokens.creatorUnknown' });
      // A token issued on the server on behalf of an operator agent is bound as the agent's own would be.
      const agentOperator = creator?.role === 'operator_agent' ? creator.operator_id : undefined;
      const scope =
        agentOperator === undefined
          ? tokenScopeFor(caller, requestedOperator)
          : requestedOperator === null || requestedOperator === agentOperator
            ? agentOperator
            : false;
      if (requestedOperator !== null && !OPERATOR_ID_PATTERN.test(requestedOperator))
        issues.push({ field: 'operatorId', messageKey: 'staff.users.operatorInvalid' });
      else if (scope === false) issues.push({ field: 'operatorId', messageKey: 'staff.tokens.operatorNotYours' });
      // A token reads and writes one operator's data: that operator must be in the register, whether
      // it was typed or is the issuing agent's own, as an operator agent's account must.
      else if (scope !== null && !(await repository.isKnownOperator(scope))) issues.push({ field: 'operatorId', messageKey: 'staff.users.operatorUnknown' });
      const permissions = [...new Set(input.permissions)];
      const grantable: readonly string[] = grantablePermissions(caller.kind === 'user' ? caller.role : (creator?.role ?? 'admin'));
      const notGrantable = permissions.find((p) => isPermission(p) && !grantable.includes(p));
      if (permissions.length === 0) issues.push({ field: 'permissions', messageKey: 'staff.tokens.permissionsMissing' });
      else if (!permissions.every(isPermission)) issues.push({ field: 'permissions', messageKey: 'staff.tokens.permissionUnknown' });
      else if (notGrantable !== undefined)
        issues.push({ field: 'permissions', messageKey: 'staff.tokens.permissionNotYours', values: { permission: notGrantable } });
      const days = input.expiresInDays.trim();
      if (days !== '' && !(/^\d{1,4}$/.test(days) && Number(days) >= 1 && Number(days) <= 3650)) {
        issues.push({ field: 'expiresInDays', messageKey: 'staff.tokens.expiryInvalid', values: { max: 3650 } });
      }
      if (issues.length > 0 || scope === false) return { ok: false, issues };

      const now = clock.now();
      const { token, prefix } = newApiToken();
      const row: ApiTokenRow = {
        id: deps.ids(),
        token_hash: sha256(token),
        prefix,
        name,
        created_by: createdBy,
        operator_id: scope,
        permissions: JSON.stringify(permissions.sort()),
        created_at: iso(now),
        expires_at: days === '' ? null : iso(new Date(now.getTime() + Number(days) * 86_400_000)),
        last_used_at: null,
        revoked_at: null,
      };
      await repository.transaction(async (tx, trx) => {
        await tx.insertApiToken(row);
        await audit.record(trx, {
          actor: actorFor(caller),
          action: 'api_token.created',
          entityType: 'api_token',
          entityId: row.id,
          details: { operatorId: row.operator_id, permissions: permissions.join(' '), expiresAt: row.expires_at, createdById: createdBy },
        });
      });
      logger.info({ tokenId: row.id, operatorId: row.operator_id }, 'API token created');
      return { ok: true, value: { token: toTokenInfo(row), plaintext: token } };
    },

    /** Revokes a token at once; a token the caller may not see is reported as not found. */
    async revokeToken(caller: Caller, tokenId: string): Promise<void> {
      if (!canManageTokens(caller)) throw new Forbidden('TOKEN_MANAGEMENT_FORBIDDEN');
      const row = await repository.findApiTokenById(tokenId);
      if (!row || !canAccessToken(caller, row.operator_id)) throw new NotFound('TOKEN_NOT_FOUND', platformMessage('error.tokenNotFound.detail'));
      await repository.transaction(async (tx, trx) => {
        if (!(await tx.revokeApiToken(row.id, iso(clock.now())))) return;
        await audit.record(trx, {
          actor: actorFor(caller),
          action: 'api_token.revoked',
          entityType: 'api_token',
          entityId: row.id,
          details: { operatorId: row.operator_id },
        });
      });
      logger.info({ tokenId: row.id }, 'API token revoked');
    },

    /** Deletes sessions past their maximum age or idle limit; returns how many. */
    async purgeExpiredSessions(): Promise<number> {
      const now = clock.now().getTime();
      return repository.deleteSessionsBefore(iso(new Date(now)), iso(new Date(now - settings.idleMinutes * 60_000)));
    },
  };
}

function parsePermissions(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}
