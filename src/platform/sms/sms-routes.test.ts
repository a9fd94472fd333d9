import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseRoute, parseSmppUrl } from './sms-routes.ts';
import { maskNumber, readMobileNumber } from './phone-numbers.ts';

const routes = [
  { name: 'safaricom', prefixes: ['2547', '25411'] },
  { name: 'airtel', prefixes: ['25473', '25410'] },
  { name: 'telkom', prefixes: ['25477'] },
];

test('a text leaves by the longest matching prefix, unless its number was ported', () => {
  assert.equal(chooseRoute('+254712345678', routes)?.name, 'safaricom');
  assert.equal(chooseRoute('+254733345678', routes)?.name, 'airtel', '25473 is longer than 2547');
  assert.equal(chooseRoute('+254771234567', routes)?.name, 'telkom');
  assert.equal(chooseRoute('+254712345678', routes, 'airtel')?.name, 'airtel');
  assert.equal(chooseRoute('+254712345678', routes, 'gone')?.name, 'safaricom', 'a porting entry naming no route is passed over');
  assert.equal(chooseRoute('+33612345678', routes), undefined);
});

test('an SMPP address gives its system id, password, host and port, and a wrong one is named without its secret', () => {
  assert.deepEqual(parseSmppUrl('smpp://kinga:s%40cret@127.0.0.1:2776'), { systemId: 'kinga', password: 's@cret', host: '127.0.0.1', port: 2776 });
  assert.equal(parseSmppUrl('smpp://kinga:x@smsc.example.net').port, 2775);
  assert.throws(
    () => parseSmppUrl('http://kinga:topsecret@host:1'),
    (e: Error) => /smpp:\/\//.test(e.message) && !e.message.includes('topsecret'),
  );
  assert.throws(() => parseSmppUrl('smpp://@host:1'), /system_id/);
  assert.throws(() => parseSmppUrl('not an address'), /smpp:\/\/system_id/);
});

test('a mobile number typed in any usual way is read into E.164; a fixed line or nonsense is refused', () => {
  for (const typed of ['0712 345678', '+254 712-345-678', '254712345678', '٠٧١٢٣٤٥٦٧٨', '(0712) 345 678'])
    assert.deepEqual(readMobileNumber(typed, 'KE'), { ok: true, e164: '+254712345678' }, typed);
  assert.deepEqual(readMobileNumber('020 2222222', 'KE'), { ok: false, problem: 'not-mobile' });
  assert.deepEqual(readMobileNumber('12', 'KE'), { ok: false, problem: 'invalid' });
  assert.deepEqual(readMobileNumber('+33 6 12 34 56 78', 'KE'), { ok: true, e164: '+33612345678' });
});

test('a masked number keeps the country code and the last two digits', () => {
  assert.equal(maskNumber('+254712345678'), '+254 •••••••78');
  assert.equal(maskNumber('+33612345678'), '+33 •••••••78');
});
