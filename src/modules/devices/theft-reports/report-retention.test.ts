import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { requestScheduledJobs } from '../../../platform/maintenance.ts';
import { createDevicesReportService, devicesModule } from '../index.ts';
import { createTheftReportRepository } from './theft-report.repository.ts';
import { openReportSession } from './theft-report.service.ts';

const databases = openTestDatabases(allMigrations([devicesModule]));

for (const database of databases.all) {
  test(`the daily retention job erases the reporter's values of reports closed before the retention, and of no open report [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const { keyring } = platform;
    const repository = createTheftReportRepository(platform.db.kysely);
    const report = async (id: string, status: 'submitted' | 'verified' | 'rejected', decidedAt: string | null) => {
      const email = `${id}@example.org`;
      await repository.insertReport(
        {
          id,
          request_id: `LS-${id.toUpperCase().padEnd(8, '0')}`,
          email_hash: keyring.hash(email, 'device_theft_reports.email'),
          email_enc: keyring.encrypt(email, 'device_theft_reports.email'),
          msisdn_enc: keyring.encrypt('254712345678', 'device_theft_reports.msisdn'),
          police_reference_enc: keyring.encrypt('OB/123/2026', 'device_theft_reports.police_reference'),
          status,
          submitted_at: '2026-01-10T08:00:00.000Z',
          decided_at: decidedAt,
          decided_by: decidedAt === null ? null : 'officer',
        },
        [{ key: '35209900176148', raw: '352099001761481' }],
      );
      await repository.insertPoliceReportFile({
        report_id: id,
        name_enc: keyring.encrypt('report.pdf', 'device_theft_report_files.name'),
        media_type: 'application/pdf',
        size_bytes: 4,
        content_enc: keyring.encrypt('JVBERg==', 'device_theft_report_files.content'),
        created_at: '2026-01-10T08:00:00.000Z',
      });
    };
    // The test clock is 2026-12-01 and the default retention six months: closed before 2026-06-01 is erased.
    await report('rejold', 'rejected', '2026-05-20T10:00:00.000Z');
    await report('rejnew', 'rejected', '2026-06-02T10:00:00.000Z');
    await report('recold', 'verified', '2026-01-11T10:00:00.000Z');
    await report('verold', 'verified', '2026-01-11T10:00:00.000Z');
    await report('waiting', 'submitted', null);
    // A reporter who gave only a mobile number: their number goes with the other values.
    await report('phoneold', 'rejected', '2026-05-20T10:00:00.000Z');
    await platform.db.kysely
      .updateTable('device_theft_reports')
      .set({
        contact_phone_hash: platform.sms.hashNumber('+254722000111'),
        contact_phone_enc: keyring.encrypt('+254722000111', 'device_theft_reports.contact_phone'),
        notify_by: 'sms',
      })
      .where('id', '=', 'phoneold')
      .execute();
    // Two sessions by text: one lapsed hours ago, one still open.
    for (const [id, at] of [
      ['lapsed', '2026-11-30T08:00:00.000Z'],
      ['open', '2026-12-01T08:30:00.000Z'],
    ] as const) {
      const { row } = openReportSession({
        keyring,
        id,
        now: new Date(at),
        codeMinutes: 15,
        email: '',
        emailHash: keyring.hash('+254722000111', 'device_theft_reports.phone'),
        phone: { e164: '+254722000111', hash: platform.sms.hashNumber('+254722000111') },
        notifyBy: 'sms',
      });
      await repository.insertSession(row);
    }
    await platform.db.kysely
      .insertInto('device_report_recoveries')
      .values({ report_id: 'recold', recovered_at: '2026-03-01T10:00:00.000Z', recovered_on: '2026-03-01', recovered_by: 'reporter' })
      .execute();

    await requestScheduledJobs(platform);
    await platform.jobs.runDue();
    const job = await platform.db.kysely.selectFrom('jobs').select('status').where('type', '=', 'devices.reports.retention').execute();
    assert.deepEqual(
      job.map((j) => j.status),
      ['done'],
    );

    const sessions = await platform.db.kysely.selectFrom('device_report_sessions').select('id').orderBy('id').execute();
    assert.deepEqual(
      sessions.map((s) => s.id),
      ['open'],
      'a lapsed session is deleted with its number',
    );
    const phoneOnly = await platform.db.kysely
      .selectFrom('device_theft_reports')
      .select(['email_hash', 'contact_phone_hash', 'contact_phone_enc'])
      .where('id', '=', 'phoneold')
      .executeTakeFirstOrThrow();
    assert.deepEqual(phoneOnly, { email_hash: '', contact_phone_hash: null, contact_phone_enc: null });

    const reports = createDevicesReportService(platform);
    const officer = { type: 'user' as const, id: 'officer' };
    const seen = new Map<string, { isErased: boolean; email: string; msisdn: string; policeReference: string; hasFile: boolean; imeis: number }>();
    for (const id of ['rejold', 'rejnew', 'recold', 'verold', 'waiting']) {
      const detail = await reports.openReport(officer, id);
      seen.set(id, {
        isErased: detail.isErased,
        email: detail.email,
        msisdn: detail.msisdn,
        policeReference: detail.policeReference,
        hasFile: detail.policeReportFile !== null,
        imeis: detail.imeis.length,
      });
    }
    const erased = { isErased: true, email: '', msisdn: '', policeReference: '', hasFile: false, imeis: 1 };
    assert.deepEqual(seen.get('rejold'), erased);
    assert.deepEqual(seen.get('recold'), erased);
    for (const id of ['rejnew', 'verold', 'waiting']) {
      assert.deepEqual(
        seen.get(id),
        { isErased: false, email: `${id}@example.org`, msisdn: '254712345678', policeReference: 'OB/123/2026', hasFile: true, imeis: 1 },
        id,
      );
    }

    const app = await buildApp(platform, [devicesModule]);
    const client = createWebClient(app, '10.5.5.5');
    await signIn(client, platform, await buildStaffAccount(platform, { role: 'officer' }));
    const page = await client.get('/staff/devices/reports/rejold');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Erased: the report was closed more than the retention period ago/);
    assert.doesNotMatch(page.body, /police-report/, 'no download link once the file is deleted');
  });
}
