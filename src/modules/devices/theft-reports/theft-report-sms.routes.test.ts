import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { outboxTexts } from '../../../../test/helpers/sms-outbox.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { MailMessage, Mailer } from '../../../platform/notify/index.ts';
import { planSms } from '../../../platform/sms/sms-text.ts';
import { luhnCheckDigit } from '../imei-check/imei.ts';
import { createDevicesReportService, devicesModule } from '../index.ts';

const databases = openTestDatabases(allMigrations([devicesModule]));
const withCheck = (key: string) => `${key}${luhnCheckDigit(key)}`;
const PHONE = withCheck('35209900176148');
// The reporter's spare phone, which receives the codes; the stolen phone's SIM was another number.
const REPORTER = '+254722000111';
const STOLEN_NUMBER = '+254712345678';
const PUBLIC_URL = 'https://kinga.example.org';

async function setup(database: (typeof databases.all)[number], env: Record<string, string> = {}) {
  const sent: MailMessage[] = [];
  const mailer: Mailer = { send: async (message) => void sent.push(message), close: async () => undefined };
  const logLines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  const platform = await createTestPlatform(await database.fresh(), {
    modules: [devicesModule],
    mailer,
    logger,
    env: { PUBLIC_URL, ...env },
  });
  const app = await buildApp(platform, [devicesModule]);
  const mail = async () => {
    await platform.jobs.runDue();
    return sent.splice(0);
  };
  return { platform, app, mail, logLines };
}

/** The code of the newest text to `to`, read from its origin-bound last line. */
async function codeTextTo(platform: Awaited<ReturnType<typeof setup>>['platform'], to: string) {
  const texts = await outboxTexts(platform, to);
  const text = texts.at(-1);
  assert.ok(text, `a text was queued to ${to}`);
  const code = /\n@kinga\.example\.org #([0-9]{6})$/.exec(text.text)?.[1];
  assert.ok(code, `the text ends with the origin-bound line: ${text.text}`);
  return { text, code, count: texts.length };
}

