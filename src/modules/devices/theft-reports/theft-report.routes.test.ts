import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { MailMessage, Mailer } from '../../../platform/notify/index.ts';
import { luhnCheckDigit } from '../imei-check/imei.ts';
import { devicesModule } from '../index.ts';
import { DEMO_STOLEN_IMEIS } from '../demo/devices.demo.ts';

const databases = openTestDatabases(allMigrations([devicesModule]));
const withCheck = (key: string) => `${key}${luhnCheckDigit(key)}`;
const PHONE = withCheck('35209900176148');
const SECOND_SLOT = withCheck('35209900176155');

async function setup(database: (typeof databases.all)[number]) {
  const sent: MailMessage[] = [];
  const mailer: Mailer = { send: async (message) => void sent.push(message), close: async () => undefined };
  const platform = await createTestPlatform(await database.fresh(), { modules: [devicesModule], mailer });
  await devicesModule.seedDemo?.(platform);
  const app = await buildApp(platform, [devicesModule]);
  /** Runs the e-mail jobs and returns what was sent since the last call. */
  const mail = async () => {
    await platform.jobs.runDue();
    return sent.splice(0);
  };
  return { platform, app, mail };
}

/** Walks a reporter through the three steps and returns the request id. */
async function report(app: Awaited<ReturnType<typeof setup>>['app'], mail: () => Promise<MailMessage[]>, imeis: string) {
  const reporter = createWebClient(app, '10.1.1.1');
  await reporter.get('/devices/report');
  const started = await reporter.post('/devices/report', { email: ' Reporter@Example.org ' });
  assert.equal(started.statusCode, 303);
  assert.equal(started.headers.location, '/devices/report/code');
  const [codeMail] = await mail();
  assert.equal(codeMail?.to, 'reporter@example.org');
  const code = /\b([0-9]{6})\b/.exec(codeMail?.text ?? '')?.[1];
  assert.ok(code, 'the e-mail carries a six-digit code');
  await reporter.get('/devices/report/code');
  const confirmed = await reporter.post('/devices/report/code', { code });
  assert.equal(confirmed.headers.location, '/devices/report/details');
  await reporter.get('/devices/report/details');
  const done = await reporter.post('/devices/report/details', { imeis, msisdn: '+254 712 345 678', policeReference: 'OB/123/2026' });
  assert.equal(done.statusCode, 200, done.body);
  const requestId = /(LS-[0-9A-Z]{8})/.exec(done.body)?.[1];
  assert.ok(requestId);
  return { requestId, reporter };
}

