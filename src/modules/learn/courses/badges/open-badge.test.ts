import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { createKeyring, generateKeyMaterial } from '../../../../platform/crypto/index.ts';
import { createEd25519Signer } from '../../../../platform/crypto/signing.ts';
import {
  BADGE_SIGNING_PURPOSE,
  badgeBelongsTo,
  badgeSignerOf,
  emailIdentityHash,
  issuerJwks,
  openBadgeCredential,
  verifyOpenBadge,
  type BadgeContext,
  type BadgeInput,
} from './open-badge.ts';

// ajv-formats is published as CommonJS with a default export object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2019) => Ajv2019;

// 1EdTech's schema, vendored because the tests run without a network (test/fixtures/openbadges/README.md).
const schema = JSON.parse(
  readFileSync(new URL('../../../../../test/fixtures/openbadges/ob_v3p0_achievementcredential_schema.json', import.meta.url), 'utf8'),
) as object;
// The schema writes its @context as a two-item tuple with additionalItems: valid 2019-09 that Ajv's strict mode only warns about.
const ajv = new Ajv2019({ allErrors: true, strictTuples: false });
addFormats(ajv);
const validateAchievementCredential = ajv.compile(schema);

const publicUrl = 'https://kinga.example';
const signer = badgeSignerOf(createKeyring(generateKeyMaterial()));
const context: BadgeContext = {
  publicUrl,
  authority: { name: 'Demo Communications Authority', website: 'https://kinga.example/', email: 'help@kinga.example' },
  signer,
};
const issuedAt = new Date('2026-12-07T09:30:15.678Z');

const COURSES: Record<string, BadgeInput['course']> = {
  en: {
    url: 'https://kinga.example/learn/courses/safe-mobile-money?lang=en',
    name: 'Safe mobile money and SIM-swap fraud',
    description: 'How to keep your mobile money safe and notice a SIM swap before it empties your wallet.',
    criteria: 'Score at least 70 % in the final quiz.',
    language: 'en',
  },
  fr: {
    url: 'https://kinga.example/learn/courses/safe-mobile-money?lang=fr',
    name: "L'argent mobile en sécurité et la fraude à l'échange de carte SIM",
    description: "Protéger son argent mobile et repérer un échange de carte SIM avant qu'il ne vide le portefeuille.",
    criteria: 'Obtenir au moins 70 % au quiz final.',
    language: 'fr',
  },
  ar: {
    url: 'https://kinga.example/learn/courses/safe-mobile-money?lang=ar',
    name: 'الأموال عبر الهاتف المحمول بأمان والاحتيال بتبديل شريحة SIM',
    description: 'كيف تحمي أموالك على الهاتف المحمول وتكتشف تبديل الشريحة قبل أن تُفرَغ محفظتك.',
    criteria: 'الحصول على 70 ٪ على الأقل في الاختبار النهائي.',
    language: 'ar',
  },
  es: {
    url: 'https://kinga.example/learn/courses/safe-mobile-money?lang=es',
    name: 'Dinero móvil seguro y fraude por cambio de SIM',
    description: 'Cómo proteger su dinero móvil y detectar un cambio de SIM antes de que vacíe su monedero.',
    criteria: 'Obtener al menos un 70 % en el cuestionario final.',
    language: 'es',
  },
  ru: {
    url: 'https://kinga.example/learn/courses/safe-mobile-money?lang=ru',
    name: 'Безопасные мобильные деньги и мошенничество с заменой SIM-карты',
    description: 'Как защитить мобильные деньги и заметить замену SIM-карты до того, как кошелёк опустеет.',
    criteria: 'Наберите не менее 70 % в итоговом тесте.',
    language: 'ru',
  },
  zh: {
    url: 'https://kinga.example/learn/courses/safe-mobile-money?lang=zh',
    name: '安全使用移动支付与防范SIM卡调换诈骗',
    description: '如何保护您的移动钱包，并在SIM卡被调换、钱包被掏空之前发现异常。',
    criteria: '期末测验得分不低于70%。',
    language: 'zh',
  },
};

