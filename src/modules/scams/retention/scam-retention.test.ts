import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { requestScheduledJobs } from '../../../platform/maintenance.ts';
import { createScamsTestApp, SCAMS_TEST_MODULES } from '../testing/scams-platform.ts';
import { insertIdentifierRow, insertReportRow } from '../testing/public-rows.ts';
import { createAppealRepository } from '../appeals/appeal.repository.ts';

const databases = openTestDatabases(allMigrations(SCAMS_TEST_MODULES));
const DAY = 86_400_000;

for (const database of databases.all) {
  test(`the daily retention deletes raw evidence, then erases reporters, decided appeals and identifiers never listed, and spent checks; counts stay [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const db = platform.db.kysely;
    const sender = await insertIdentifierRow(platform, { kind: 'number', value: '+254712000070', state: 'confirmed' });
    const domain = await insertIdentifierRow(platform, { kind: 'domain', value: 'evil-pay.com' });
    const report = (reporter: string) =>
      insertReportRow(platform, {
        identifierId: sender,
        reporter,
        contact: { kind: 'sms', value: reporter },
        links: [{ identifierId: domain, url: 'https://evil-pay.com/claim' }],
        screenshot: true,
      });
    const appeals = createAppealRepository(db);
    const appeal = (id: string, state: string) =>
      appeals.insertAppeal({
        id,
        reference: `SA-${id}`,
        identifier_id: sender,
        statement_enc: platform.keyring.encrypt('mine for years'),
        contact_enc: platform.keyring.encrypt('a@example.org'),
        language: 'en',
        state,
        filed_at: platform.clock.now().toISOString(),
        decided_at: null,
        decided_by: null,
        decision_reason: null,
      });
    const check = (id: string) =>
      appeals.insertCheck({
        id,
        token_hash: `t-${id}`,
        purpose: 'holder',
        number_hash: 'n',
        number_enc: 'x',
        code_hash: 'c',
        attempts: 0,
        sent_at: platform.clock.now().toISOString(),
        expires_at: platform.clock.now().toISOString(),
        verified_at: null,
      });

    const old = await report('+254722000001');
    await appeal('decided', 'upheld');
    await appeal('open', 'open');
    platform.clock.advance(100 * DAY);
    const middle = await report('+254722000002');
    platform.clock.advance(269 * DAY);
    const fresh = await report('+254722000003');
    await check('spent');
    platform.clock.advance(DAY);
    await check('live');
    platform.clock.advance(3_600_000);

    await requestScheduledJobs(platform);
    await platform.jobs.runDue();

    const reports = await db
      .selectFrom('scam_reports')
      .select(['id', 'text_enc', 'raw_deleted_at', 'reporter_enc', 'reporter_hash', 'contact_enc', 'contact_kind'])
      .orderBy('filed_at')
      .execute();
    const byId = new Map(reports.map((r) => [r.id, r]));
    const now = platform.clock.now().toISOString();
    assert.deepEqual(
      [old, middle, fresh].map((id) => {
        const r = byId.get(id);
        return [r?.text_enc === null, r?.raw_deleted_at, r?.reporter_enc === '', r?.reporter_hash === '', r?.contact_enc === null, r?.contact_kind];
      }),
      [
        [true, now, true, true, true, null],
        [true, now, false, false, false, 'sms'],
        [false, null, false, false, false, 'sms'],
      ],
    );
    const links = await db.selectFrom('scam_report_targets').select(['report_id', 'url_enc', 'reporter_hash']).where('role', '=', 'link').execute();
    assert.deepEqual(
      [old, middle, fresh].map((id) => links.find((l) => l.report_id === id)?.url_enc === null),
      [true, true, false],
    );
    assert.equal(links.find((l) => l.report_id === old)?.reporter_hash, '');
    const shots = await db.selectFrom('scam_screenshots').select(['report_id', 'content_enc', 'bytes']).execute();
    assert.deepEqual(
      [old, middle, fresh].map((id) => shots.find((s) => s.report_id === id)?.content_enc === null),
      [true, true, false],
    );
    assert.equal(shots.length, 3, 'the screenshots are kept as counts, their content gone');
    const kept = await db.selectFrom('scam_appeals').select(['id', 'statement_enc', 'contact_enc']).orderBy('id').execute();
    assert.deepEqual(
      kept.map((a) => [a.id, a.statement_enc === '', a.contact_enc === null]),
      [
        ['decided', true, true],
        ['open', false, false],
      ],
    );
    assert.deepEqual(
      (await db.selectFrom('scam_number_checks').select('id').orderBy('id').execute()).map((c) => c.id),
      ['live'],
    );
    const lookup = await app.inject('/api/v1/scams/lookup?value=%2B254712000070');
    assert.equal(lookup.json<{ reports: number }>().reports, 3, 'counts stay');
    // The link's domain was never confirmed and last reported over a year ago: it may have been anyone's, so it is erased.
    const identifiers = await db.selectFrom('scam_identifiers').select(['id', 'value_enc', 'value_hash']).orderBy('id').execute();
    assert.deepEqual(
      identifiers.map((i) => [i.id, i.value_enc === '', i.value_hash === `erased:${i.id}`]),
      [sender, domain].sort().map((id) => [id, id === domain, id === domain]),
    );
    const gone = await app.inject('/api/v1/scams/lookup?value=evil-pay.com');
    assert.equal(gone.json<{ status: string }>().status, 'noReports');
    await app.close();
  });
}
