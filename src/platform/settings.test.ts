import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from '@sinclair/typebox';
import { checkSettings, defineSettings, modulesJsonSchema, readSettings, settingsOf } from './settings.ts';

// A module's settings as modules write them: every field with its default, a sentence where the
// default one would not say enough, a rule between two fields, and a resolved form.
const example = defineSettings({
  module: 'example',
  schema: Type.Object(
    {
      rateLimitPerMinute: Type.Integer({ minimum: 1, maximum: 1000, default: 60 }),
      codeMinutes: Type.Integer({ minimum: 1, maximum: 1440, default: 15, errorMessage: 'must be a whole number of minutes from 1 to 1440' }),
      lagDays: Type.Record(Type.String({ pattern: '^[0-9]{2}$' }), Type.Integer({ minimum: 0, maximum: 3650 }), {
        default: {},
        additionalProperties: false,
        keyErrorMessage: 'the key must be a two-digit reporting body identifier',
      }),
      file: Type.Object(
        {
          maxBytes: Type.Integer({ minimum: 1024, maximum: 4096, default: 2048 }),
          types: Type.Array(Type.Union([Type.Literal('a'), Type.Literal('b')]), { minItems: 1, default: ['a'] }),
        },
        { additionalProperties: false, default: {} },
      ),
      smallest: Type.Integer({ default: 1 }),
      largest: Type.Integer({ default: 10 }),
    },
    { additionalProperties: false },
  ),
  rules: (value, at) => (value.smallest > value.largest ? [`${at('smallest')}: must not be above largest (${value.largest})`] : []),
  resolve: (value) => ({ ...value, lagDays: { '35': 20, ...value.lagDays } }),
});

test('an absent or empty block means every default, resolved and frozen', () => {
  const settings = settingsOf(example, undefined);
  assert.deepEqual(settings, {
    rateLimitPerMinute: 60,
    codeMinutes: 15,
    lagDays: { '35': 20 },
    file: { maxBytes: 2048, types: ['a'] },
    smallest: 1,
    largest: 10,
  });
  assert.deepEqual(settingsOf(example, {}), settings);
  assert.ok(Object.isFrozen(settings) && Object.isFrozen(settings.file) && Object.isFrozen(settings.file.types));
});

test("the profile's values replace the defaults, and the frozen profile is left as it was", () => {
  const block = Object.freeze({ rateLimitPerMinute: 5, lagDays: Object.freeze({ '77': 3 }), file: Object.freeze({ types: Object.freeze(['b']) }) });
  const settings = settingsOf(example, block);
  assert.equal(settings.rateLimitPerMinute, 5);
  assert.deepEqual(settings.lagDays, { '35': 20, '77': 3 });
  assert.deepEqual(settings.file, { maxBytes: 2048, types: ['b'] });
  assert.deepEqual(block, { rateLimitPerMinute: 5, lagDays: { '77': 3 }, file: { types: ['b'] } });
});

test('every wrong field is named once, with its path, in the order of the schema', () => {
  assert.deepEqual(
    checkSettings(example, { extra: 1, rateLimitPerMinute: 1.5, codeMinutes: 0, lagDays: { abc: 1 }, file: { maxBytes: 10, types: ['c'], colour: 'red' } }),
    [
      '/modules/example/extra: unknown setting (known: rateLimitPerMinute, codeMinutes, lagDays, file, smallest, largest)',
      '/modules/example/rateLimitPerMinute: must be a whole number from 1 to 1000',
      '/modules/example/codeMinutes: must be a whole number of minutes from 1 to 1440',
      '/modules/example/lagDays/abc: the key must be a two-digit reporting body identifier',
      '/modules/example/file/colour: unknown setting (known: maxBytes, types)',
      '/modules/example/file/maxBytes: must be a whole number from 1024 to 4096',
      '/modules/example/file/types/0: must be one of a, b',
    ],
  );
  assert.deepEqual(checkSettings(example, { file: 'big' }), ['/modules/example/file: must be an object']);
  // A list given for an object with a default, or an object for a list, is a wrong shape, not the default.
  assert.deepEqual(checkSettings(example, { file: [] }), ['/modules/example/file: must be an object']);
  assert.deepEqual(checkSettings(example, { file: { types: {} } }), ['/modules/example/file/types: must be a list']);
  assert.deepEqual(checkSettings(example, { file: { types: { a: true } } }), ['/modules/example/file/types: must be a list']);
  assert.deepEqual(checkSettings(example, { lagDays: [], file: [] }), [
    '/modules/example/lagDays: must be an object',
    '/modules/example/file: must be an object',
  ]);
  assert.deepEqual(checkSettings(example, 'all'), ['/modules/example: must be an object']);
  assert.deepEqual(checkSettings(example, { file: { types: [] } }), ['/modules/example/file/types: must be a list of at least 1']);
});

test('rules run only on a block the schema passed', () => {
  assert.deepEqual(checkSettings(example, { smallest: 11 }), ['/modules/example/smallest: must not be above largest (10)']);
  const result = readSettings(example, { smallest: 11, rateLimitPerMinute: 0 });
  assert.deepEqual(result, { ok: false, problems: ['/modules/example/rateLimitPerMinute: must be a whole number from 1 to 1000'] });
});

test("the profile's JSON Schema holds each module's schema as plain JSON", () => {
  const schema = modulesJsonSchema([example]) as { properties: { example: { properties: Record<string, { default?: unknown }>; required?: string[] } } };
  assert.equal(schema.properties.example.properties['codeMinutes']?.default, 15);
  // A field with a default may be left out of a profile.
  assert.equal('required' in schema.properties.example, false);
  assert.equal(JSON.stringify(schema).includes('TypeBox'), false);
});
