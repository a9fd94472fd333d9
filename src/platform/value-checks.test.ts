import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPlainObject, isWebAddress } from './value-checks.ts';

test('a plain object is an object that is neither null nor an array', () => {
  assert.equal(isPlainObject({ a: 1 }), true);
  assert.equal(isPlainObject({}), true);
  for (const value of [null, [], [1], 'x', 1, undefined, true]) assert.equal(isPlainObject(value), false, JSON.stringify(value));
});

test('a web address is an http or https address on a named host', () => {
  for (const value of ['https://creativecommons.org/licenses/by/4.0/', 'http://example.ke/offer?id=1']) assert.equal(isWebAddress(value), true, value);
  for (const value of ['ftp://example.ke/file', 'https://localhost/', 'example.ke', 'javascript:alert(1)', '', 42, null])
    assert.equal(isWebAddress(value), false, String(value));
});
