import type { Logger } from 'pino';
import type { Actor, AuditLog } from '../audit/index.ts';
import type { Clock } from '../clock.ts';
import type { Keyring } from '../crypto/index.ts';
import type { MessageValues } from '../i18n/index.ts';
import type { IdGenerator } from '../ids.ts';
import type { AuthRepository } from './auth.repository.ts';
import type { Caller } from './auth.policy.ts';
import { normaliseEmail } from './credential.ts';
import type { PasswordHasher } from './password.ts';
import { ROLES, type Role } from './principal.ts';

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
export interface Throttle {
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

/** A problem with one field of a form, as a message key. */
export interface FieldIssue {
  field: string;
  messageKey: string;
  values?: MessageValues;
}

/** The result of an action a person can correct by changing what they typed. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/** How long a session's or a token's last use may lag behind: its row is written at most this often. */
export const TOUCH_INTERVAL_MS = 60_000;
/** The form of an operator id in the register. */
export const OPERATOR_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** An instant as stored in rows. */
export const iso = (date: Date) => date.toISOString();

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

/** The e-mail hash and the throttles that sign-in, password changes and bearer tokens count failures on. */
export type AuthShared = ReturnType<typeof createAuthShared>;

/** Builds what the auth services share over their dependencies. */
export function createAuthShared(deps: AuthServiceDeps) {
  const { repository, elapsedClock, keyring, settings } = deps;
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

  return { lockMs, emailHashOf, accountAtAddressThrottle, accountThrottle, addressThrottle, tokenAddressThrottle, lockedFor, countFailure };
}
