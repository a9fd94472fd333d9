import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkJurisdiction } from './jurisdiction.ts';

const DEMO = fileURLToPath(new URL('../../jurisdictions/demo.json', import.meta.url));
const demo = () => JSON.parse(readFileSync(DEMO, 'utf8')) as Record<string, unknown>;

test('a profile says which of its languages are complete, and the demo lists its own', () => {
  const profile = demo();
  assert.ok(Array.isArray(profile['completeLanguages']), 'the demo profile lists its complete languages');
  assert.deepEqual(checkJurisdiction(profile), []);
  assert.deepEqual(checkJurisdiction({ ...profile, completeLanguages: ['en', 'fr', 'ar', 'es'] }), []);
});

test('a complete language must be one the profile offers, and named once', () => {
  const profile = { ...demo(), languages: ['en', 'fr'], defaultLanguage: 'en', completeLanguages: ['en', 'ru'] };
  assert.deepEqual(checkJurisdiction(profile), ['/completeLanguages/1: "ru" is not in /languages']);
  assert.match(checkJurisdiction({ ...demo(), completeLanguages: ['en', 'en'] }).join('\n'), /^\/completeLanguages: .*duplicate/m);
  assert.match(checkJurisdiction({ ...demo(), completeLanguages: ['xx'] }).join('\n'), /^\/completeLanguages\/0: /m);
});
