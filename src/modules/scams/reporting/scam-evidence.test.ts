import { test } from 'node:test';
import assert from 'node:assert/strict';
import { campaignKey, defang, isInternationalisedHost, readSender } from './scam-evidence.ts';

test('a sender is a number in E.164, a short code or a sender id, each its own kind', () => {
  assert.deepEqual(readSender('0712 345 678', 'KE'), { ok: true, sender: { kind: 'number', value: '+254712345678' } });
  assert.deepEqual(readSender('+254 20 222 2222', 'KE'), { ok: true, sender: { kind: 'number', value: '+254202222222' } });
  assert.deepEqual(readSender('40404', 'KE'), { ok: true, sender: { kind: 'shortCode', value: '40404' } });
  assert.deepEqual(readSender('M-Pesa', 'KE'), { ok: true, sender: { kind: 'senderId', value: 'M-PESA' } });
  assert.deepEqual(readSender('  ', 'KE'), { ok: false, problem: 'empty' });
  assert.deepEqual(readSender('12345678901234567', 'KE'), { ok: false, problem: 'invalid' });
  assert.deepEqual(readSender('<script>', 'KE'), { ok: false, problem: 'invalid' });
});

test('a link is only ever shown defanged', () => {
  assert.equal(defang('https://example.com/login'), 'hxxps://example[.]com/login');
  assert.equal(defang('http://m-pesa.secure-ke.example/pay?x=1.2'), 'hxxp://m-pesa[.]secure-ke[.]example/pay?x=1.2');
  assert.equal(defang('parcel-ke.example/track'), 'parcel-ke[.]example/track');
});

test('an internationalised host is flagged', () => {
  assert.equal(isInternationalisedHost('xn--mpsa-1na.example'), true);
  assert.equal(isInternationalisedHost('mрesa.example'), true);
  assert.equal(isInternationalisedHost('mpesa.example'), false);
});

test('the same forwarded text to many people has one campaign key; another text has another', () => {
  const a = campaignKey('Your parcel KE-88213 is held. Pay 150 KES at https://parcel-ke.example/t/88213 now!');
  const b = campaignKey('your parcel KE-10007 is held.  Pay 175 KES at https://parcel-ke.example/t/10007 now');
  assert.equal(a, b);
  assert.notEqual(a, campaignKey('You won 50,000 KES! Call 0799 000 222 to claim.'));
});
