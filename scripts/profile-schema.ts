/**
 * Writes the `modules` part of `jurisdictions/jurisdiction.schema.json` from the modules' settings
 * schemas: `npm run profile-schema`. `test/profile-schema.test.ts` fails while the file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { JURISDICTION_SCHEMA_PATH } from '../src/platform/jurisdiction.ts';
import { profileSchemaText } from '../src/platform/profile-schema.ts';
import { moduleSettings } from '../src/modules/settings.ts';

const current = readFileSync(JURISDICTION_SCHEMA_PATH, 'utf8');
const next = profileSchemaText(current, moduleSettings);
if (next === current) console.log(`${JURISDICTION_SCHEMA_PATH} is up to date`);
else {
  writeFileSync(JURISDICTION_SCHEMA_PATH, next);
  console.log(`wrote ${JURISDICTION_SCHEMA_PATH}`);
}
