import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { seedDemo } from '../../../platform/demo.ts';
import { SCAMS_TEST_MODULES } from '../testing/scams-platform.ts';
import { seedScamsDemo } from './scams.demo.ts';
import { buildApp } from '../../../app.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';

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

  test(`the staff dashboard says what waits: identifiers for review, appeals to hear, notices open and overdue, an agent its operator's [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: SCAMS_TEST_MODULES });
    await seedDemo(platform, SCAMS_TEST_MODULES);
    const app = await buildApp(platform, SCAMS_TEST_MODULES);
    const officer = createWebClient(app);
    await signIn(officer, platform, await buildStaffAccount(platform, { role: 'officer' }));
    const page = (await officer.get('/staff')).body;
    assert.match(page, /2 identifiers wait for review/, 'the campaign sender and its link');
    assert.match(page, /1 appeal to hear/);
    const open = /(\d+) notices open/.exec(page);
    assert.ok(open && Number(open[1]) > 0, 'block notices wait for answers');
    assert.doesNotMatch(page, /notices? overdue/, 'none is past its five days yet');

    platform.clock.advance(6 * 86_400_000);
    // Six days on, the session has ended: sign in again.
    const later = createWebClient(app);
    await signIn(later, platform, await buildStaffAccount(platform, { role: 'officer' }));
    assert.match((await later.get('/staff')).body, /<strong>Needs attention:<\/strong>\s*\d+ notices overdue/);
    const agent = createWebClient(app);
    await signIn(agent, platform, await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-DEMO-3' }));
    const agentPage = (await agent.get('/staff')).body;
    assert.match(agentPage, /href="\/operator\/scams\/notices"/);
    assert.doesNotMatch(agentPage, /identifiers wait for review|appeal/, "reviewers' figures are not an operator's");
    await app.close();
  });
}
