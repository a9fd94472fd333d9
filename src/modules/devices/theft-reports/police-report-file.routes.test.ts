import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { buildStaffAccount, createWebClient, signIn, type WebClient } from '../../../../test/helpers/staff.ts';
import { postMultipart, type FormFile } from '../../../../test/helpers/forms.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { MailMessage, Mailer } from '../../../platform/notify/index.ts';
import { luhnCheckDigit } from '../imei-check/imei.ts';
import { devicesModule } from '../index.ts';
import { devicesSettings } from '../devices.settings.ts';
import { settingsOf } from '../../../platform/settings.ts';

const databases = openTestDatabases(allMigrations([devicesModule]));
const PHONE = `35209900176148${luhnCheckDigit('35209900176148')}`;
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'), Buffer.alloc(600, 0x20), Buffer.from('\n%%EOF\n')]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(100, 1)]);
// The profile's limits for these tests: smaller than the default, so that a file over them stays small too.
const FILE_RULES = { maxBytes: 1024 * 1024, types: ['application/pdf', 'image/jpeg'] };

/** The platform with `modules.devices.policeReportFile` set as a jurisdiction would set it. */
function withFileRules(platform: Platform): Platform {
  const { policeReportFile } = settingsOf(devicesSettings, { policeReportFile: FILE_RULES });
  const devices = { ...platform.settings.devices, policeReportFile };
  return { ...platform, settings: { ...platform.settings, devices } };
}

async function setup(database: (typeof databases.all)[number]) {
  const sent: MailMessage[] = [];
  const mailer: Mailer = { send: async (message) => void sent.push(message), close: async () => undefined };
  const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule], mailer });
  const app = await buildApp(withFileRules(platform), [devicesModule]);
  const mail = async () => {
    await platform.jobs.runDue();
    return sent.splice(0);
  };
  return { platform, app, mail };
}

/** Proves an address and opens the details step, as a reporter's browser does. */
async function reachDetails(app: App, mail: () => Promise<MailMessage[]>, address: string): Promise<WebClient> {
  const client = createWebClient(app, address);
  await client.get('/devices/report');
  await client.post('/devices/report', { email: 'reporter@example.org' });
  const code = /\b([0-9]{6})\b/.exec((await mail())[0]?.text ?? '')?.[1] ?? '';
  await client.get('/devices/report/code');
  assert.equal((await client.post('/devices/report/code', { code })).headers.location, '/devices/report/details');
  const page = await client.get('/devices/report/details');
  assert.match(page.body, /enctype="multipart\/form-data"/, 'the form can carry a file without JavaScript');
  assert.match(page.body, /name="policeReportFile" type="file" accept="application\/pdf,image\/jpeg"/);
  assert.match(page.body, /PDF or JPEG, at most 1 MB/, "the limits are the profile's");
  return client;
}

/** Posts the details form as `multipart/form-data`: the token and the text fields first, then the file, as the page orders them. */
const postDetails = (app: App, client: WebClient, fields: Record<string, string>, file: FormFile | null) =>
  postMultipart(app, client, '/devices/report/details', { fields, fileField: 'policeReportFile', file, remoteAddress: '10.7.7.7' });

const DETAILS = { imeis: PHONE, msisdn: '+254 712 345 678', policeReference: 'OB/77/2026' };

