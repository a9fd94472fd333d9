import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { outboxTexts } from '../../../../test/helpers/sms-outbox.ts';
import { queuedJobPayloads } from '../../../../test/helpers/jobs.ts';
import { createDevicesPhoneReportService, createDevicesReportService, devicesModule } from '../index.ts';

const databases = openTestDatabases(allMigrations([devicesModule]));

for (const database of databases.all) {
  test(`a report from a phone joins the staff queue with the caller's number, keeps the web form's rules and names its channel in the audit log [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule] });
    const phone = createDevicesPhoneReportService(platform);
    const input = { msisdn: '+254712345678', policeReference: 'OB/12/2026', channel: 'ussd' as const };
    assert.deepEqual(await phone.reportFromPhone({ ...input, imeis: [] }), { ok: false, issue: 'imeisMissing' });
    assert.deepEqual(await phone.reportFromPhone({ ...input, imeis: ['490154203237519'] }), { ok: false, issue: 'imeiInvalid' });
    assert.deepEqual(await phone.reportFromPhone({ ...input, imeis: ['000000000000000'] }), { ok: false, issue: 'imeiInvalid' });
    assert.deepEqual(await phone.reportFromPhone({ ...input, imeis: Array(5).fill('490154203237518') }), { ok: false, issue: 'imeisTooMany' });
    assert.deepEqual(await phone.reportFromPhone({ ...input, imeis: ['490154203237518'], policeReference: ' x ' }), { ok: false, issue: 'policeReference' });
    assert.deepEqual(await phone.reportFromPhone({ ...input, imeis: ['490154203237518'], msisdn: '0712345678' }), { ok: false, issue: 'msisdn' });

    const filed = await phone.reportFromPhone({ ...input, imeis: ['490154203237518', '352099001761481'] });
    assert.ok(filed.ok);
    assert.match(filed.requestId, /^LS-[0-9A-HJKMNP-TV-Z]{8}$/);
    const officer = { type: 'user' as const, id: 'officer-1' };
    const reports = createDevicesReportService(platform);
    const listed = await reports.listReports(officer);
    assert.deepEqual(
      listed.map((r) => [r.request_id, r.status, Number(r.imei_count)]),
      [[filed.requestId, 'submitted', 2]],
    );
    const detail = await reports.openReport(officer, filed.reportId);
    // The caller dials from another phone: the number is where they are reached, not the stolen phone's.
    assert.equal(detail.msisdn, '');
    assert.equal(detail.contactPhone, '+254712345678');
    assert.equal(detail.policeReference, 'OB/12/2026');
    assert.equal(detail.email, '');
    assert.equal(detail.isErased, false);
    const stored = await platform.db.kysely.selectFrom('device_theft_reports').select(['contact_phone_enc', 'email_hash']).executeTakeFirstOrThrow();
    assert.doesNotMatch(JSON.stringify(stored), /712345678/);
    assert.notEqual(stored.email_hash, '', 'an empty hash marks an erased report');
    // The officer's decision reaches the caller by text, never as an e-mail to an empty address.
    await reports.decideReport(officer, filed.reportId, 'verified', platform.catalogs.translator('en'));
    assert.equal((await outboxTexts(platform, '+254712345678')).length, 1);
    assert.deepEqual(
      (await queuedJobPayloads(platform, 'email.send')).filter((mail) => (mail as { to: string }).to.trim() === ''),
      [],
    );
    const audit = await platform.db.kysely
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'devices.theft_report.submitted')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    assert.deepEqual(typeof audit.details === 'string' ? JSON.parse(audit.details) : audit.details, {
      imeiCount: 2,
      hasPoliceReportFile: false,
      channel: 'ussd',
    });
  });
}
