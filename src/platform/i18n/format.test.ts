import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFormatter } from './format.ts';

const ARABIC_INDIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/;

test('Arabic numbers, money and dates use Latin digits', () => {
  const format = createFormatter('ar', 'Africa/Nairobi');
  const number = format.number(1234567.5);
  const money = format.money('1234.50', 'KES');
  const date = format.date('2026-12-23T10:00:00Z');
  for (const text of [number, money, date]) {
    assert.doesNotMatch(text, ARABIC_INDIC_DIGITS, text);
  }
  assert.match(number, /1.?234.?567/);
  assert.match(money, /1.?234.50/);
  assert.match(date, /23/);
  assert.match(date, /2026/);
});

test('money is formatted from a decimal string without passing through a binary float', () => {
  const format = createFormatter('en', 'UTC');
  // As a float, 12345678901234567.89 would print as ...568.00.
  assert.equal(format.money('12345678901234567.89', 'USD'), '$12,345,678,901,234,567.89');
  assert.equal(format.money('0.1', 'USD'), '$0.10');
});

test('money follows the language’s conventions', () => {
  assert.match(createFormatter('fr', 'UTC').money('1234.5', 'EUR'), /^1\u202f234,50\u00a0€$/);
  assert.match(createFormatter('en', 'UTC').money('1234.5', 'KES'), /^Ksh\s?1,234\.50$|^KES\s?1,234\.50$/);
});

test('dates are shown in the jurisdiction’s time zone, not the server’s', () => {
  // 22:00 UTC on 23 December is already 24 December in Nairobi (UTC+3).
  assert.match(createFormatter('en', 'Africa/Nairobi').date('2026-12-23T22:00:00Z'), /December 24, 2026/);
  assert.match(createFormatter('en', 'UTC').date(new Date('2026-12-23T22:00:00Z')), /December 23, 2026/);
  assert.match(createFormatter('en', 'Africa/Nairobi').dateTime('2026-12-23T22:00:00Z'), /1:00/);
});
