import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { JURISDICTION_SCHEMA_PATH } from '../src/platform/jurisdiction.ts';
import { profileSchemaText } from '../src/platform/profile-schema.ts';
import { moduleSettings } from '../src/modules/settings.ts';

test("the profile's JSON Schema holds each module's settings schema as generated (npm run profile-schema)", () => {
  const current = readFileSync(JURISDICTION_SCHEMA_PATH, 'utf8');
  assert.equal(current, profileSchemaText(current, moduleSettings), 'jurisdictions/jurisdiction.schema.json is stale: run npm run profile-schema');
});

test('the demo profile passes the generated schema, as an editor checks it', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(JURISDICTION_SCHEMA_PATH, 'utf8')) as object);
  const demo: unknown = JSON.parse(readFileSync(new URL('../jurisdictions/demo.json', import.meta.url), 'utf8'));
  assert.equal(validate(demo), true, JSON.stringify(validate.errors));
});
