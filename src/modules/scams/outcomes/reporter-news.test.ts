import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { queuedJobPayloads } from '../../../../test/helpers/jobs.ts';
import { outboxTexts } from '../../../../test/helpers/sms-outbox.ts';
import { allMigrations } from '../../../platform/create.ts';
import { EMAIL_JOB_TYPE } from '../../../platform/notify/index.ts';
import type { Actor } from '../../../platform/audit/index.ts';
import { createScamsTestApp, SCAMS_TEST_MODULES } from '../testing/scams-platform.ts';
import { insertIdentifierRow, insertReportRow } from '../testing/public-rows.ts';
import { scamsCoreOf } from '../scams.wiring.ts';

const databases = openTestDatabases(allMigrations(SCAMS_TEST_MODULES));
const reviewer: Actor = { type: 'user', id: 'user-1' };
const HOLDER = '+254712000050';

for (const database of databases.all) {
  test(`reporters who left a contact are told once, in their language, that their report led to action, and told when an appeal clears it [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const id = await insertIdentifierRow(platform, { kind: 'number', value: HOLDER, state: 'under_review' });
    const bySms = await insertReportRow(platform, {
      identifierId: id,
      reporter: '+254722000001',
      contact: { kind: 'sms', value: '+254722000001' },
      language: 'fr',
    });
    platform.clock.advance(1000);
    const byMail = await insertReportRow(platform, { identifierId: id, reporter: '+254722000002', contact: { kind: 'email', value: 'amina@example.org' } });
    platform.clock.advance(1000);
    const silent = await insertReportRow(platform, { identifierId: id, reporter: '+254722000003' });
    const { states } = scamsCoreOf(platform);

    assert.ok((await states.move({ identifierId: id, to: 'confirmed', actor: reviewer, reason: 'reviewersConfirmed' })).ok);
    const reference = async (reportId: string) =>
      await platform.db.kysely.selectFrom('scam_reports').select(['reference', 'outcome_sent_at']).where('id', '=', reportId).executeTakeFirstOrThrow();
    const smsReport = await reference(bySms);
    const mailReport = await reference(byMail);
    let texts = await outboxTexts(platform);
    assert.deepEqual(
      texts.map((t) => [t.to, t.purpose, t.text]),
      [
        [
          '+254722000001',
          'scams.report-actioned',
          `Merci. Votre signalement d'arnaque ${smsReport.reference} a conduit à une action : l'expéditeur a été confirmé comme arnaque et les opérateurs ont été priés d'agir.`,
        ],
      ],
    );
    let mails = (await queuedJobPayloads(platform, EMAIL_JOB_TYPE)) as { to: string; subject: string; text: string }[];
    assert.deepEqual(
      mails.map((m) => [m.to, m.subject]),
      [['amina@example.org', `Your scam report ${mailReport.reference} led to action`]],
    );
    assert.ok(smsReport.outcome_sent_at && mailReport.outcome_sent_at);
    assert.equal((await reference(silent)).outcome_sent_at, null);

    // An appeal upheld confirms again: nobody is told twice.
    assert.ok((await states.move({ identifierId: id, to: 'appealed', actor: { type: 'system', id: null }, reason: 'appealFiled' })).ok);
    assert.ok((await states.move({ identifierId: id, to: 'confirmed', actor: reviewer, reason: 'appealUpheld' })).ok);
    assert.equal((await outboxTexts(platform)).length, 1);
    assert.equal((await queuedJobPayloads(platform, EMAIL_JOB_TYPE)).length, 1);

    // Overturned: those told are told it was cleared, without the holder's number.
    assert.ok((await states.move({ identifierId: id, to: 'appealed', actor: { type: 'system', id: null }, reason: 'appealFiled' })).ok);
    assert.ok((await states.move({ identifierId: id, to: 'cleared', actor: reviewer, reason: 'appealOverturned' })).ok);
    texts = await outboxTexts(platform);
    assert.equal(texts.length, 2);
    assert.equal(texts[1]?.purpose, 'scams.report-cleared');
    assert.match(texts[1]?.text ?? '', new RegExp(`^Suite de votre signalement d'arnaque ${smsReport.reference}`));
    mails = (await queuedJobPayloads(platform, EMAIL_JOB_TYPE)) as { to: string; subject: string; text: string }[];
    assert.equal(mails.length, 2);
    assert.equal(mails[1]?.subject, `Update on your scam report ${mailReport.reference}`);
    for (const said of [...texts.map((t) => t.text), ...mails.map((m) => m.text)]) assert.ok(!said.includes('712000050') && !said.includes('712 000 050'));
    await app.close();
  });
}
