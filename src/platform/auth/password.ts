import { randomBytes, randomInt } from 'node:crypto';
import type * as Argon2 from '@node-rs/argon2';

/** The shortest password Kinga accepts; length matters more than character classes (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 12;

/** The longest password hashed; longer input is refused so hashing cannot be used to exhaust memory or time. */
export const MAX_PASSWORD_LENGTH = 256;

/** Cost parameters of argon2id; tests lower `memoryCost` to stay fast. */
export interface PasswordHashOptions {
  /** Memory in KiB per hash; the library default (19 MiB) follows the OWASP recommendation. */
  memoryCost?: number;
  timeCost?: number;
}

/** Hashes and checks passwords with argon2id. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** True when the password matches the stored hash; false for a malformed hash too. */
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** Spends the time of one verification and returns false, for accounts that do not exist. */
  verifyNothing(password: string): Promise<false>;
}

// The native binding loads on the first hash, not when a command that only states the password
// rules (such as \`kinga --help\`) starts.
let argon2Module: Promise<typeof Argon2> | undefined;
const argon2 = () => (argon2Module ??= import('@node-rs/argon2'));

// Argon2id is the library's default algorithm; the PHC string of every hash starts with `$argon2id$`.
/** Creates a password hasher with the given argon2id costs. */
export function createPasswordHasher(options: PasswordHashOptions = {}): PasswordHasher {
  const params = { memoryCost: options.memoryCost, timeCost: options.timeCost };
  let dummy: Promise<string> | undefined;
  return {
    hash: async (password) => (await argon2()).hash(password, params),
    async verify(passwordHash, password) {
      try {
        return await (await argon2()).verify(passwordHash, password);
      } catch {
        return false;
      }
    },
    async verifyNothing(password) {
      const { hash, verify } = await argon2();
      // Same parameters as real hashes, so an unknown e-mail address takes as long as a known one.
      dummy ??= hash(randomBytes(16).toString('hex'), params);
      await verify(await dummy, password).catch(() => false);
      return false;
    },
  };
}

/** Why a new password is refused, as a message key, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): 'auth.password.tooShort' | 'auth.password.tooLong' | 'auth.password.sameAsEmail' | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'auth.password.tooShort';
  if (password.length > MAX_PASSWORD_LENGTH) return 'auth.password.tooLong';
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return 'auth.password.sameAsEmail';
  return null;
}

// No 0/O, 1/l/I: a temporary password is read off a screen and typed by hand.
const READABLE = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random password of four groups of five readable characters (about 99 bits). */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g += 1) {
    let group = '';
    for (let i = 0; i < 5; i += 1) group += READABLE[randomInt(READABLE.length)];
    groups.push(group);
  }
  return groups.join('-');
}
