import { createHash, randomBytes } from 'node:crypto';

/** The browser cookie that carries the session token. */
export const SESSION_COOKIE = 'kinga_session';

/** A new session token: 32 random bytes, base64url. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 in hex; enough for random 256-bit tokens, which cannot be guessed from their hash. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

const API_TOKEN_PATTERN = /^kinga_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

/** A new API token `kinga_<prefix>_<secret>`; the prefix is shown in lists to tell tokens apart. */
export function newApiToken(): { token: string; prefix: string } {
  const prefix = randomBytes(4).toString('hex');
  return { token: `kinga_${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

/** True when a string has the shape of a Kinga API token (checked before any database lookup). */
export function isApiTokenShaped(value: string): boolean {
  return API_TOKEN_PATTERN.test(value);
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** E-mail addresses compare without surrounding spaces and case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A plausible e-mail address: one @, a dot in the domain, no spaces, at most 254 characters (RFC 5321). */
export function isEmailShaped(email: string): boolean {
  return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}
