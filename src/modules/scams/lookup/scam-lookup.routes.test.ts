import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createWebClient } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { createScamsTestApp, SCAMS_TEST_MODULES } from '../testing/scams-platform.ts';
import { insertIdentifierRow, insertReportRow } from '../testing/public-rows.ts';

const databases = openTestDatabases(allMigrations(SCAMS_TEST_MODULES));
const lookup = (value: string) => `/api/v1/scams/lookup?value=${encodeURIComponent(value)}`;

for (const database of databases.all) {
  test(`the lookup API answers each public status with counts, never a reporter [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const reported = await insertIdentifierRow(platform, { kind: 'number', value: '+254712000001' });
    await insertReportRow(platform, { identifierId: reported, reporter: '+254722000001' });
    await insertReportRow(platform, { identifierId: reported, reporter: '+254722000002' });
    // The one small-cell rule (modules.opendata.smallestCount, 5): six reports are shown, four are not.
    for (let i = 3; i < 6; i += 1) await insertReportRow(platform, { identifierId: reported, reporter: `+25472200000${i}` });
    const confirmed = await insertIdentifierRow(platform, {
      kind: 'senderId',
      value: 'BANK-INFO',
      state: 'confirmed',
      confirmedAt: '2026-12-01T08:00:00.000Z',
    });
    for (let i = 0; i < 4; i += 1) await insertReportRow(platform, { identifierId: confirmed, reporter: `+25472200010${i}` });
    await insertIdentifierRow(platform, { kind: 'number', value: '+254712000003', state: 'appealed', confirmedAt: '2026-12-02T08:00:00.000Z' });
    await insertIdentifierRow(platform, { kind: 'shortCode', value: '40404', state: 'cleared', clearedAt: '2026-12-03T08:00:00.000Z' });
    const domain = await insertIdentifierRow(platform, { kind: 'domain', value: 'secure-bank.co.ke', state: 'under_review' });
    await insertReportRow(platform, {
      identifierId: reported,
      reporter: '+254722000009',
      links: [{ identifierId: domain, url: 'https://secure-bank.co.ke/x' }],
    });

    const answers = await Promise.all(
      ['0799 999 999', '0712 000 001', 'bank-info', '+254 712 000 003', '40404', 'https://www.secure-bank.co.ke/login'].map(async (v) => {
        const reply = await app.inject(lookup(v));
        assert.equal(reply.statusCode, 200, reply.body);
        return reply.json<Record<string, unknown>>();
      }),
    );
    assert.deepEqual(answers, [
      { kind: 'number', value: '+254799999999', status: 'noReports', since: null, reports: 0, fewerThan: null },
      { kind: 'number', value: '+254712000001', status: 'reported', since: null, reports: 6, fewerThan: null },
      { kind: 'senderId', value: 'BANK-INFO', status: 'confirmed', since: '2026-12-01T08:00:00.000Z', reports: null, fewerThan: 5 },
      { kind: 'number', value: '+254712000003', status: 'appealed', since: '2026-12-02T08:00:00.000Z', reports: null, fewerThan: 5 },
      { kind: 'shortCode', value: '40404', status: 'cleared', since: '2026-12-03T08:00:00.000Z', reports: null, fewerThan: 5 },
      { kind: 'domain', value: 'hxxps://www[.]secure-bank[.]co[.]ke/login', status: 'reported', since: null, reports: null, fewerThan: 5 },
    ]);
    const bad = await app.inject(lookup('<b>?'));
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json<{ title: string }>().title, 'SCAM_VALUE_UNREADABLE', bad.body);
    assert.equal((await app.inject('/api/v1/scams/lookup')).statusCode, 400, 'no value is a bad request, not a 500');
    assert.equal((await app.inject(lookup('9'.repeat(3000)))).statusCode, 400);
    await app.close();
  });

  test(`the lookup page posts the value, says the status and shows a link only defanged [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    await insertIdentifierRow(platform, { kind: 'domain', value: 'evil-pay.com', state: 'confirmed', confirmedAt: '2026-12-01T08:00:00.000Z' });
    const client = createWebClient(app);
    const page = await client.get('/scams/check');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form method="post" action="\/scams\/check"/);
    const answer = await client.post('/scams/check', { value: 'https://evil-pay.com/claim' });
    assert.equal(answer.statusCode, 200);
    assert.match(answer.body, /Confirmed as a scam since December 1, 2026/);
    assert.match(answer.body, /hxxps:\/\/evil-pay\[\.\]com\/claim/);
    assert.doesNotMatch(answer.body, /href="[^"]*evil-pay/, 'the link is never a link, and the value never enters an address');
    const french = await client.post('/scams/check?lang=fr', { value: '0712 000 077' });
    assert.match(french.body, /Aucun signalement/);
    const empty = await client.post('/scams/check?lang=en', { value: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Enter a number, short code, sender name or link/);
    await app.close();
  });
}
