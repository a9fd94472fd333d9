import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIntegerIn, isNumberIn, isPlainObject, isWebAddress, numberOr } from './value-checks.ts';

test('a plain object is an object that is neither null nor an array', () => {
  assert.equal(isPlainObject({ a: 1 }), true);
  assert.equal(isPlainObject({}), true);
  for (const value of [null, [], [1], 'x', 1, undefined, true]) assert.equal(isPlainObject(value), false, JSON.stringify(value));
});

test('whole and finite numbers are checked against both bounds, bounds included', () => {
  assert.equal(isIntegerIn(1, 1, 3), true);
  assert.equal(isIntegerIn(3, 1, 3), true);
  for (const value of [0, 4, 1.5, '2', Number.NaN, null]) assert.equal(isIntegerIn(value, 1, 3), false, String(value));
  assert.equal(isNumberIn(1.5, 1, 3), true);
  assert.equal(isNumberIn(3, 1, 3), true);
  for (const value of [0.99, 3.01, Number.POSITIVE_INFINITY, Number.NaN, '2']) assert.equal(isNumberIn(value, 1, 3), false, String(value));
});

test('a web address is an http or https address on a named host', () => {
  for (const value of ['https://creativecommons.org/licenses/by/4.0/', 'http://example.ke/offer?id=1']) assert.equal(isWebAddress(value), true, value);
  for (const value of ['ftp://example.ke/file', 'https://localhost/', 'example.ke', 'javascript:alert(1)', '', 42, null])
    assert.equal(isWebAddress(value), false, String(value));
});

test('a number left out of the settings reads as its default', () => {
  assert.equal(numberOr(7, 3), 7);
  assert.equal(numberOr(0, 3), 0);
  for (const value of [undefined, null, '7']) assert.equal(numberOr(value, 3), 3, String(value));
});
