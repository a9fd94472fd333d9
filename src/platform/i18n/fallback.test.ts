import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fallbackHostOf, hasFallback, markFallback, splitFallback, stripFallback } from './fallback.ts';

test('marked English inside translated text splits into its pieces, in order', () => {
  const text = `Veuillez lire ${markFallback('the summary', 'fr')} avant de signer.`;
  assert.deepEqual(splitFallback(text), [
    { text: 'Veuillez lire ', isFallback: false },
    { text: 'the summary', isFallback: true },
    { text: ' avant de signer.', isFallback: false },
  ]);
  assert.equal(stripFallback(text), 'Veuillez lire the summary avant de signer.');
  assert.equal(hasFallback(text), true);
  assert.equal(fallbackHostOf(text), 'fr');
});

test('a fallback inside a fallback is one English piece, and plain text has none', () => {
  const inner = markFallback('Kinga', 'es');
  assert.deepEqual(splitFallback(markFallback(`Welcome to ${inner}.`, 'es')), [{ text: 'Welcome to Kinga.', isFallback: true }]);
  assert.deepEqual(splitFallback('Hola'), [{ text: 'Hola', isFallback: false }]);
  assert.deepEqual(splitFallback(''), []);
  assert.equal(hasFallback('Hola'), false);
  assert.equal(fallbackHostOf('Hola'), undefined);
  assert.equal(stripFallback('Hola'), 'Hola');
});

test('a closing mark without its opening one is dropped', () => {
  assert.deepEqual(splitFallback(`a\uFDD2b`), [{ text: 'ab', isFallback: false }]);
});
