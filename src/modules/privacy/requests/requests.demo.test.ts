import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { privacyModule } from '../index.ts';
import { REQUEST_STATES } from './request-rules.ts';

const databases = openTestDatabases(allMigrations([privacyModule]));

for (const database of databases.all) {
  test(`the demo has a request in each state, from fictional people, once [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [privacyModule] });
    await privacyModule.seedDemo?.(platform);
    await privacyModule.seedDemo?.(platform);
    const rows = await platform.db.kysely.selectFrom('privacy_requests').select(['state', 'channel']).orderBy('state').orderBy('channel').execute();
    assert.deepEqual([...new Set(rows.map((r) => r.state))].sort(), [...REQUEST_STATES].sort());
    assert.equal(rows.length, 7, 'seeded once');
    assert.ok(
      rows.every((r) => r.channel !== 'web'),
      'entered as staff would',
    );
  });
}
