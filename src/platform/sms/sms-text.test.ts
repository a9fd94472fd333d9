import { test } from 'node:test';
import assert from 'node:assert/strict';
import { concatenationHeader, decodeSmsText, encodeSmsText, encodingOf, planSms, smsSegments, smsUnits } from './sms-text.ts';

test('a text whose every character is in the GSM alphabet or its extension goes as GSM 7-bit, anything else as UCS-2', () => {
  assert.equal(encodingOf('Your phone 490154203237518 is not reported stolen. @£$¥ {€}'), 'gsm7');
  assert.equal(encodingOf('Votre téléphone est déclaré volé'), 'gsm7', 'é is in the alphabet');
  assert.equal(encodingOf('Reçu, merci'), 'ucs2', 'the alphabet has Ç but not ç');
  assert.equal(encodingOf('هاتفك غير مسروق'), 'ucs2');
  assert.equal(encodingOf('您的手机'), 'ucs2');
  assert.equal(encodingOf('ok 👍'), 'ucs2');
  assert.equal(smsUnits('a{b}€', 'gsm7'), 8, 'each extension character takes an escape and a septet');
  assert.equal(smsUnits('👍', 'ucs2'), 2, 'a character outside the BMP takes two UCS-2 units');
});

test('160 septets or 70 UCS-2 units fit one message; one more cuts into parts of 153 or 67', () => {
  assert.deepEqual(planSms('a'.repeat(160)), { encoding: 'gsm7', parts: ['a'.repeat(160)] });
  const long = planSms('a'.repeat(161));
  assert.deepEqual(
    long.parts.map((p) => p.length),
    [153, 8],
  );
  assert.equal(planSms('ж'.repeat(70)).parts.length, 1);
  assert.deepEqual(
    planSms('ж'.repeat(71)).parts.map((p) => p.length),
    [67, 4],
  );
  assert.deepEqual(
    planSms('a'.repeat(153 * 3)).parts.map((p) => p.length),
    [153, 153, 153],
  );
});

test('a part never ends between an escape and its character, nor inside an emoji', () => {
  const gsm = planSms(`${'a'.repeat(152)}€${'b'.repeat(10)}`);
  assert.deepEqual(
    gsm.parts.map((p) => smsUnits(p, 'gsm7')),
    [152, 12],
    'the euro sign (two septets) moves whole to the second part',
  );
  const ucs = planSms(`${'ж'.repeat(66)}👍${'ж'.repeat(10)}`);
  assert.equal(ucs.parts[0], 'ж'.repeat(66));
  assert.equal(ucs.parts[1]?.startsWith('👍'), true);
  assert.equal(ucs.parts.join(''), `${'ж'.repeat(66)}👍${'ж'.repeat(10)}`);
});

test('GSM 7-bit octets and UCS-2 octets read back to the same text', () => {
  for (const text of ['Hello @ £5 [x] ~ \\ | ^ € {}', 'Ñandù § ¿Qué? Äpfel', 'ΔΦΓΛΩΠΨΣΘΞ']) {
    assert.equal(decodeSmsText(encodeSmsText(text, 'gsm7'), 'gsm7'), text);
  }
  assert.deepEqual([...encodeSmsText('@€', 'gsm7')], [0x00, 0x1b, 0x65]);
  assert.deepEqual([...encodeSmsText('Aж', 'ucs2')], [0x00, 0x41, 0x04, 0x36]);
  for (const text of ['هاتفك غير مسروق ٤٩٠', '您的手机 👍', 'Ваш телефон']) assert.equal(decodeSmsText(encodeSmsText(text, 'ucs2'), 'ucs2'), text);
  assert.throws(() => encodeSmsText('ж', 'gsm7'), /not in the GSM 7-bit alphabet/);
});

test('each part of a long text starts with a concatenation header naming the reference, the count and its place', () => {
  const { encoding, segments } = smsSegments('x'.repeat(400), 42);
  assert.equal(encoding, 'gsm7');
  assert.equal(segments.length, 3);
  segments.forEach((segment, i) => {
    assert.equal(segment.hasUdh, true);
    assert.deepEqual([...segment.shortMessage.subarray(0, 6)], [0x05, 0x00, 0x03, 42, 3, i + 1]);
  });
  assert.equal(segments[0]?.shortMessage.length, 6 + 153);
  assert.equal(segments[2]?.shortMessage.length, 6 + 400 - 2 * 153);
  const single = smsSegments('short', 1);
  assert.deepEqual(single.segments, [{ shortMessage: Buffer.from('short'), hasUdh: false }]);
  assert.throws(() => concatenationHeader(256, 2, 1), /one octet/);
  assert.throws(() => concatenationHeader(1, 2, 3), /cannot be numbered/);
});