for (const database of databases.all) {
  test(`a reporter proves an address, reports two IMEIs, and after staff verification the check says reported stolen [${database.dialect}]`, async () => {
    const { platform, app, mail } = await setup(database);
    const { requestId } = await report(app, mail, `${PHONE}, ${SECOND_SLOT}`);
    const [receipt] = await mail();
    assert.match(receipt?.subject ?? '', new RegExp(requestId));
    assert.equal((await app.inject(`/api/v1/devices/imei/${PHONE}`)).json().status, 'valid', 'an unverified report changes no check');

    // Personal values are encrypted at rest: neither the address nor the number is readable in the row.
    const row = await platform.db.kysely.selectFrom('device_theft_reports').selectAll().executeTakeFirstOrThrow();
    assert.doesNotMatch(JSON.stringify(row), /reporter@example\.org|712 ?345 ?678|OB\/123/);

    const officer = await buildStaffAccount(platform, { role: 'officer' });
    const staff = createWebClient(app, '10.2.2.2');
    await signIn(staff, platform, officer);
    const list = await staff.get('/staff/devices/reports');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(requestId));
    assert.doesNotMatch(list.body, /reporter@example\.org/);
    const reportPath = new RegExp(`href="(/staff/devices/reports/[0-9a-f-]+)" dir="ltr">${requestId}<`).exec(list.body)?.[1];
    assert.ok(reportPath);
    const detail = await staff.get(reportPath);
    assert.match(detail.body, /OB\/123\/2026/);
    assert.match(detail.body, new RegExp(`<li dir="ltr">${PHONE}</li>`), 'each IMEI with its 15 digits, as the reporter gave it');
    assert.match(detail.body, new RegExp(`<li dir="ltr">${SECOND_SLOT}</li>`));
    assert.match(detail.body, /\+254712345678/);
    const verified = await staff.post(`${reportPath}/verify`);
    assert.equal(verified.statusCode, 303);
    const [notice] = await mail();
    assert.equal(notice?.to, 'reporter@example.org');
    assert.match(notice?.subject ?? '', /verified/);

    const check = (await app.inject(`/api/v1/devices/imei/${SECOND_SLOT}`)).json();
    assert.equal(check.status, 'reportedStolen');
    assert.equal(check.statusSince, platform.clock.now().toISOString().slice(0, 10));
    assert.doesNotMatch(JSON.stringify(check), /reporter|712345|OB\//, 'the check never shows the reporter');
    assert.equal((await staff.post(`${reportPath}/reject`)).statusCode, 409, 'a decided report cannot be decided again');

    const actions = (await platform.db.kysely.selectFrom('audit_log').select('action').orderBy('seq').execute()).map((r) => r.action);
    for (const action of ['devices.theft_report.submitted', 'devices.theft_report.listed', 'devices.theft_report.viewed', 'devices.theft_report.verified'])
      assert.ok(actions.includes(action), action);
    await app.close();
  });

  test(`wrong codes, bad details and missing sessions answer as forms do, without a report [${database.dialect}]`, async () => {
    const { platform, app, mail } = await setup(database);
    const client = createWebClient(app, '10.3.3.3');
    assert.equal((await client.get('/devices/report/details')).headers.location, '/devices/report', 'no session: back to the start');
    await client.get('/devices/report');
    const noEmail = await client.post('/devices/report', { email: 'not-an-address' });
    assert.equal(noEmail.statusCode, 422);
    assert.match(noEmail.body, /href="#field-email">Enter an e-mail address such as name@example.com/);
    assert.match(noEmail.body, /value="not-an-address"/);
    await client.post('/devices/report', { email: 'someone@example.org' });
    const [codeMail] = await mail();
    const code = /\b([0-9]{6})\b/.exec(codeMail?.text ?? '')?.[1] ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    await client.get('/devices/report/code');
    const refused = await client.post('/devices/report/code', { code: wrong });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /This code is not right/);
    assert.equal((await client.get('/devices/report/details')).headers.location, '/devices/report', 'a wrong code opens nothing');
    await client.get('/devices/report/code');
    await client.post('/devices/report/code', { code });
    await client.get('/devices/report/details');
    const typo = `${PHONE.slice(0, 14)}${(Number(PHONE.charAt(14)) + 1) % 10}`;
    const bad = await client.post('/devices/report/details', { imeis: typo, msisdn: '12', policeReference: '' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /is not a valid IMEI/);
    assert.match(bad.body, /Enter the phone number/);
    assert.match(bad.body, /Enter the police report reference/);
    assert.match(bad.body, new RegExp(`value="${typo}"`));
    const summary = /class="error-summary"[^]*?<\/ul>/.exec(bad.body)?.[0] ?? '';
    assert.deepEqual(
      [...summary.matchAll(/href="#field-([A-Za-z]+)"/g)].map((m) => m[1]),
      ['imeis', 'msisdn', 'policeReference'],
      'the summary lists the problems in the order of the form',
    );
    const reports = await platform.db.kysely.selectFrom('device_theft_reports').select('request_id').execute();
    assert.deepEqual(reports.map((r) => r.request_id).sort(), ['LS-DEM0PEND', 'LS-DEM0V3R1'], 'only the demo reports exist');
    await app.close();
  });

  test(`the demo's verified report makes its IMEI check as blocked (the demo's first classification blocks it); the waiting one does not [${database.dialect}]`, async () => {
    const { app } = await setup(database);
    const stolen = (await app.inject(`/api/v1/devices/imei/${DEMO_STOLEN_IMEIS[0]}`)).json();
    assert.equal(stolen.status, 'blocked');
    assert.equal(stolen.device.brand, 'Apple');
    assert.equal((await app.inject(`/api/v1/devices/imei/${withCheck('86123402915530')}`)).json().status, 'valid');
    await app.close();
  });

  test(`only officers and administrators open the reports [${database.dialect}]`, async () => {
    const { platform, app } = await setup(database);
    assert.equal((await createWebClient(app).get('/staff/devices/reports')).statusCode, 303);
    const agent = await buildStaffAccount(platform, { role: 'operator_agent' });
    const client = createWebClient(app, '10.4.4.4');
    await signIn(client, platform, agent);
    assert.equal((await client.get('/staff/devices/reports')).statusCode, 403);
    await app.close();
  });
}

test("the code expires after the profile's minutes, and five wrong codes lock the session", async () => {
  const database = databases.all[0];
  assert.ok(database);
  const { platform, app, mail } = await setup(database);
  const client = createWebClient(app, '10.5.5.5');
  await client.get('/devices/report');
  await client.post('/devices/report', { email: 'late@example.org' });
  const [codeMail] = await mail();
  const code = /\b([0-9]{6})\b/.exec(codeMail?.text ?? '')?.[1] ?? '';
  assert.match(codeMail?.text ?? '', /valid for 15 minutes/);
  platform.clock.advance(16 * 60_000);
  await client.get('/devices/report/code');
  assert.match((await client.post('/devices/report/code', { code })).body, /This code has expired/);

  const other = createWebClient(app, '10.6.6.6');
  await other.get('/devices/report');
  await other.post('/devices/report', { email: 'guess@example.org' });
  const right = /\b([0-9]{6})\b/.exec((await mail())[0]?.text ?? '')?.[1] ?? '';
  const wrong = right === '000000' ? '111111' : '000000';
  for (let i = 0; i < 5; i += 1) {
    await other.get('/devices/report/code');
    await other.post('/devices/report/code', { code: wrong });
  }
  await other.get('/devices/report/code');
  assert.match((await other.post('/devices/report/code', { code: right })).body, /Too many wrong codes/);
  await app.close();
});
