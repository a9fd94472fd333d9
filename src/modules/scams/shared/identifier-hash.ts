import type { Keyring } from '../../../platform/crypto/index.ts';

/** The purpose under which an identifier's kind and value are hashed (`scam_identifiers.value_hash`). */
export const IDENTIFIER_HASH_PURPOSE = 'scam_identifiers.value';

/**
 * The keyed hash an identifier is found by: its kind and normalised value (E.164, the short code,
 * the sender id in upper case, the registrable domain in lower-case ASCII), so that a sender id
 * "ABC" and a domain "abc" never meet. The intake stores it; the lookup and appeals find by it.
 */
export function identifierValueHash(keyring: Keyring, kind: string, value: string): string {
  return keyring.hash(`${kind}:${value}`, IDENTIFIER_HASH_PURPOSE);
}
