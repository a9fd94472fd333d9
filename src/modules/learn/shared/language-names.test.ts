import { test } from 'node:test';
import assert from 'node:assert/strict';
import { languageNameIn } from './language-names.ts';

test('names a language in the page language, and keeps the code of one it cannot name', () => {
  assert.equal(languageNameIn('en', 'fr'), 'French');
  assert.equal(languageNameIn('fr', 'ar'), 'arabe');
  assert.equal(languageNameIn('en', 'qqq'), 'qqq');
  assert.equal(languageNameIn('en', 'not a tag!'), 'not a tag!');
});
