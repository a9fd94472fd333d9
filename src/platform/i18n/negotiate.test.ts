import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Language } from '../jurisdiction.ts';
import { negotiateLanguage, parseAcceptLanguage } from './negotiate.ts';

const OFFERED: readonly Language[] = ['en', 'fr', 'ar'];

test('the language in the URL beats the cookie and the browser', () => {
  assert.equal(negotiateLanguage(OFFERED, 'en', 'ar', 'fr', 'fr-FR,fr;q=0.9'), 'ar');
});

test('the cookie beats the browser when the URL names no language', () => {
  assert.equal(negotiateLanguage(OFFERED, 'en', undefined, 'fr', 'ar,en;q=0.5'), 'fr');
});

test('an unsupported language in the URL falls through to the cookie, then the browser', () => {
  assert.equal(negotiateLanguage(OFFERED, 'en', 'de', 'ar', 'fr'), 'ar');
  assert.equal(negotiateLanguage(OFFERED, 'en', 'de', 'xx', 'fr'), 'fr');
});

test('the browser’s Accept-Language is used when there is no explicit choice', () => {
  assert.equal(negotiateLanguage(OFFERED, 'en', undefined, undefined, 'ar'), 'ar');
});

test('a region tag such as fr-CA or ar_MA selects its base language', () => {
  assert.equal(negotiateLanguage(OFFERED, 'en', undefined, undefined, 'fr-CA'), 'fr');
  assert.equal(negotiateLanguage(OFFERED, 'en', 'ar_MA', undefined, undefined), 'ar');
  assert.equal(negotiateLanguage(OFFERED, 'en', 'FR', undefined, undefined), 'fr');
});

test('q-values order the browser’s preferences, whatever their order in the header', () => {
  assert.equal(negotiateLanguage(OFFERED, 'en', undefined, undefined, 'en;q=0.3, ar;q=0.9, fr;q=0.5'), 'ar');
});

test('a preferred but unsupported language gives way to the next supported one', () => {
  assert.equal(negotiateLanguage(OFFERED, 'en', undefined, undefined, 'de-DE, sw;q=0.9, fr;q=0.8, en;q=0.7'), 'fr');
});

test('nothing supported, or nothing asked, gives the default language', () => {
  assert.equal(negotiateLanguage(OFFERED, 'fr', undefined, undefined, 'de, ja;q=0.5'), 'fr');
  assert.equal(negotiateLanguage(OFFERED, 'fr', undefined, undefined, undefined), 'fr');
  assert.equal(negotiateLanguage(OFFERED, 'fr', '', '', ''), 'fr');
});

test('parseAcceptLanguage sorts by quality, keeps header order on ties, and drops q=0 and *', () => {
  assert.deepEqual(parseAcceptLanguage('fr-CA, fr;q=0.9, en;q=0.8, *;q=0.5, de;q=0'), ['fr-CA', 'fr', 'en']);
  assert.deepEqual(parseAcceptLanguage('en;q=0.5, ar, ru;q=0.5'), ['ar', 'en', 'ru']);
});

test('parseAcceptLanguage survives an empty or malformed header', () => {
  assert.deepEqual(parseAcceptLanguage(''), []);
  assert.deepEqual(parseAcceptLanguage(' , ;q=1, fr;q=abc, es ; q=0.7 '), ['es']);
});