function decodePart(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function schemaErrors(value: unknown): string[] {
  return validateAchievementCredential(value) ? [] : (validateAchievementCredential.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

for (const [language, course] of Object.entries(COURSES)) {
  test(`a badge in ${language} is a VC-JWT whose decoded credential passes 1EdTech's AchievementCredential schema`, () => {
    const { credential, jws } = openBadgeCredential({ course, email: ' Amina.Otieno@Example.co.ke ', scorePercent: 85, issuedAt }, context);
    const [encodedHeader, encodedPayload, signature] = jws.split('.') as [string, string, string];
    assert.deepEqual(decodePart(encodedHeader), { alg: 'EdDSA', kid: `https://kinga.example/learn/badges/jwks.json#${signer.keyId}`, typ: 'JWT' });
    const payload = decodePart(encodedPayload);
    assert.deepEqual(schemaErrors(payload), []);
    assert.deepEqual(schemaErrors(credential), []);

    // The VC-JWT claims mirror the credential, as OB 3.0 "JWT Payload Format" requires.
    assert.equal(payload['iss'], 'https://kinga.example/learn/badges/issuer');
    assert.equal(payload['jti'], credential.id);
    assert.equal(payload['sub'], credential.credentialSubject.id);
    assert.equal(payload['nbf'], Math.floor(issuedAt.getTime() / 1000));
    assert.equal(credential.validFrom, '2026-12-07T09:30:15Z');
    assert.match(credential.id, /^urn:uuid:[0-9a-f-]{36}$/);
    assert.match(credential.credentialSubject.id, /^urn:uuid:[0-9a-f-]{36}$/);
    assert.notEqual(credential.credentialSubject.id, credential.id);

    assert.deepEqual(payload['@context'], ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    assert.deepEqual(payload['type'], ['VerifiableCredential', 'OpenBadgeCredential']);
    assert.deepEqual(credential.issuer, {
      id: 'https://kinga.example/learn/badges/issuer',
      type: ['Profile'],
      name: 'Demo Communications Authority',
      url: 'https://kinga.example/',
      email: 'help@kinga.example',
    });
    const { achievement } = credential.credentialSubject;
    assert.equal(achievement.id, course.url);
    assert.equal(achievement.name, course.name);
    assert.equal(achievement.description, course.description);
    assert.deepEqual(achievement.criteria, { narrative: course.criteria });
    assert.equal(achievement.inLanguage, language);
    assert.deepEqual(credential.credentialSubject.result, [{ type: ['Result'], resultDescription: `${course.url}#score`, value: '85' }]);

    // The e-mail address is in the credential only as a salted SHA-256 of what was typed (trimmed, lower case).
    assert.equal(JSON.stringify(payload).toLowerCase().includes('amina'), false);
    const [identity] = credential.credentialSubject.identifier;
    assert.ok(identity);
    assert.equal(identity.identityType, 'emailAddress');
    assert.equal(identity.hashed, true);
    assert.match(identity.salt, /^[0-9a-f]{32}$/);
    assert.equal(identity.identityHash, `sha256$${createHash('sha256').update(`amina.otieno@example.co.ke${identity.salt}`).digest('hex')}`);
    assert.equal(badgeBelongsTo(credential, 'amina.otieno@example.co.ke'), true);
    assert.equal(badgeBelongsTo(credential, 'someone.else@example.co.ke'), false);

    // Node's crypto alone verifies the signature with the published key; a changed payload does not verify.
    const [published] = issuerJwks(signer, publicUrl).keys;
    assert.ok(published);
    const key = createPublicKey({ key: { kty: published.kty, crv: published.crv, x: published.x }, format: 'jwk' });
    const signingInput = Buffer.from(`${encodedHeader}.${encodedPayload}`, 'ascii');
    assert.equal(verify(null, signingInput, key, Buffer.from(signature, 'base64url')), true);
    const tamperedPayload = Buffer.from(JSON.stringify({ ...payload, name: `${course.name}!` }), 'utf8').toString('base64url');
    assert.equal(verify(null, Buffer.from(`${encodedHeader}.${tamperedPayload}`, 'ascii'), key, Buffer.from(signature, 'base64url')), false);

    const verified = verifyOpenBadge(jws, issuerJwks(signer, publicUrl), new Date('2026-12-08T00:00:00Z'));
    assert.equal(verified.valid, true);
    assert.deepEqual(verified.valid && verified.credential, credential);
    assert.deepEqual(verifyOpenBadge(`${encodedHeader}.${tamperedPayload}.${signature}`, issuerJwks(signer, publicUrl)), { valid: false, reason: 'signature' });
  });
}

test('a credential missing credentialSubject.achievement fails the schema, so the validator does run', () => {
  const { credential } = openBadgeCredential({ course: COURSES['ar']!, email: 'a@example.com', issuedAt }, context);
  assert.deepEqual(schemaErrors(credential), []);
  const { achievement: _dropped, ...subject } = credential.credentialSubject;
  const errors = schemaErrors({ ...credential, credentialSubject: subject });
  assert.ok(
    errors.some((e) => e.startsWith('/credentialSubject') && e.includes("required property 'achievement'")),
    errors.join('\n'),
  );
  assert.equal(credential.credentialSubject.result, undefined, 'no score given, no result');
});

test('the identity hash follows the OB 3.0 example: sha256 of the address followed by the salt', () => {
  assert.equal(emailIdentityHash('a@example.com', 'Kosher'), 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399');
  const first = openBadgeCredential({ course: COURSES['en']!, email: 'a@example.com', issuedAt }, context).credential;
  const second = openBadgeCredential({ course: COURSES['en']!, email: 'a@example.com', issuedAt }, context).credential;
  assert.notEqual(first.credentialSubject.identifier[0]!.salt, second.credentialSubject.identifier[0]!.salt, 'a new salt for every badge');
  assert.notEqual(first.credentialSubject.identifier[0]!.identityHash, second.credentialSubject.identifier[0]!.identityHash);
  assert.notEqual(first.id, second.id);
});

test('the key is derived from the keyring for its own purpose, and the JWK set holds no private part', () => {
  const keyring = createKeyring(generateKeyMaterial());
  assert.deepEqual(badgeSignerOf(keyring).publicJwk, createEd25519Signer(keyring.derive(BADGE_SIGNING_PURPOSE)).publicJwk);
  assert.notEqual(badgeSignerOf(keyring).keyId, createEd25519Signer(keyring.derive('scams-list-signing')).keyId);
  const jwks = issuerJwks(badgeSignerOf(keyring), 'https://kinga.example/');
  assert.deepEqual(Object.keys(jwks.keys[0]!).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
  assert.equal(jwks.keys[0]!.kid, `https://kinga.example/learn/badges/jwks.json#${badgeSignerOf(keyring).keyId}`);
});

test('verifyOpenBadge refuses another key, a changed header, wrong claims, a future badge and garbage', () => {
  const { jws } = openBadgeCredential({ course: COURSES['zh']!, email: 'wang@example.cn', issuedAt }, context);
  const jwks = issuerJwks(signer, publicUrl);
  const after = new Date('2026-12-08T00:00:00Z');
  assert.equal(verifyOpenBadge(jws, jwks, after).valid, true);
  const other = createEd25519Signer(Buffer.alloc(32, 9));
  assert.deepEqual(verifyOpenBadge(jws, issuerJwks(other, publicUrl), after), { valid: false, reason: 'unknown-key' });
  // The same kid with another key's x: the signature check fails.
  assert.deepEqual(verifyOpenBadge(jws, { keys: [{ ...issuerJwks(other, publicUrl).keys[0]!, kid: jwks.keys[0]!.kid }] }, after), {
    valid: false,
    reason: 'signature',
  });
  assert.deepEqual(verifyOpenBadge(jws, jwks, new Date('2026-12-07T09:30:14Z')), { valid: false, reason: 'not-yet-valid' });

  const [h, p] = jws.split('.') as [string, string, string];
  const resign = (header: object, payload: object) => {
    const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${input}.${signer.sign(input)}`;
  };
  const header = decodePart(h);
  const payload = decodePart(p);
  assert.deepEqual(verifyOpenBadge(resign({ ...header, alg: 'none' }, payload), jwks, after), { valid: false, reason: 'header' });
  assert.deepEqual(verifyOpenBadge(resign({ ...header, crit: ['b64'] }, payload), jwks, after), { valid: false, reason: 'header' });
  assert.deepEqual(verifyOpenBadge(resign(header, { ...payload, sub: 'urn:uuid:00000000-0000-4000-8000-000000000000' }), jwks, after), {
    valid: false,
    reason: 'claims',
  });
  assert.deepEqual(verifyOpenBadge(resign(header, { ...payload, nbf: Number(payload['nbf']) + 1 }), jwks, after), { valid: false, reason: 'claims' });
  assert.deepEqual(verifyOpenBadge(resign(header, { ...payload, iss: 'https://elsewhere.example/' }), jwks, after), { valid: false, reason: 'claims' });
  assert.deepEqual(verifyOpenBadge(resign(header, { ...payload, exp: Math.floor(after.getTime() / 1000) - 1 }), jwks, after), {
    valid: false,
    reason: 'expired',
  });
  for (const garbage of ['', 'a.b', 'a.b.c.d', '!!.??.##', `${h}.${Buffer.from('[1]').toString('base64url')}.${jws.split('.')[2]!}`]) {
    assert.equal(verifyOpenBadge(garbage, jwks, after).valid, false, garbage);
  }
});

test('hostile input is refused with a RangeError, never signed', () => {
  const base: BadgeInput = { course: COURSES['en']!, email: 'a@example.com', issuedAt };
  for (const bad of [
    { ...base, email: 'not an address' },
    { ...base, email: '@example.com' },
    { ...base, course: { ...base.course, url: 'javascript:alert(1)' } },
    { ...base, course: { ...base.course, language: 'english' } },
    { ...base, course: { ...base.course, name: '  ' } },
    { ...base, scorePercent: 101 },
    { ...base, scorePercent: Number.NaN },
    { ...base, issuedAt: new Date('nope') },
  ]) {
    assert.throws(() => openBadgeCredential(bad, context), RangeError);
  }
});
