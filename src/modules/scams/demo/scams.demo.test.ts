import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { seedDemo } from '../../../platform/demo.ts';
import { SCAMS_TEST_MODULES } from '../testing/scams-platform.ts';
import { seedScamsDemo } from './scams.demo.ts';

const databases = openTestDatabases(allMigrations(SCAMS_TEST_MODULES));

for (const database of databases.all) {
  test(`the demo shows a campaign at the threshold, a number confirmed by two reviewers with its operators' notices, one under appeal, one cleared, and the list [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: SCAMS_TEST_MODULES });
    await seedDemo(platform, SCAMS_TEST_MODULES);
    const db = platform.db.kysely;

    const states = await db.selectFrom('scam_identifiers').select(['kind', 'state', 'value_enc']).execute();
    const byValue = new Map(states.map((s) => [platform.keyring.decrypt(s.value_enc, 'scam_identifiers.value'), `${s.kind}:${s.state}`]));
    assert.equal(byValue.get('+254799000111'), 'number:threshold_reached', 'the campaign sender waits for review');
    assert.equal(byValue.get('parcel-depot-ke.top'), 'domain:threshold_reached', "the campaign's link is keyed by its registrable domain");
    assert.equal(byValue.get('+254799000222'), 'number:confirmed');
    assert.equal(byValue.get('PRIZEWIN'), 'senderId:reported', 'two reporters stay below the threshold');
    assert.equal(byValue.get('+254799000333'), 'number:appealed', "its holder's appeal is heard");
    assert.equal(byValue.get('+254799000444'), 'number:cleared', 'an appeal overturned clears it');

    const campaigns = await db.selectFrom('scam_campaigns').select('reports').orderBy('reports', 'desc').execute();
    assert.equal(campaigns[0]?.reports, 8, 'eight people forwarded the same text: one campaign of eight instances');
    const late = await db.selectFrom('scam_reports').select('id').where('is_late', '=', true).execute();
    assert.equal(late.length, 1, 'the report of a 45-day-old message is kept, flagged late');

    const notices = await db.selectFrom('scam_notices').select(['operator_id', 'role', 'kind', 'answer']).orderBy('operator_id').orderBy('role').execute();
    assert.ok(
      notices.some((n) => n.operator_id === 'OP-DEMO-1' && n.role === 'originating' && n.answer === 'blocked'),
      JSON.stringify(notices),
    );
    assert.ok(
      notices.some((n) => n.kind === 'unblock'),
      'the cleared number is unblocked',
    );
    const versions = await db.selectFrom('scam_list_versions').select('version').execute();
    assert.ok(versions.length >= 1, 'confirmations published versions of the list');

    const reports = (await db.selectFrom('scam_reports').select('id').execute()).length;
    await seedScamsDemo(platform);
    assert.equal((await db.selectFrom('scam_reports').select('id').execute()).length, reports, 'seeding again adds nothing');
  });
}
