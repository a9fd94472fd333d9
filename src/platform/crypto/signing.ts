import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** The public half of a signing key as a JSON Web Key (RFC 8037), with its RFC 7638 thumbprint as `kid`. */
export interface PublicSigningJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

/** Signs bytes with an Ed25519 key derived from a 32-byte seed, and gives its public key to publish. */
export interface Signer {
  /** The key's id: the RFC 7638 thumbprint of its public JWK, base64url. */
  readonly keyId: string;
  readonly publicJwk: PublicSigningJwk;
  /** A detached Ed25519 signature over exactly `bytes`, base64url without padding. */
  sign(bytes: Buffer | string): string;
  /** The `Kinga-Signature` header value over `bytes`: `keyid="<kid>", alg="EdDSA", sig="<base64url>"`. */
  header(bytes: Buffer | string): string;
}

/** The DER prefix that turns a raw 32-byte Ed25519 seed into a PKCS #8 private key (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** An Ed25519 signer whose key is the 32-byte `seed` (a keyring's `derive(purpose)`), so it is the same after every restart. */
export function createEd25519Signer(seed: Buffer): Signer {
  if (seed.length !== 32) throw new RangeError('An Ed25519 seed is 32 bytes.');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const x = String(jwk.x);
  // RFC 7638: the thumbprint hashes the required members in lexical order, without spaces.
  const kid = createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
  const signBytes = (bytes: Buffer | string) => sign(null, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes, privateKey).toString('base64url');
  return {
    keyId: kid,
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' },
    sign: signBytes,
    header: (bytes) => `keyid="${kid}", alg="EdDSA", sig="${signBytes(bytes)}"`,
  };
}

/** The parts of a `Kinga-Signature` header, or undefined when it is not of that form. */
export function readSignatureHeader(value: string): { keyId: string; alg: string; signature: string } | undefined {
  const match = /^keyid="([A-Za-z0-9_-]+)", alg="([A-Za-z0-9]+)", sig="([A-Za-z0-9_-]+)"$/.exec(value.trim());
  return match ? { keyId: match[1]!, alg: match[2]!, signature: match[3]! } : undefined;
}

/** Whether `signature` (base64url) is `jwk`'s Ed25519 signature over exactly `bytes`. */
export function verifyEd25519(jwk: Pick<PublicSigningJwk, 'kty' | 'crv' | 'x'>, bytes: Buffer | string, signature: string): boolean {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
  } catch {
    return false;
  }
  return verify(null, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes, key, Buffer.from(signature, 'base64url'));
}
