import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPasswordHasher, generatePassword, passwordProblem } from './password.ts';

const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });

test('hashes with argon2id and verifies only the right password', async () => {
  const hash = await hasher.hash('correct horse battery staple');
  assert.match(hash, /^\$argon2id\$/);
  assert.equal(await hasher.verify(hash, 'correct horse battery staple'), true);
  assert.equal(await hasher.verify(hash, 'correct horse battery stapler'), false);
});

test('the library defaults are argon2id with at least 19 MiB, as OWASP recommends', async () => {
  const hash = await createPasswordHasher().hash('correct horse battery staple');
  assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
});

test('a malformed stored hash verifies as false instead of throwing', async () => {
  assert.equal(await hasher.verify('not a hash', 'anything at all'), false);
});

test('verifying against no account always answers false', async () => {
  assert.equal(await hasher.verifyNothing('correct horse battery staple'), false);
});

test('refuses passwords shorter than 12 characters, longer than 256, or equal to the e-mail address', () => {
  assert.equal(passwordProblem('elevenchars', 'a@b.example'), 'auth.password.tooShort');
  assert.equal(passwordProblem('twelve chars', 'a@b.example'), null);
  assert.equal(passwordProblem('x'.repeat(257), 'a@b.example'), 'auth.password.tooLong');
  assert.equal(passwordProblem(' Amina.W@Example.org ', 'amina.w@example.org'), 'auth.password.sameAsEmail');
});

test('counts characters, not UTF-16 units, so 12 emoji are 12 characters', () => {
  assert.equal(passwordProblem('🔑'.repeat(11), 'a@b.example'), 'auth.password.tooShort');
  assert.equal(passwordProblem('🔑'.repeat(12), 'a@b.example'), null);
});

test('generated passwords are long, readable and different each time', () => {
  const a = generatePassword();
  const b = generatePassword();
  assert.match(a, /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
  assert.doesNotMatch(a, /[01ilo]/);
  assert.notEqual(a, b);
  assert.equal(passwordProblem(a, 'a@b.example'), null);
});
