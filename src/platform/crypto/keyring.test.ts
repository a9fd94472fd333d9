import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempDir } from '../../../test/helpers/temp-dir.ts';
import { createKeyring, generateKeyMaterial, KeyError, loadKeyMaterial, rotateKeyMaterial } from './keyring.ts';

test('encrypts so that the ciphertext holds no plaintext and opens again', () => {
  const keyring = createKeyring(generateKeyMaterial());
  const sealed = keyring.encrypt('amina@example.org', 'users.email');
  assert.ok(!sealed.includes('amina'));
  assert.match(sealed, /^v1:k\d{8}:/);
  assert.equal(keyring.decrypt(sealed, 'users.email'), 'amina@example.org');
  assert.notEqual(keyring.encrypt('amina@example.org', 'users.email'), sealed, 'a fresh IV every time');
});

test('never hands out the same IV twice, across refills of its pool of random IVs', () => {
  const keyring = createKeyring(generateKeyMaterial());
  const ivs = new Set<string>();
  // More values than one pool holds, so that the pool is drawn again.
  for (let i = 0; i < 10_000; i += 1) {
    const sealed = keyring.encrypt('639021000000001', 'device_observations.imsi');
    ivs.add(
      Buffer.from(sealed.split(':')[2] ?? '', 'base64')
        .subarray(0, 12)
        .toString('hex'),
    );
    if (i % 997 === 0) assert.equal(keyring.decrypt(sealed, 'device_observations.imsi'), '639021000000001');
  }
  assert.equal(ivs.size, 10_000);
});

test('refuses a value moved to another column or tampered with', () => {
  const keyring = createKeyring(generateKeyMaterial());
  const sealed = keyring.encrypt('+254700000001', 'complaints.phone');
  assert.throws(() => keyring.decrypt(sealed, 'users.email'));
  const tampered = `${sealed.slice(0, -4)}AAAA`;
  assert.throws(() => keyring.decrypt(tampered, 'complaints.phone'));
});

test('after rotation, new values use the new key and old values still open', () => {
  const first = generateKeyMaterial();
  const old = createKeyring(first).encrypt('secret', 'c');
  const rotated = rotateKeyMaterial(first, 'k2');
  const keyring = createKeyring(rotated);
  assert.equal(keyring.decrypt(old, 'c'), 'secret');
  const fresh = keyring.encrypt('secret', 'c');
  assert.equal(keyring.keyIdOf(fresh), 'k2');
  assert.equal(keyring.keyIdOf(old), first.active);
  assert.throws(() => rotateKeyMaterial(rotated, 'k2'), KeyError);
});

test('keyed hashes are stable, differ by purpose and by key', () => {
  const material = generateKeyMaterial();
  const a = createKeyring(material);
  const b = createKeyring(material);
  assert.equal(a.hash('x@example.org', 'users.email'), b.hash('x@example.org', 'users.email'));
  assert.notEqual(a.hash('x@example.org', 'users.email'), a.hash('x@example.org', 'other'));
  assert.notEqual(a.hash('x@example.org'), createKeyring(generateKeyMaterial()).hash('x@example.org'));
});

test('creates a key file readable by its owner only, and reuses it', () => {
  const dir = createTempDir('keys');
  const file = join(dir, 'keys.json');
  const created = loadKeyMaterial(undefined, file, true);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(loadKeyMaterial(undefined, file, false), created);
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), created);
});

test('explains what is wrong with a bad key file or a missing one', () => {
  const dir = createTempDir('keys');
  assert.throws(() => loadKeyMaterial(undefined, join(dir, 'none.json'), false), /KINGA_DATA_KEYS/);
  const file = join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify({ active: 'k1', keys: { k1: 'c2hvcnQ=' }, hashKey: 'x' }));
  assert.throws(() => loadKeyMaterial(undefined, file, false), /32 bytes/);
  assert.throws(() => loadKeyMaterial('{"active":"k9","keys":{},"hashKey":""}', file, false), /active key/);
});