for (const database of databases.all) {
  test(`a reporter attaches the police report; it is stored encrypted and the verifying officer downloads it, audited [${database.dialect}]`, async () => {
    const { platform, app, mail } = await setup(database);
    const reporter = await reachDetails(app, mail, '10.1.1.1');
    const done = await postDetails(app, reporter, DETAILS, { name: 'plainte OB-77.pdf', type: 'application/pdf', data: PDF });
    assert.equal(done.statusCode, 200, done.body);
    const requestId = /(LS-[0-9A-Z]{8})/.exec(done.body)?.[1];
    assert.ok(requestId);

    const report = await platform.db.kysely.selectFrom('device_theft_reports').select('id').where('request_id', '=', requestId).executeTakeFirstOrThrow();
    const stored = await platform.db.kysely.selectFrom('device_theft_report_files').selectAll().where('report_id', '=', report.id).executeTakeFirstOrThrow();
    assert.equal(stored.media_type, 'application/pdf');
    assert.equal(Number(stored.size_bytes), PDF.length);
    assert.doesNotMatch(JSON.stringify(stored), /PDF-1\.7|JVBERi0xLj|plainte/, 'neither the content (plain or base64) nor the name is readable at rest');

    const officer = await buildStaffAccount(platform, { role: 'officer' });
    const staff = createWebClient(app, '10.2.2.2');
    await signIn(staff, platform, officer);
    const detail = await staff.get(`/staff/devices/reports/${report.id}`);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /Copy of the police report/);
    assert.match(detail.body, new RegExp(`<bdi>police-report-${requestId}\\.pdf</bdi>`), 'the name is made from the request id and the verified type');
    const link = `/staff/devices/reports/${report.id}/police-report`;
    assert.ok(detail.body.includes(`href="${link}"`));

    const download = await staff.get(link);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.equal(download.headers['content-disposition'], `attachment; filename="police-report-${requestId}.pdf"`);
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.ok(download.rawPayload.equals(PDF), 'the officer gets the very bytes the reporter sent');
    const audited = await platform.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'devices.theft_report.file_downloaded')
      .execute();
    assert.deepEqual(
      audited.map((a) => a.entity_id),
      [report.id],
    );

    // The file goes with its report.
    await platform.db.kysely.deleteFrom('device_theft_reports').where('id', '=', report.id).execute();
    assert.equal((await platform.db.kysely.selectFrom('device_theft_report_files').select('report_id').execute()).length, 0);
    await app.close();
  });

  test(`a refused file gets a clear message and the rest of the form is kept; nothing is filed [${database.dialect}]`, async () => {
    const { platform, app, mail } = await setup(database);
    const reporter = await reachDetails(app, mail, '10.3.3.3');
    const french = await reporter.get('/devices/report/details?lang=fr');
    assert.match(french.body, /Copie de la plainte \(facultatif\)/);
    assert.match(french.body, /PDF ou JPEG, 1 Mo au plus/);
    const arabic = await reporter.get('/devices/report/details?lang=ar');
    assert.match(arabic.body, /dir="rtl"/);
    assert.match(arabic.body, /نسخة من بلاغ الشرطة \(اختياري\)/);
    await reporter.get('/devices/report/details?lang=en');

    const wrongType = await postDetails(app, reporter, DETAILS, { name: 'report.pdf', type: 'application/pdf', data: GIF });
    assert.equal(wrongType.statusCode, 422);
    assert.match(wrongType.body, /href="#field-policeReportFile">The file must be a PDF or JPEG file/);
    assert.match(wrongType.body, new RegExp(`value="${PHONE}"`));
    assert.match(wrongType.body, /value="OB\/77\/2026"/);

    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    const notAllowed = await postDetails(app, reporter, DETAILS, { name: 'report.png', type: 'image/png', data: png });
    assert.equal(notAllowed.statusCode, 422, 'a PNG is refused when the profile allows only PDF and JPEG');

    const tooLarge = await postDetails(app, reporter, DETAILS, {
      name: 'scan.pdf',
      type: 'application/pdf',
      data: Buffer.concat([PDF, Buffer.alloc(FILE_RULES.maxBytes, 0x20)]),
    });
    assert.equal(tooLarge.statusCode, 422);
    assert.match(tooLarge.body, /The file is larger than/);
    assert.match(tooLarge.body, /value="\+254 712 345 678"/);

    const badImei = await postDetails(app, reporter, { ...DETAILS, imeis: '123' }, { name: 'report.pdf', type: 'application/pdf', data: PDF });
    assert.equal(badImei.statusCode, 422);
    assert.match(badImei.body, /is not a valid IMEI/);
    assert.match(badImei.body, /Choose the police report file again/);

    assert.equal((await platform.db.kysely.selectFrom('device_theft_report_files').select('report_id').execute()).length, 0);
    assert.equal((await platform.db.kysely.selectFrom('device_theft_reports').select('id').execute()).length, 0, 'no report was filed');

    // An empty file input is no file: the report is filed without one.
    const withoutFile = await postDetails(app, reporter, DETAILS, null);
    assert.equal(withoutFile.statusCode, 200, withoutFile.body);
    assert.equal((await platform.db.kysely.selectFrom('device_theft_reports').select('id').execute()).length, 1);
    assert.equal((await platform.db.kysely.selectFrom('device_theft_report_files').select('report_id').execute()).length, 0);

    // The officer sees that the report came without a file; there is nothing to download.
    const report = await platform.db.kysely.selectFrom('device_theft_reports').select('id').executeTakeFirstOrThrow();
    const officer = await buildStaffAccount(platform, { role: 'officer' });
    const staff = createWebClient(app, '10.6.6.6');
    await signIn(staff, platform, officer);
    const detail = await staff.get(`/staff/devices/reports/${report.id}`);
    assert.match(detail.body, /None uploaded: verify against the police reference alone/);
    assert.doesNotMatch(detail.body, /police-report"/);
    assert.equal((await staff.get(`/staff/devices/reports/${report.id}/police-report`)).statusCode, 404);
    await app.close();
  });

  test(`the multipart form is checked against forgery, and only officers and administrators download a police report [${database.dialect}]`, async () => {
    const { platform, app, mail } = await setup(database);
    const reporter = await reachDetails(app, mail, '10.4.4.4');
    const forged = await postDetails(app, reporter, { _csrf: 'forged-token', ...DETAILS }, { name: 'report.pdf', type: 'application/pdf', data: PDF });
    assert.equal(forged.statusCode, 403);
    assert.equal((await platform.db.kysely.selectFrom('device_theft_reports').select('id').execute()).length, 0);
    const done = await postDetails(app, reporter, DETAILS, { name: 'report.pdf', type: 'application/pdf', data: PDF });
    assert.equal(done.statusCode, 200);
    const report = await platform.db.kysely.selectFrom('device_theft_reports').select('id').executeTakeFirstOrThrow();
    const link = `/staff/devices/reports/${report.id}/police-report`;
    assert.equal((await createWebClient(app).get(link)).statusCode, 303, 'signed out: to the sign-in page');
    const agent = await buildStaffAccount(platform, { role: 'operator_agent' });
    const client = createWebClient(app, '10.5.5.5');
    await signIn(client, platform, agent);
    assert.equal((await client.get(link)).statusCode, 403);
    await app.close();
  });
}

