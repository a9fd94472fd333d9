import { randomBytes, randomInt } from 'node:crypto';
import type { Keyring } from './crypto/index.ts';

/** How many digits a one-time code has: easy to copy from an e-mail, one chance in a million to guess. */
export const ONE_TIME_CODE_DIGITS = 6;

/** A one-time code as stored: only its keyed hash, how often it was tried, and until when it holds. */
export interface StoredOneTimeCode {
  codeHash: string;
  attempts: number;
  /** UTC ISO 8601. */
  expiresAt: string;
}

/**
 * What a typed code is worth. `wrong`, `expired` and `locked` are all a refusal; callers that
 * must not reveal whether a reference exists show them the same way for a decoy.
 */
export type OneTimeCodeVerdict = 'ok' | 'malformed' | 'wrong' | 'expired' | 'locked';

/** A new random code of {@link ONE_TIME_CODE_DIGITS} digits. */
export function generateOneTimeCode(): string {
  return String(randomInt(0, 10 ** ONE_TIME_CODE_DIGITS)).padStart(ONE_TIME_CODE_DIGITS, '0');
}

/** The code as typed, without spaces and dashes, or undefined when it cannot be a code. */
export function normaliseOneTimeCode(typed: string): string | undefined {
  const digits = typed.replace(/[\s-]/g, '');
  return new RegExp(`^[0-9]{${ONE_TIME_CODE_DIGITS}}$`).test(digits) ? digits : undefined;
}

/**
 * The keyed hash of a code for one purpose and one subject (such as a reference), so a stored
 * hash cannot be tried against another subject and the six digits cannot be found by hashing
 * all million codes without the key.
 */
export function hashOneTimeCode(keyring: Keyring, purpose: string, subject: string, code: string): string {
  return keyring.hash(`${subject}\u0000${code}`, `one-time-code:${purpose}`);
}

/**
 * The hash of a code nobody knows, for a subject that does not exist: storing it lets the caller
 * count attempts and answer exactly as for a real subject, so a wrong code and an unknown
 * reference cannot be told apart.
 */
export function decoyOneTimeCodeHash(keyring: Keyring, purpose: string, subject: string): string {
  return hashOneTimeCode(keyring, purpose, subject, randomBytes(16).toString('hex'));
}

/**
 * Judges a typed code against a stored one. Attempts are checked before the code, so once
 * `maxAttempts` wrong codes were typed even the right one is refused; the caller stores
 * `attempts + 1` for every verdict other than `malformed`.
 */
export function judgeOneTimeCode(input: {
  keyring: Keyring;
  purpose: string;
  subject: string;
  stored: StoredOneTimeCode | undefined;
  typed: string;
  now: Date;
  maxAttempts: number;
}): OneTimeCodeVerdict {
  const code = normaliseOneTimeCode(input.typed);
  if (code === undefined) return 'malformed';
  const { stored } = input;
  if (!stored) return 'wrong';
  if (stored.attempts >= input.maxAttempts) return 'locked';
  if (Date.parse(stored.expiresAt) <= input.now.getTime()) return 'expired';
  return input.keyring.equals(hashOneTimeCode(input.keyring, input.purpose, input.subject, code), stored.codeHash) ? 'ok' : 'wrong';
}

const VERDICT_MESSAGES = { malformed: 'codeFormat', locked: 'codeLocked', expired: 'codeExpired' } as const;

/**
 * The form's answer to a verdict that ends the check before the code is compared or counted
 * (`malformed`, `locked`, `expired`): the issue on the field `code`, its message
 * `<errorPrefix>.codeFormat`, `.codeLocked` or `.codeExpired` of the module's catalogue;
 * undefined for `ok` and `wrong`, which the caller records as an attempt.
 */
export function oneTimeCodeIssue(verdict: OneTimeCodeVerdict, errorPrefix: string): { field: 'code'; messageKey: string } | undefined {
  if (verdict === 'ok' || verdict === 'wrong') return undefined;
  return { field: 'code', messageKey: `${errorPrefix}.${VERDICT_MESSAGES[verdict]}` };
}

// Crockford's base32 without I, L, O, U: references are read aloud on the phone and typed again.
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A random reference such as `DR-7K3M-9Q2P-XH4T`: `groups` groups of four characters, 20 bits
 * each, so three groups (60 bits) cannot be guessed even without throttling.
 */
export function randomReference(prefix: string, groups = 3): string {
  const characters = [...randomBytes(groups * 4)].map((b) => REFERENCE_ALPHABET.charAt(b % 32));
  const parts: string[] = [];
  for (let i = 0; i < groups; i += 1) parts.push(characters.slice(i * 4, i * 4 + 4).join(''));
  return `${prefix}-${parts.join('-')}`;
}

/** A reference as typed: upper case, spaces removed, any kind of dash made a hyphen-minus. */
export function normaliseReference(typed: string): string {
  return typed
    .trim()
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-');
}
