import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createKeyring, generateKeyMaterial } from './crypto/index.ts';
import {
  decoyOneTimeCodeHash,
  generateOneTimeCode,
  hashOneTimeCode,
  judgeOneTimeCode,
  normaliseOneTimeCode,
  oneTimeCodeIssue,
  normaliseReference,
  randomReference,
} from './one-time-codes.ts';

const keyring = createKeyring(generateKeyMaterial());
const NOW = new Date('2026-12-01T09:00:00Z');
const stored = (code: string, attempts = 0, expiresAt = '2026-12-01T09:15:00Z') => ({
  codeHash: hashOneTimeCode(keyring, 'resume', 'subject-1', code),
  attempts,
  expiresAt,
});
const judge = (typed: string, record: ReturnType<typeof stored> | undefined, subject = 'subject-1') =>
  judgeOneTimeCode({ keyring, purpose: 'resume', subject, stored: record, typed, now: NOW, maxAttempts: 5 });

test('a code has six digits and is typed back with spaces or a dash', () => {
  for (let i = 0; i < 50; i += 1) assert.match(generateOneTimeCode(), /^[0-9]{6}$/);
  assert.equal(normaliseOneTimeCode(' 123 456 '), '123456');
  assert.equal(normaliseOneTimeCode('123-456'), '123456');
  assert.equal(normaliseOneTimeCode('12345'), undefined);
  assert.equal(normaliseOneTimeCode('12345a'), undefined);
});

test('the right code is accepted; a wrong one, an expired one and a locked one are refused', () => {
  assert.equal(judge('123456', stored('123456')), 'ok');
  assert.equal(judge('123 456', stored('123456')), 'ok');
  assert.equal(judge('654321', stored('123456')), 'wrong');
  assert.equal(judge('123456', stored('123456', 0, '2026-12-01T09:00:00Z')), 'expired');
  assert.equal(judge('123456', stored('123456', 5)), 'locked', 'after five attempts even the right code is refused');
  assert.equal(judge('123456', stored('123456', 4)), 'ok');
  assert.equal(judge('abc', stored('123456')), 'malformed');
  assert.equal(judge('123456', undefined), 'wrong');
});

test('a code is bound to its purpose and subject, and a decoy matches no code', () => {
  assert.equal(judge('123456', stored('123456'), 'subject-2'), 'wrong');
  const other = judgeOneTimeCode({ keyring, purpose: 'follow', subject: 'subject-1', stored: stored('123456'), typed: '123456', now: NOW, maxAttempts: 5 });
  assert.equal(other, 'wrong');
  const decoy = { codeHash: decoyOneTimeCodeHash(keyring, 'resume', 'subject-1'), attempts: 0, expiresAt: '2026-12-02T00:00:00Z' };
  for (const typed of ['000000', '123456', '999999']) assert.equal(judge(typed, decoy), 'wrong');
});

test('references use Crockford letters in groups, and typed references are normalised', () => {
  const reference = randomReference('DR');
  assert.match(reference, /^DR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  assert.notEqual(randomReference('DR'), reference);
  assert.equal(normaliseReference('  dr-7k3m-9q2p\u2013xh4t '), 'DR-7K3M-9Q2P-XH4T');
  assert.equal(normaliseReference('c 7k3m9q2pxw4r-8'), 'C7K3M9Q2PXW4R-8');
});

test('a verdict that ends the check names the code field and the module’s message; ok and wrong are left to the caller', () => {
  assert.deepEqual(oneTimeCodeIssue('malformed', 'devices.report.error'), { field: 'code', messageKey: 'devices.report.error.codeFormat' });
  assert.deepEqual(oneTimeCodeIssue('locked', 'scams.appeals.error'), { field: 'code', messageKey: 'scams.appeals.error.codeLocked' });
  assert.deepEqual(oneTimeCodeIssue('expired', 'privacy.requests.error'), { field: 'code', messageKey: 'privacy.requests.error.codeExpired' });
  assert.equal(oneTimeCodeIssue('ok', 'x'), undefined);
  assert.equal(oneTimeCodeIssue('wrong', 'x'), undefined);
});