for (const database of databases.all) {
  test(`a stored police report keeps a safe name made from its verified type, never the uploader's name or extension [${database.dialect}]`, async () => {
    const { platform, app, mail } = await setup(database);
    const reporter = await reachDetails(app, mail, '10.8.8.8');
    const done = await postDetails(app, reporter, DETAILS, { name: 'report.html', type: 'text/html', data: PDF });
    assert.equal(done.statusCode, 200, done.body);
    const requestId = /(LS-[0-9A-Z]{8})/.exec(done.body)?.[1] ?? '';
    const report = await platform.db.kysely.selectFrom('device_theft_reports').select('id').where('request_id', '=', requestId).executeTakeFirstOrThrow();
    const stored = await platform.db.kysely.selectFrom('device_theft_report_files').selectAll().where('report_id', '=', report.id).executeTakeFirstOrThrow();
    const safeName = `police-report-${requestId}.pdf`;
    assert.equal(platform.keyring.decrypt(stored.name_enc, 'device_theft_report_files.name'), safeName);

    const officer = await buildStaffAccount(platform, { role: 'officer' });
    const staff = createWebClient(app, '10.9.9.9');
    await signIn(staff, platform, officer);
    const detail = await staff.get(`/staff/devices/reports/${report.id}`);
    assert.match(detail.body, new RegExp(`<bdi>${safeName}</bdi>`));
    assert.doesNotMatch(detail.body, /report\.html/);
    const download = await staff.get(`/staff/devices/reports/${report.id}/police-report`);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.equal(download.headers['content-disposition'], `attachment; filename="${safeName}"`);
    await app.close();
  });
}
