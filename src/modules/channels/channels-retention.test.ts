import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { allMigrations } from '../../platform/create.ts';
import { requestScheduledJobs } from '../../platform/maintenance.ts';
import { CHANNELS_TEST_MODULES, createChannelsTestApp } from './testing/channels-platform.ts';
import { createUssdServiceFor } from './channels.wiring.ts';

const databases = openTestDatabases(allMigrations(CHANNELS_TEST_MODULES));
const DAY = 86_400_000;

for (const database of databases.all) {
  test(`the daily retention deletes USSD sessions after their hours and language choices after their days; scam reports are the scams module's [${database.dialect}]`, async () => {
    const { platform } = await createChannelsTestApp(database);
    const ussd = createUssdServiceFor(platform);
    const call = (sessionId: string, text: string) => ussd.handle({ gateway: 'test', sessionId, number: '+254712345678', inputs: { kind: 'all', text } }, 5000);
    for (const text of ['', '4', '4*+254700000000', '4*+254700000000*2', '4*+254700000000*2*Send 500 to win']) await call('s-1', text);
    for (const text of ['', '5', '5*2']) await call('s-2', text);
    const counts = async () => ({
      sessions: (await platform.db.kysely.selectFrom('channel_ussd_sessions').select('id').execute()).length,
      scamReports: (await platform.db.kysely.selectFrom('scam_reports').select('id').execute()).length,
      languages: (await platform.db.kysely.selectFrom('channel_language_preferences').select('number_hash').execute()).length,
    });
    const runRetention = async () => {
      await requestScheduledJobs(platform);
      await platform.jobs.runDue();
    };
    assert.deepEqual(await counts(), { sessions: 2, scamReports: 1, languages: 1 });
    platform.clock.advance(2 * DAY);
    await runRetention();
    assert.deepEqual(await counts(), { sessions: 0, scamReports: 1, languages: 1 });
    platform.clock.advance(200 * DAY);
    await runRetention();
    assert.deepEqual(await counts(), { sessions: 0, scamReports: 1, languages: 1 });
    platform.clock.advance(200 * DAY);
    await runRetention();
    assert.deepEqual(await counts(), { sessions: 0, scamReports: 1, languages: 0 });
    const jobs = await platform.db.kysely.selectFrom('jobs').select('status').where('type', '=', 'channels.retention').execute();
    // Earlier runs are past the jobs' own retention by now; the last one is kept, done.
    assert.deepEqual(
      jobs.map((j) => j.status),
      ['done'],
    );
  });
}