for (const database of databases.all) {
  test(`a reporter with a mobile number and no e-mail address reports a stolen phone, codes and notices by text [${database.dialect}]`, async () => {
    const { platform, app, mail, logLines } = await setup(database);
    const reporter = createWebClient(app, '10.7.7.1');
    const start = await reporter.get('/devices/report');
    assert.match(start.body, /<input[^>]*name="phone"[^>]*type="tel"|<input[^>]*type="tel"[^>]*name="phone"/);
    assert.match(start.body, /not the number of the lost or stolen phone/);
    // Typed as people do in the country, without the country code.
    const started = await reporter.post('/devices/report', { email: '', phone: '0722 000 111' });
    assert.equal(started.statusCode, 303, started.body);
    assert.equal(started.headers.location, '/devices/report/code');
    assert.doesNotMatch(started.headers.location ?? '', /722/, 'never a number in a URL');
    assert.deepEqual(await mail(), [], 'no e-mail is sent');

    const { text, code } = await codeTextTo(platform, REPORTER);
    assert.equal(text.purpose, 'devices.report-code');
    assert.match(text.text, new RegExp(`^${code} is your code to report a lost or stolen phone\\. It expires in 15 minutes\\.`));
    const plan = planSms(text.text);
    assert.deepEqual([plan.encoding, plan.parts.length], ['gsm7', 1], 'the code text is one GSM-7 segment');

    const codePage = await reporter.get('/devices/report/code');
    assert.match(codePage.body, /by text message to \u2066\+254 •••••••11\u2069/, 'the number is shown masked');
    assert.match(codePage.body, /autocomplete="one-time-code"/);
    assert.doesNotMatch(codePage.body, /722000111|0722 000 111/);
    const confirmed = await reporter.post('/devices/report/code', { code });
    assert.equal(confirmed.headers.location, '/devices/report/details');

    await reporter.get('/devices/report/details');
    const same = await reporter.post('/devices/report/details', { imeis: PHONE, msisdn: '+254 722 000 111', policeReference: 'OB/77/2026' });
    assert.equal(same.statusCode, 422, 'the number proved for the codes is not taken as the stolen phone’s');
    assert.match(same.body, /href="#field-msisdn">This is the number you gave for our texts/);
    const done = await reporter.post('/devices/report/details', { imeis: PHONE, msisdn: '0712 345 678', policeReference: 'OB/77/2026' });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /We have also sent it to you by text message/);
    const requestId = /(LS-[0-9A-Z]{8})/.exec(done.body)?.[1];
    assert.ok(requestId);
    assert.deepEqual(await mail(), [], 'still no e-mail');
    assert.deepEqual(await outboxTexts(platform, STOLEN_NUMBER), [], 'nothing goes to the stolen phone');
    const receipt = (await outboxTexts(platform, REPORTER)).at(-1);
    assert.equal(receipt?.purpose, 'devices.report-submitted');
    assert.match(receipt?.text ?? '', new RegExp(`report ${requestId} received`));

    const row = await platform.db.kysely.selectFrom('device_theft_reports').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow();
    assert.equal(row.notify_by, 'sms');
    assert.equal(row.contact_phone_hash, platform.sms.hashNumber(REPORTER));
    assert.doesNotMatch(JSON.stringify(row), /722000111|712345678/, 'numbers are sealed at rest');

    const officer = await buildStaffAccount(platform, { role: 'officer' });
    const staff = createWebClient(app, '10.7.7.2');
    await signIn(staff, platform, officer);
    const detail = await staff.get(`/staff/devices/reports/${row.id}`);
    assert.match(detail.body, /Mobile number for codes and notices<\/dt><dd dir="ltr">\+254722000111</);
    assert.doesNotMatch(detail.body, /Your e-mail address/, 'no empty address line');
    assert.equal((await staff.post(`/staff/devices/reports/${row.id}/verify`)).statusCode, 303);
    const notice = (await outboxTexts(platform, REPORTER)).at(-1);
    assert.equal(notice?.purpose, 'devices.report-decided');
    assert.match(notice?.text ?? '', new RegExp(`Report ${requestId} verified`));
    assert.deepEqual(await mail(), []);
    assert.equal((await app.inject(`/api/v1/devices/imei/${PHONE}`)).json().status, 'reportedStolen');

    const logs = logLines.join('');
    assert.ok(logs.length > 0, 'the requests were logged');
    assert.doesNotMatch(logs, /722 ?000 ?111|712 ?345 ?678/, 'no number in the logs');
    await app.close();
  });

  test(`a wrong code is refused in the words of a text, the session unopened [${database.dialect}]`, async () => {
    const { platform, app } = await setup(database);
    const client = createWebClient(app, '10.7.7.3');
    await client.get('/devices/report');
    await client.post('/devices/report', { phone: '+254722000111' });
    const { code } = await codeTextTo(platform, REPORTER);
    await client.get('/devices/report/code');
    const refused = await client.post('/devices/report/code', { code: code === '000000' ? '111111' : '000000' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /This code is not right\. Check the text message and try again/);
    assert.match(refused.body, /by text message to/, 'the page still says where the code went');
    assert.equal((await client.get('/devices/report/details')).headers.location, '/devices/report');
    platform.clock.advance(16 * 60_000);
    await client.get('/devices/report/code');
    assert.match((await client.post('/devices/report/code', { code })).body, /This code has expired/);
    await app.close();
  });

  test(`the start form refuses what cannot be reached, keeping what was typed [${database.dialect}]`, async () => {
    const { platform, app, mail } = await setup(database);
    const client = createWebClient(app, '10.7.7.4');
    await client.get('/devices/report');
    const empty = await client.post('/devices/report', { email: '', phone: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Enter your e-mail address or your mobile number/);
    const fixed = await client.post('/devices/report', { phone: '020 2222222' });
    assert.equal(fixed.statusCode, 422);
    assert.match(fixed.body, /href="#field-phone">This is not a mobile number/);
    const garbage = await client.post('/devices/report', { phone: '<script>' });
    assert.equal(garbage.statusCode, 422);
    assert.match(garbage.body, /Enter a mobile number such as/);
    const both = await client.post('/devices/report', { email: 'both@example.org', phone: '0722 000 111' });
    assert.equal(both.statusCode, 422, 'with both, the reporter says where the code goes');
    assert.match(both.body, /href="#field-notifyBy">Choose whether we send the code by e-mail or by text message/);
    assert.match(both.body, /value="both@example\.org"/);
    assert.match(both.body, /value="0722 000 111"/);
    const noPhone = await client.post('/devices/report', { email: 'both@example.org', notifyBy: 'sms' });
    assert.match(noPhone.body, /Enter your mobile number, or choose e-mail/);
    assert.deepEqual(await outboxTexts(platform), [], 'nothing was sent');

    // Both given, e-mail chosen: the code goes by e-mail only, as before.
    const chosen = await client.post('/devices/report', { email: 'both@example.org', phone: '0722 000 111', notifyBy: 'email' });
    assert.equal(chosen.statusCode, 303);
    const [codeMail] = await mail();
    assert.equal(codeMail?.to, 'both@example.org');
    assert.deepEqual(await outboxTexts(platform), []);
    await app.close();
  });

  test(`codes to one number stop at the platform's limit per recipient [${database.dialect}]`, async () => {
    const { platform, app } = await setup(database, { CODE_SENDS_PER_ADDRESS: '2' });
    for (const [index, expected] of [
      [1, 303],
      [2, 303],
      [3, 429],
    ] as const) {
      // A new client address each time: the number's own limit is what stops the third.
      const client = createWebClient(app, `10.8.8.${index}`);
      await client.get('/devices/report');
      const answer = await client.post('/devices/report', { phone: index === 2 ? '+254 722-000-111' : '0722000111' });
      assert.equal(answer.statusCode, expected, `request ${index}`);
    }
    assert.equal((await outboxTexts(platform, REPORTER)).length, 2);
    await app.close();
  });
}

for (const database of databases.all) {
  test(`the service reads a number typed in Arabic-Indic digits, texts its code and stores the number sealed, the session by text [${database.dialect}]`, async () => {
    const { platform, app } = await setup(database);
    const reports = createDevicesReportService(platform);
    const t = platform.catalogs.translator('ar');
    const started = await reports.startReport({ email: '', phone: '٠٧٢٢ ٠٠٠ ١١١', t, networkAddress: '10.7.9.1' });
    assert.ok(started.ok);
    const contact = await reports.sessionContact(started.value.sessionToken);
    assert.deepEqual(contact, { notifyBy: 'sms', maskedPhone: '+254 •••••••11' });
    const [text] = await outboxTexts(platform, REPORTER);
    assert.match(text?.text ?? '', /^[0-9]{6} هو رمزك للإبلاغ عن هاتف مفقود أو مسروق\. تنتهي صلاحيته بعد 15 دقيقة\.\n\n@kinga\.example\.org #[0-9]{6}$/);
    const session = await platform.db.kysely.selectFrom('device_report_sessions').selectAll().executeTakeFirstOrThrow();
    assert.equal(session.contact_phone_hash, platform.sms.hashNumber(REPORTER));
    assert.doesNotMatch(JSON.stringify(session), /722000111/);
    assert.deepEqual(await reports.startReport({ email: 'x@example.org', phone: '0722000111', notifyBy: 'fax', t, networkAddress: '10.7.9.1' }), {
      ok: false,
      issues: [{ field: 'notifyBy', messageKey: 'devices.report.error.notifyByMissing' }],
    });
    assert.equal(await reports.sessionContact('not-a-token'), undefined);
    await app.close();
  });
}

test('the code text fits one GSM-7 segment in the Latin-script languages, and is translated in all six', async () => {
  const database = databases.all[0];
  assert.ok(database);
  const { platform, app } = await setup(database);
  const texts = new Set<string>();
  for (const language of ['en', 'fr', 'es', 'ar', 'ru', 'zh'] as const) {
    const t = platform.catalogs.translator(language);
    const message = t('devices.report.sms.code', { code: '123456', minutes: 15 });
    texts.add(message);
    const plan = planSms(`${message}\n\n@kinga.example.org #123456`);
    if (['en', 'fr', 'es'].includes(language)) assert.deepEqual([plan.encoding, plan.parts.length], ['gsm7', 1], `${language}: ${message}`);
    assert.ok(message.includes('123456'), language);
  }
  assert.equal(texts.size, 6, 'no language says it in another’s words');
  await app.close();
});
