import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { createEd25519Signer, readSignatureHeader, verifyEd25519 } from './signing.ts';

const seed = Buffer.alloc(32, 7);

test('a signer from the same seed has the same key, and its signature verifies with Node crypto alone', () => {
  const signer = createEd25519Signer(seed);
  assert.deepEqual(createEd25519Signer(Buffer.from(seed)).publicJwk, signer.publicJwk);
  assert.equal(signer.publicJwk.kty, 'OKP');
  assert.equal(signer.publicJwk.crv, 'Ed25519');
  assert.equal(Buffer.from(signer.publicJwk.x, 'base64url').length, 32);
  const body = Buffer.from('{"version":3,"entries":[]}');
  const signature = signer.sign(body);
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: signer.publicJwk.x }, format: 'jwk' });
  assert.equal(verify(null, body, key, Buffer.from(signature, 'base64url')), true);
  const changed = Buffer.from(body);
  changed[5] = changed[5]! ^ 1;
  assert.equal(verify(null, changed, key, Buffer.from(signature, 'base64url')), false);
  assert.notDeepEqual(createEd25519Signer(Buffer.alloc(32, 8)).publicJwk.x, signer.publicJwk.x, 'another seed, another key');
});

test('the header carries the key id and a signature that verifyEd25519 accepts over the exact bytes only', () => {
  const signer = createEd25519Signer(seed);
  const header = readSignatureHeader(signer.header('hello'));
  assert.ok(header);
  assert.equal(header.keyId, signer.keyId);
  assert.equal(header.alg, 'EdDSA');
  assert.equal(verifyEd25519(signer.publicJwk, 'hello', header.signature), true);
  assert.equal(verifyEd25519(signer.publicJwk, 'hello ', header.signature), false);
  assert.equal(readSignatureHeader('sig=abc'), undefined);
  assert.throws(() => createEd25519Signer(Buffer.alloc(16)), RangeError);
});
