import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Keyring } from '../../../../platform/crypto/index.ts';
import { createEd25519Signer, verifyEd25519, type PublicSigningJwk, type Signer } from '../../../../platform/crypto/signing.ts';

/** The purpose the badges' signing key is derived for from the keyring: the same key after every restart and in every process. */
export const BADGE_SIGNING_PURPOSE = 'learn-badge-signing';
/** Where the course pages publish the issuer's public keys (`issuerJwks`), under `PUBLIC_URL`. */
export const BADGE_JWKS_PATH = '/learn/badges/jwks.json';
/** The issuer's id under `PUBLIC_URL`: the `iss` of every badge. */
export const BADGE_ISSUER_PATH = '/learn/badges/issuer';
/** The JSON-LD contexts of an Open Badges 3.0 credential, in the order the 1EdTech schema requires. */
export const OPEN_BADGE_CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'] as const;
/** The 1EdTech JSON Schema an AchievementCredential is checked against, named in each credential's `credentialSchema`. */
export const ACHIEVEMENT_CREDENTIAL_SCHEMA_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

/** What a passed course gives to its badge, already in the learner's language. */
export interface BadgeInput {
  course: {
    /** The course's public URL: the achievement's id. */
    url: string;
    name: string;
    description: string;
    /** What a learner does to earn it (the pass mark), as a sentence or Markdown. */
    criteria: string;
    /** The BCP 47 language the name, description and criteria are written in (`en`, `ar`, `zh`). */
    language: string;
  };
  /** The e-mail address the learner typed: only its salted hash enters the credential, and it is kept nowhere. */
  email: string;
  /** The learner's score in percent, 0 to 100, when it is worth showing. */
  scorePercent?: number;
  /** When the course was passed; kept to the second, since `nbf` is in seconds and must equal `validFrom`. */
  issuedAt: Date;
}

/** The issuing authority and its key. */
export interface BadgeContext {
  /** `PUBLIC_URL`, without a trailing slash or with one. */
  publicUrl: string;
  /** From the jurisdiction profile: `authority.name`, `authority.website` (else `publicUrl`) and `contacts.email`. */
  authority: { name: string; website?: string; email: string };
  signer: Signer;
}

/** A hashed identifier of the learner (the OB 3.0 `IdentityObject`). */
export interface IdentityObject {
  type: 'IdentityObject';
  identityType: 'emailAddress';
  hashed: true;
  /** `sha256$` and the hexadecimal SHA-256 of the normalised address followed by the salt. */
  identityHash: string;
  salt: string;
}

/** The issuer's `Profile`. */
export interface IssuerProfile {
  id: string;
  type: ['Profile'];
  name: string;
  url: string;
  email: string;
}

/** An Open Badges 3.0 `AchievementCredential` as Kinga issues it (JSON-LD, compacted). */
export interface OpenBadgeCredentialJson {
  '@context': string[];
  id: string;
  type: string[];
  name: string;
  issuer: IssuerProfile;
  validFrom: string;
  credentialSchema: { id: string; type: string }[];
  credentialSubject: {
    id: string;
    type: ['AchievementSubject'];
    identifier: IdentityObject[];
    achievement: {
      id: string;
      type: ['Achievement'];
      achievementType: 'Course';
      name: string;
      description: string;
      criteria: { narrative: string };
      inLanguage: string;
      creator: IssuerProfile;
      resultDescription?: { id: string; type: ['ResultDescription']; name: string; resultType: 'Percent'; valueMin: string; valueMax: string }[];
    };
    result?: { type: ['Result']; resultDescription: string; value: string }[];
  };
}

/** The claims of a VC-JWT (OB 3.0, "JSON Web Token Proof Format"): the credential itself with `iss`, `jti`, `nbf` and `sub`. */
export type OpenBadgeJwtPayload = OpenBadgeCredentialJson & { iss: string; jti: string; nbf: number; sub: string; exp?: number };

/** A public key as published in the issuer's JWK set: `kid` is the URL that finds it (`<jwks URL>#<thumbprint>`). */
export type PublishedJwk = Omit<PublicSigningJwk, 'kid'> & { kid: string };

/** A JWK set (RFC 7517) of the issuer's badge keys. */
export interface BadgeJwks {
  keys: PublishedJwk[];
}

/** A badge issued for a passed course: the credential and its signed form, the one to hand to the learner. */
export interface IssuedBadge {
  credential: OpenBadgeCredentialJson;
  /** The compact JWS (VC-JWT), the text of a `.jwt` file a wallet imports. */
  jws: string;
}

