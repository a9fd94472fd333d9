import { test } from 'node:test';
import assert from 'node:assert/strict';
import { publicCount, publicStatusOf, readLookupValue, registrableDomainOf } from './scam-lookup.ts';

test('a typed value is read as a number in the profile country, a short code, a sender id or a link by its registrable domain', () => {
  assert.deepEqual(readLookupValue('0712 345 678', 'KE'), { ok: true, value: { kind: 'number', value: '+254712345678', shown: '+254712345678' } });
  assert.deepEqual(readLookupValue('40404', 'KE'), { ok: true, value: { kind: 'shortCode', value: '40404', shown: '40404' } });
  assert.deepEqual(readLookupValue('Bank-Info', 'KE'), { ok: true, value: { kind: 'senderId', value: 'BANK-INFO', shown: 'BANK-INFO' } });
  assert.deepEqual(readLookupValue('https://login.secure-bank.co.ke/verify?id=1', 'KE'), {
    ok: true,
    value: { kind: 'domain', value: 'secure-bank.co.ke', shown: 'hxxps://login[.]secure-bank[.]co[.]ke/verify?id=1' },
  });
  const defanged = readLookupValue('hxxps://evil[.]com/pay', 'KE');
  assert.ok(defanged.ok && defanged.value.value === 'evil.com');
  assert.equal(registrableDomainOf('пример.рф/x'), 'xn--e1afmkfd.xn--p1ai', 'an internationalised domain is keyed in ASCII');
  assert.equal(registrableDomainOf('http://127.0.0.1/x'), undefined);
  assert.deepEqual(
    readLookupValue('M.PESA', 'KE'),
    { ok: true, value: { kind: 'senderId', value: 'M.PESA', shown: 'M.PESA' } },
    'a dotted sender name with no known suffix stays a sender',
  );
  assert.deepEqual(readLookupValue('   ', 'KE'), { ok: false, problem: 'empty' });
  assert.deepEqual(readLookupValue('x'.repeat(2001), 'KE'), { ok: false, problem: 'tooLong' });
  assert.deepEqual(readLookupValue('<script>alert(1)</script>', 'KE'), { ok: false, problem: 'invalid' });
});

test('the public sees one status, and small counts as fewer than the smallest count', () => {
  assert.deepEqual(
    [undefined, 'reported', 'threshold_reached', 'under_review', 'rejected', 'confirmed', 'appealed', 'cleared', 'mystery'].map(publicStatusOf),
    ['noReports', 'reported', 'reported', 'reported', 'reported', 'confirmed', 'appealed', 'cleared', 'reported'],
  );
  assert.deepEqual(publicCount(2, 3), { count: null, fewerThan: 3 });
  assert.deepEqual(publicCount(3, 3), { count: 3, fewerThan: null });
});
