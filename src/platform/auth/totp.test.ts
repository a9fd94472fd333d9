import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateTotpSecret, groupSecret, matchTotp, totpCode, totpStep, totpUri } from './totp.ts';

// RFC 6238 appendix B uses the ASCII secret "12345678901234567890", base32 below, with 8 digits;
// the 6-digit codes are the last six digits of those values.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

test('computes the RFC 6238 test vectors', () => {
  assert.equal(totpCode(RFC_SECRET, new Date(59_000)), '287082');
  assert.equal(totpCode(RFC_SECRET, new Date(1_111_111_109_000)), '081804');
  assert.equal(totpCode(RFC_SECRET, new Date(1_234_567_890_000)), '005924');
  assert.equal(totpCode(RFC_SECRET, new Date(2_000_000_000_000)), '279037');
});

test('accepts the code of the current step and of one step either side, and no further', () => {
  const at = new Date('2026-12-23T10:00:15Z');
  const step = totpStep(at);
  assert.equal(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, at), at, null), step);
  assert.equal(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(at.getTime() - 30_000)), at, null), step - 1);
  assert.equal(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(at.getTime() + 30_000)), at, null), step + 1);
  assert.equal(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(at.getTime() - 90_000)), at, null), null);
});

test('refuses a code of a step already used, or of an earlier one', () => {
  const at = new Date('2026-12-23T10:00:15Z');
  const code = totpCode(RFC_SECRET, at);
  assert.equal(matchTotp(RFC_SECRET, code, at, totpStep(at)), null);
  assert.equal(matchTotp(RFC_SECRET, code, at, totpStep(at) + 1), null);
  assert.equal(matchTotp(RFC_SECRET, code, at, totpStep(at) - 1), totpStep(at));
});

test('ignores spaces and refuses anything but six digits', () => {
  const at = new Date('2026-12-23T10:00:15Z');
  const code = totpCode(RFC_SECRET, at);
  assert.equal(matchTotp(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, at, null), totpStep(at));
  assert.equal(matchTotp(RFC_SECRET, code.slice(0, 5), at, null), null);
  assert.equal(matchTotp(RFC_SECRET, 'abcdef', at, null), null);
});

test('new secrets are 160-bit base32 and the URI names issuer and account', () => {
  const secret = generateTotpSecret();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.notEqual(secret, generateTotpSecret());
  const uri = totpUri(secret, 'amina@example.org', 'Kinga DCA');
  assert.ok(uri.startsWith('otpauth://totp/Kinga%20DCA:amina%40example.org?'));
  assert.ok(uri.includes(`secret=${secret}`));
  assert.ok(uri.includes('issuer=Kinga%20DCA'));
  assert.equal(groupSecret('ABCDEFGHIJ'), 'ABCD EFGH IJ');
});