/** The outcome of checking a received badge. */
export type BadgeVerification =
  | { valid: true; credential: OpenBadgeCredentialJson; keyId: string }
  | { valid: false; reason: 'malformed' | 'header' | 'unknown-key' | 'signature' | 'claims' | 'not-yet-valid' | 'expired' };

const LANGUAGE_TAG = /^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/;
// A practical e-mail check (one @, something either side, no blanks): the hash is only useful if the learner can type the same address again.
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}$/;

/** The signer of badges over `keyring`, derived for `BADGE_SIGNING_PURPOSE`. */
export function badgeSignerOf(keyring: Pick<Keyring, 'derive'>): Signer {
  return createEd25519Signer(keyring.derive(BADGE_SIGNING_PURPOSE));
}

/** The e-mail address as it is hashed: blanks around dropped and lower-cased, so the learner need not remember how they typed it. */
export function normaliseBadgeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The OB 3.0 `IdentityHash` of `email` with `salt`: `sha256$` and the hex digest of the two concatenated. */
export function emailIdentityHash(email: string, salt: string): string {
  return `sha256$${createHash('sha256')
    .update(normaliseBadgeEmail(email) + salt, 'utf8')
    .digest('hex')}`;
}

/** Whether `credential` was issued to the holder of `email`, by its hashed identifiers (OB 3.0 "Verify the Recipient Using an Identifier"). */
export function badgeBelongsTo(credential: Pick<OpenBadgeCredentialJson, 'credentialSubject'>, email: string): boolean {
  return credential.credentialSubject.identifier.some(
    (identity) =>
      identity.identityType === 'emailAddress' && identity.hashed && identity.identityHash.toLowerCase() === emailIdentityHash(email, identity.salt),
  );
}

/** The published kid of `signer`: the JWK set's URL with the key's thumbprint as fragment, a URL a verifier dereferences. */
export function badgeKeyId(signer: Pick<Signer, 'keyId'>, publicUrl: string): string {
  return `${siteUrl(publicUrl)}${BADGE_JWKS_PATH}#${signer.keyId}`;
}

/** The JWK set to publish at `BADGE_JWKS_PATH`: the public halves of `signers` (the current one first), never a private part. */
export function issuerJwks(signers: Signer | Signer[], publicUrl: string): BadgeJwks {
  return {
    keys: (Array.isArray(signers) ? signers : [signers]).map((signer) => ({
      kty: 'OKP',
      crv: 'Ed25519',
      x: signer.publicJwk.x,
      kid: badgeKeyId(signer, publicUrl),
      alg: 'EdDSA',
      use: 'sig',
    })),
  };
}

