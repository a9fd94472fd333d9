import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../test/helpers/platform.ts';
import { allMigrations } from '../../platform/create.ts';
import { requestScheduledJobs } from '../../platform/maintenance.ts';
import { devicesModule } from './index.ts';

const databases = openTestDatabases(allMigrations([devicesModule]));

for (const database of databases.all) {
  test(`the daily maintenance runs the module's retention job, which erases IMSIs and MSISDNs past the profile's retention [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const { keyring } = platform;
    const observation = (id: string, lastSeen: string) => ({
      id,
      observation_key: `key-${id}`,
      imei_key: '35209900176148',
      imsi_cipher: keyring.encrypt('639021234567890', 'device_observations.imsi'),
      msisdn_cipher: keyring.encrypt('254712345678', 'device_observations.msisdn'),
      imsi_hash: keyring.hash('639021234567890', 'device-imsi'),
      home_network: '63902',
      rat: null,
      operator_id: 'OP-A',
      first_seen: '2026-01-02',
      last_seen: lastSeen,
      import_id: 'i',
    });
    // The test clock is 2026-12-01; six months back is 2026-06-01.
    await platform.db.kysely.insertInto('device_observations').values([observation('old', '2026-05-20'), observation('recent', '2026-11-20')]).execute();
    // What every server process asks for at start: the daily clean-up and the module's daily jobs.
    await requestScheduledJobs(platform);
    assert.ok((await platform.jobs.runDue()) >= 2, 'the maintenance job and the retention job');
    const retention = await platform.db.kysely.selectFrom('jobs').select('status').where('type', '=', 'devices.observations.retention').execute();
    assert.deepEqual(retention.map((j) => j.status), ['done']);
    const rows = await platform.db.kysely.selectFrom('device_observations').select(['id', 'imsi_cipher', 'msisdn_cipher', 'imsi_hash', 'imei_key']).orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => [r.id, r.imsi_cipher !== null, r.msisdn_cipher !== null, r.imsi_hash !== null, r.imei_key]),
      [
        ['old', false, false, false, '35209900176148'],
        ['recent', true, true, true, '35209900176148'],
      ],
    );
  });
}
