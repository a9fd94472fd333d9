import { randomBytes } from 'node:crypto';

// Crockford's base32 without I, L, O, U: references are read aloud on the phone and copied from letters.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
// 12 random characters of 5 bits: 60 bits, far beyond guessing by anyone who may try a few thousand.
const RANDOM_LENGTH = 12;

/** The check character of a body: a weighted sum modulo 31 over Crockford's symbols, so a typo or a swap of neighbours is caught. */
export function checkCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    const value = ALPHABET.indexOf(body.charAt(i));
    if (value < 0) throw new RangeError('A reference holds only Crockford base32 characters.');
    sum = (sum + value * (i + 1)) % 31;
  }
  return ALPHABET.charAt(sum);
}

/**
 * A new non-guessable reference: a prefix (`C` for a filing, `K` for a case), 12 random
 * characters and a check character, such as `C-7K3M9Q2PXW4R-8`.
 */
export function newReference(prefix: 'C' | 'K', random: (size: number) => Buffer = randomBytes): string {
  const body = [...random(RANDOM_LENGTH)].map((b) => ALPHABET.charAt(b % 32)).join('');
  return `${prefix}-${body}-${checkCharacter(body)}`;
}

/**
 * Normalises a typed reference (case, spaces, O for 0, I and L for 1) and returns it when its
 * check character is right, or null.
 */
export function parseReference(typed: string): string | null {
  const compact = typed.trim().toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const match = /^([CK])([0-9A-HJKMNP-TV-Z]{12})([0-9A-HJKMNP-TV-Z])$/.exec(compact);
  if (!match) return null;
  const [, prefix, body, check] = match;
  if (prefix === undefined || body === undefined || check !== checkCharacter(body)) return null;
  return `${prefix}-${body}-${check}`;
}