/** Builds the Open Badges 3.0 `AchievementCredential` of a passed course and signs it as a VC-JWT with the context's key. */
export function openBadgeCredential(input: BadgeInput, context: BadgeContext): IssuedBadge {
  const { course } = input;
  if (!isWebUrl(course.url)) throw new RangeError('The course URL must be an http or https URL.');
  if (!LANGUAGE_TAG.test(course.language)) throw new RangeError(`"${course.language}" is not a language tag the Open Badges schema accepts.`);
  for (const [field, value] of [
    ['name', course.name],
    ['description', course.description],
    ['criteria', course.criteria],
  ] as const) {
    if (value.trim() === '') throw new RangeError(`The course ${field} is empty.`);
  }
  const email = normaliseBadgeEmail(input.email);
  if (!EMAIL.test(email)) throw new RangeError('The e-mail address is not of the form name@domain.');
  if (input.scorePercent !== undefined && !(Number.isFinite(input.scorePercent) && input.scorePercent >= 0 && input.scorePercent <= 100)) {
    throw new RangeError('The score is a percentage from 0 to 100.');
  }
  const seconds = Math.floor(input.issuedAt.getTime() / 1000);
  if (!Number.isFinite(seconds)) throw new RangeError('The issue date is not a date.');
  const site = siteUrl(context.publicUrl);
  const issuer: IssuerProfile = {
    id: `${site}${BADGE_ISSUER_PATH}`,
    type: ['Profile'],
    name: context.authority.name,
    url: context.authority.website ?? `${site}/`,
    email: context.authority.email,
  };
  const salt = randomBytes(16).toString('hex');
  const resultId = `${course.url}#score`;
  const credential: OpenBadgeCredentialJson = {
    '@context': [...OPEN_BADGE_CONTEXTS],
    id: `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: course.name,
    issuer,
    validFrom: new Date(seconds * 1000).toISOString().replace('.000Z', 'Z'),
    credentialSchema: [{ id: ACHIEVEMENT_CREDENTIAL_SCHEMA_URL, type: '1EdTechJsonSchemaValidator2019' }],
    credentialSubject: {
      // VC-JWT needs a `sub`; a learner without an account has no identifier of their own, so each badge names its
      // subject by a fresh random URN that links to nothing, and the holder proves it is theirs with the hashed e-mail.
      id: `urn:uuid:${randomUUID()}`,
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: emailIdentityHash(email, salt), salt }],
      achievement: {
        id: course.url,
        type: ['Achievement'],
        achievementType: 'Course',
        name: course.name,
        description: course.description,
        criteria: { narrative: course.criteria },
        inLanguage: course.language,
        creator: issuer,
        ...(input.scorePercent === undefined
          ? {}
          : { resultDescription: [{ id: resultId, type: ['ResultDescription'], name: 'Score', resultType: 'Percent', valueMin: '0', valueMax: '100' }] }),
      },
      ...(input.scorePercent === undefined
        ? {}
        : { result: [{ type: ['Result'], resultDescription: resultId, value: String(Math.round(input.scorePercent * 100) / 100) }] }),
    },
  };
  const payload: OpenBadgeJwtPayload = { ...credential, iss: issuer.id, jti: credential.id, nbf: seconds, sub: credential.credentialSubject.id };
  // OB 3.0 allows only alg, kid, jwk and typ in the header, and typ, when present, is "JWT".
  const header = { alg: 'EdDSA', kid: badgeKeyId(context.signer, context.publicUrl), typ: 'JWT' };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  return { credential, jws: `${signingInput}.${context.signer.sign(signingInput)}` };
}

/** Checks a received VC-JWT badge against `jwks` as OB 3.0 "Verify a Credential" says: the signature, then `iss`, `jti`, `sub`, `nbf` and `exp` against the credential. */
export function verifyOpenBadge(jws: string, jwks: BadgeJwks, now: Date = new Date()): BadgeVerification {
  const parts = jws.trim().split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) return { valid: false, reason: 'malformed' };
  const [encodedHeader, encodedPayload, signature] = parts as [string, string, string];
  const header = readJson(encodedHeader);
  if (header === undefined) return { valid: false, reason: 'malformed' };
  const allowed = new Set(['alg', 'kid', 'typ']);
  if (
    header['alg'] !== 'EdDSA' ||
    typeof header['kid'] !== 'string' ||
    (header['typ'] !== undefined && header['typ'] !== 'JWT') ||
    Object.keys(header).some((k) => !allowed.has(k))
  ) {
    return { valid: false, reason: 'header' };
  }
  const key = jwks.keys.find((candidate) => candidate.kid === header['kid'] && candidate.kty === 'OKP' && candidate.crv === 'Ed25519');
  if (!key) return { valid: false, reason: 'unknown-key' };
  if (!verifyEd25519(key, `${encodedHeader}.${encodedPayload}`, signature)) return { valid: false, reason: 'signature' };
  const payload = readJson(encodedPayload);
  if (payload === undefined) return { valid: false, reason: 'malformed' };
  const credential = payload as unknown as Partial<OpenBadgeJwtPayload>;
  const validFrom = typeof credential.validFrom === 'string' ? Date.parse(credential.validFrom) : NaN;
  if (
    typeof credential.issuer !== 'object' ||
    credential.issuer === null ||
    payload['iss'] !== credential.issuer.id ||
    payload['jti'] !== credential.id ||
    typeof credential.credentialSubject !== 'object' ||
    credential.credentialSubject === null ||
    payload['sub'] !== credential.credentialSubject.id ||
    typeof payload['nbf'] !== 'number' ||
    payload['nbf'] * 1000 !== validFrom
  ) {
    return { valid: false, reason: 'claims' };
  }
  if (validFrom > now.getTime()) return { valid: false, reason: 'not-yet-valid' };
  if (payload['exp'] !== undefined && (typeof payload['exp'] !== 'number' || payload['exp'] * 1000 <= now.getTime()))
    return { valid: false, reason: 'expired' };
  const rest: Record<string, unknown> = { ...payload };
  for (const claim of ['iss', 'jti', 'nbf', 'sub', 'exp']) delete rest[claim];
  return { valid: true, credential: rest as unknown as OpenBadgeCredentialJson, keyId: key.kid };
}

function siteUrl(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function readJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
