import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { createScamsTestApp, SCAMS_TEST_MODULES } from '../testing/scams-platform.ts';
import { insertIdentifierRow, insertReportRow } from '../testing/public-rows.ts';
import { completeWeeks, weekBounds } from './scam-open-data.ts';

const databases = openTestDatabases(allMigrations(SCAMS_TEST_MODULES));

for (const database of databases.all) {
  test(`the weekly open data lists confirmed identifiers and suppressed counts by category and medium, in CSV and JSON, never a reporter [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const week = completeWeeks(platform.clock.now(), 1)[0] ?? '';
    const from = Date.parse(weekBounds(week)?.from ?? '');
    const inWeek = (hours: number) => new Date(from + hours * 3_600_000).toISOString();
    const number = await insertIdentifierRow(platform, { kind: 'number', value: '+254712000080', state: 'confirmed', confirmedAt: inWeek(30) });
    await insertIdentifierRow(platform, { kind: 'domain', value: 'evil-pay.com', state: 'appealed', confirmedAt: inWeek(10) });
    await insertIdentifierRow(platform, { kind: 'senderId', value: 'NEW-ONE', state: 'confirmed', confirmedAt: platform.clock.now().toISOString() });
    await insertIdentifierRow(platform, { kind: 'shortCode', value: '40404', state: 'under_review' });
    // The one small-cell rule (modules.opendata.smallestCount, 5): five reports are shown, fewer are not.
    for (let i = 0; i < 5; i += 1)
      await insertReportRow(platform, {
        identifierId: number,
        reporter: `+25472200000${i}`,
        filedAt: inWeek(i),
        text: 'SECRET TEXT',
        contact: { kind: 'email', value: `r${i}@example.org` },
      });
    await insertReportRow(platform, { identifierId: number, reporter: '+254722000009', filedAt: inWeek(5), category: 'loan', medium: 'call' });
    await insertReportRow(platform, { identifierId: number, reporter: '+254722000010', category: 'loan', medium: 'call' });

    const list = await app.inject('/api/v1/scams/open-data');
    assert.equal(list.statusCode, 200);
    assert.match(String(list.headers.link), /rel="license"/);
    const listed = list.json<{ licence: { name: string }; confirmed: { asOfWeek: string }; weeks: { week: string; csv: string }[] }>();
    assert.match(listed.licence.name, /CC BY 4.0/);
    assert.equal(listed.confirmed.asOfWeek, week);
    assert.deepEqual(listed.weeks, [{ week, csv: `/api/v1/scams/open-data/reports-${week}.csv`, json: `/api/v1/scams/open-data/reports-${week}.json` }]);

    const confirmed = await app.inject('/api/v1/scams/open-data/confirmed-identifiers.csv');
    assert.equal(confirmed.statusCode, 200);
    assert.match(String(confirmed.headers['content-type']), /^text\/csv/);
    const day = (hours: number) => inWeek(hours).slice(0, 10);
    assert.equal(confirmed.body.split('\r\n')[0], 'kind,value,confirmed_since');
    assert.deepEqual(
      confirmed.body.split('\r\n').slice(1),
      [`domain,evil-pay[.]com,${day(10)}`, `number,+254712000080,${day(30)}`, ''],
      'oldest confirmation first',
    );
    assert.ok(!confirmed.body.includes('NEW-ONE') && !confirmed.body.includes('40404'), 'only what was confirmed before the week ended');

    const counts = await app.inject(`/api/v1/scams/open-data/reports-${week}.json`);
    assert.equal(counts.statusCode, 200);
    assert.deepEqual(counts.json<{ reports: unknown }>().reports, [
      { week, category: 'impersonation', medium: 'sms', reports: 5, reports_suppressed: false },
      { week, category: 'loan', medium: 'call', reports: null, reports_suppressed: true },
    ]);
    const csv = await app.inject(`/api/v1/scams/open-data/reports-${week}.csv`);
    assert.equal(csv.body, `week,category,medium,reports,reports_suppressed\r\n${week},impersonation,sms,5,false\r\n${week},loan,call,,true\r\n`);
    for (const body of [confirmed.body, counts.body, csv.body]) assert.ok(!/2547220000|SECRET|example\.org/.test(body), 'never a reporter or a text');

    const thisWeek = completeWeeks(new Date(platform.clock.now().getTime() + 7 * 86_400_000), 1)[0];
    assert.equal((await app.inject(`/api/v1/scams/open-data/reports-${thisWeek}.csv`)).statusCode, 404, 'a week not over is not published');
    assert.equal((await app.inject('/api/v1/scams/open-data/secrets.txt')).statusCode, 404);
    await app.close();
  });
}
