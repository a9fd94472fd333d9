import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { insertObservations } from '../../../../test/helpers/device-data.ts';
import { queuedJobPayloads } from '../../../../test/helpers/jobs.ts';
import { addOperators, OPERATOR_REGISTER_MODULES } from '../../../../test/helpers/operators.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { outboxTexts } from '../../../../test/helpers/sms-outbox.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { EMAIL_JOB_TYPE, type MailMessage } from '../../../platform/notify/index.ts';
import type { Platform } from '../../../platform/platform.ts';
import { planSms } from '../../../platform/sms/sms-text.ts';
import { createDevicesClassificationService, createDevicesRecoveryService } from '../devices.wiring.tsx';
import { luhnCheckDigit } from '../imei-check/imei.ts';
import { createTheftReportRepository } from '../theft-reports/theft-report.repository.ts';
import { hashReporterPhone } from '../theft-reports/theft-report.service.ts';
import { devicesModule } from '../index.ts';

const modules = [...OPERATOR_REGISTER_MODULES, devicesModule];
const databases = openTestDatabases(allMigrations(modules));

// A demo TAC (Samsung Galaxy A15), so the classification knows the model.
const STOLEN_KEY = '35209900176148';
// The reporter's spare phone, which receives the texts; the stolen phone's SIM was another number.
const REPORTER = '+254722000111';
const STOLEN_NUMBER = '+254711000222';
const PUBLIC_URL = 'https://kinga.example.org';

async function setup(database: (typeof databases.all)[number], env: Record<string, string> = {}) {
  const logLines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  const platform = await createTestPlatform(await database.fresh(), { modules, logger, env: { PUBLIC_URL, ...env } });
  const app = await buildApp(platform, [devicesModule]);
  const officer = await buildStaffAccount(platform, { role: 'officer', email: `officer-${database.dialect}@regulator.example` });
  return { platform, app, officer, logLines };
}

/** A verified report as the report flow stores one made with a mobile number only (or with the contacts given). */
async function verifiedReport(
  platform: Platform,
  officerId: string,
  contact: { phone?: string; email?: string; notifyBy: 'email' | 'sms' } = { phone: REPORTER, notifyBy: 'sms' },
  requestId = 'LS-7K3M9Q2P',
) {
  const { keyring } = platform;
  const id = platform.ids();
  const email = contact.email ?? '';
  await createTheftReportRepository(platform.db.kysely).insertReport(
    {
      id,
      request_id: requestId,
      email_hash: email === '' && contact.phone ? hashReporterPhone(keyring, contact.phone) : keyring.hash(email, 'device_theft_reports.email'),
      email_enc: keyring.encrypt(email, 'device_theft_reports.email'),
      msisdn_enc: keyring.encrypt(STOLEN_NUMBER, 'device_theft_reports.msisdn'),
      contact_phone_hash: contact.phone ? platform.sms.hashNumber(contact.phone) : null,
      contact_phone_enc: contact.phone ? keyring.encrypt(contact.phone, 'device_theft_reports.contact_phone') : null,
      notify_by: contact.notifyBy,
      police_reference_enc: keyring.encrypt('OB 77/11/2026', 'device_theft_reports.police_reference'),
      status: 'verified',
      submitted_at: '2026-11-20T10:00:00.000Z',
      decided_at: '2026-11-20T11:00:00.000Z',
      decided_by: officerId,
    },
    [{ key: STOLEN_KEY, raw: `${STOLEN_KEY}${luhnCheckDigit(STOLEN_KEY)}` }],
  );
  return { id, requestId };
}

/** The e-mails queued, as the job queue holds them. */
const queuedMails = async (platform: Platform) => (await queuedJobPayloads(platform, EMAIL_JOB_TYPE)) as MailMessage[];

for (const database of databases.all) {
  test(`a reporter with a mobile number only closes their report with a code by text, and is told by text [${database.dialect}]`, async () => {
    const { platform, app, officer, logLines } = await setup(database);
    const { id, requestId } = await verifiedReport(platform, officer.id);
    const client = createWebClient(app, '10.9.1.1');
    const start = await client.get('/devices/recover');
    assert.match(start.body, /by text message to its mobile number/);
    const started = await client.post('/devices/recover', { requestId: requestId.toLowerCase() });
    assert.equal(started.statusCode, 303, started.body);
    assert.equal(started.headers.location, '/devices/recover/code');

    const [codeText, ...more] = await outboxTexts(platform, REPORTER);
    assert.equal(more.length, 0);
    assert.equal(codeText?.purpose, 'devices.recovery-code');
    const code = /\n\n@kinga\.example\.org #([0-9]{6})$/.exec(codeText?.text ?? '')?.[1];
    assert.ok(code, `the text ends with the origin-bound line: ${codeText?.text}`);
    assert.match(codeText?.text ?? '', new RegExp(`^${code} is your code to close report ${requestId}: phone found\\. It expires in 15 minutes\\.`));
    assert.deepEqual([planSms(codeText?.text ?? '').encoding, planSms(codeText?.text ?? '').parts.length], ['gsm7', 1], 'the code text is one GSM-7 segment');

    const codePage = await client.get('/devices/recover/code');
    assert.match(codePage.body, /We sent a six-digit code by text message to the mobile number of your report/);
    assert.doesNotMatch(codePage.body, /e-mail address of your report/);
    assert.match(codePage.body, /autocomplete="one-time-code"/);
    assert.doesNotMatch(codePage.body, /722000111|<script/, 'no number on the page, and it works without scripts');
    const wrong = await client.post('/devices/recover/code', { code: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Check the text message and try again/);
    assert.match(wrong.body, /by text message to the mobile number of your report/, 'the page still says where the code went');
    const done = await client.post('/devices/recover/code', { code });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /We sent you a confirmation by text message/);
    assert.equal(await createDevicesRecoveryService(platform).isRecovered(id), true);

    const notice = (await outboxTexts(platform, REPORTER)).at(-1);
    assert.equal(notice?.purpose, 'devices.recovered');
    assert.match(notice?.text ?? '', new RegExp(`^Report ${requestId} closed: phone recovered\\.`));
    assert.deepEqual(await queuedMails(platform), [], 'no e-mail at all, and so none to an empty address');
    assert.deepEqual(await outboxTexts(platform, STOLEN_NUMBER), [], 'nothing goes to the stolen phone');
    const logs = logLines.join('');
    assert.ok(logs.length > 0, 'the requests were logged');
    assert.doesNotMatch(logs, /722 ?000 ?111|711 ?000 ?222/, 'no number in the logs');
    await app.close();
  });

  test(`codes to close a report stop at the platform's limit per number, answered as any other reference [${database.dialect}]`, async () => {
    const { platform, app, officer } = await setup(database, { CODE_SENDS_PER_ADDRESS: '2' });
    const { requestId } = await verifiedReport(platform, officer.id);
    for (const index of [1, 2, 3]) {
      // A new client address each time: the number's own limit is what stops the third.
      const client = createWebClient(app, `10.9.2.${index}`);
      await client.get('/devices/recover');
      const answer = await client.post('/devices/recover', { requestId });
      assert.equal(answer.statusCode, 303, `request ${index}: the answer never tells the limit of someone else's number`);
      assert.match((await client.get('/devices/recover/code')).body, /by text message to the mobile number of your report/);
    }
    assert.equal((await outboxTexts(platform, REPORTER)).length, 2, 'the third code was not sent');
    assert.deepEqual(await queuedMails(platform), []);
    await app.close();
  });

  test(`a reference without a report is said to go the same way each time, and its code goes nowhere [${database.dialect}]`, async () => {
    const { platform, app } = await setup(database);
    const intros = new Set<string>();
    for (const index of [1, 2, 3]) {
      const client = createWebClient(app, `10.9.3.${index}`);
      await client.get('/devices/recover');
      assert.equal((await client.post('/devices/recover', { requestId: 'LS-00000000' })).statusCode, 303);
      const page = await client.get('/devices/recover/code');
      intros.add(/We sent a six-digit code [^<]*/.exec(page.body)?.[0] ?? 'none');
      const guessed = await client.post('/devices/recover/code', { code: '123456' });
      assert.equal(guessed.statusCode, 422);
    }
    assert.equal(intros.size, 1, [...intros].join(' | '));
    assert.ok(!intros.has('none'));
    assert.deepEqual(await outboxTexts(platform), []);
    assert.deepEqual(await queuedMails(platform), []);
    await app.close();
  });

  test(`an officer closes a report made with a mobile number: the reporter is told by text, never by an empty e-mail [${database.dialect}]`, async () => {
    const { platform, app, officer } = await setup(database);
    const { id, requestId } = await verifiedReport(platform, officer.id);
    // Both given, e-mail chosen: the notice goes by e-mail, as before.
    const both = await verifiedReport(platform, officer.id, { email: 'both@example.org', phone: '+254722000333', notifyBy: 'email' }, 'LS-7K3M9Q2Q');
    const staff = createWebClient(app, '10.9.4.1');
    await signIn(staff, platform, officer);
    assert.match((await staff.get(`/staff/devices/reports/${id}`)).body, /or by text message if they chose texts/);
    assert.equal((await staff.post(`/staff/devices/reports/${id}/recover`)).statusCode, 303);
    const [notice] = await outboxTexts(platform, REPORTER);
    assert.equal(notice?.purpose, 'devices.recovered');
    assert.equal(notice?.text, `Report ${requestId} closed: phone recovered. It leaves the block list at the next daily update, usually within 24 hours.`);
    assert.deepEqual(await queuedMails(platform), []);

    assert.equal((await staff.post(`/staff/devices/reports/${both.id}/recover`)).statusCode, 303);
    const mails = await queuedMails(platform);
    assert.deepEqual(
      mails.map((m) => [m.to, m.subject]),
      [['both@example.org', 'Report LS-7K3M9Q2Q closed: phone recovered']],
    );
    assert.deepEqual(await outboxTexts(platform, '+254722000333'), []);
    await app.close();
  });

  test(`a report left with no contact is closed without a notice rather than an e-mail to an empty address [${database.dialect}]`, async () => {
    const { platform, app, officer } = await setup(database);
    const { id } = await verifiedReport(platform, officer.id, { notifyBy: 'sms' });
    const recovery = createDevicesRecoveryService(platform);
    await recovery.markRecovered({ type: 'user', id: officer.id }, id, platform.catalogs.translator('en'));
    assert.equal(await recovery.isRecovered(id), true);
    assert.deepEqual(await queuedMails(platform), []);
    assert.deepEqual(await outboxTexts(platform), []);
    await app.close();
  });

  test(`a phone reported with a mobile number and seen with a new SIM alerts the reporter by text and the officer by e-mail [${database.dialect}]`, async () => {
    const { platform, app, officer } = await setup(database);
    await devicesModule.seedDemo?.(platform);
    await addOperators(platform, ['OP-DEMO-1', 'OP-DEMO-2']);
    const { requestId } = await verifiedReport(platform, officer.id);
    await insertObservations(platform.db.kysely, platform.keyring, [
      { imei: STOLEN_KEY, imsi: '639020000000001', operatorId: 'OP-DEMO-1', firstSeen: '2026-10-01', lastSeen: '2026-11-25' },
      { imei: STOLEN_KEY, imsi: '639030000000002', operatorId: 'OP-DEMO-1', firstSeen: '2026-11-28', lastSeen: '2026-11-30' },
    ]);
    const mailsBefore = (await queuedMails(platform)).length;
    const summary = await createDevicesClassificationService(platform).classify();
    assert.ok(summary.alerts >= 1);
    const [alert, ...more] = await outboxTexts(platform, REPORTER);
    assert.equal(more.length, 0, 'one text per alert');
    assert.equal(alert?.purpose, 'devices.trace-alert');
    assert.equal(
      alert?.text,
      `Report ${requestId}: your phone was used with a new SIM on the OP-DEMO-2 network on 2026-11-28. Do not try to get it back alone: call the police.`,
    );
    assert.doesNotMatch(alert?.text ?? '', /63903/, 'no IMSI in the text');
    const mails = (await queuedMails(platform)).slice(mailsBefore);
    assert.ok(
      mails.every((m) => m.to.trim() !== ''),
      'no e-mail to an empty address',
    );
    assert.deepEqual(
      mails.filter((m) => m.subject.includes(requestId)).map((m) => [m.to, m.subject]),
      [[officer.email, `Trace alert on report ${requestId}`]],
      'the officer is e-mailed; the reporter is not',
    );
    assert.deepEqual(await outboxTexts(platform, STOLEN_NUMBER), []);
    await app.close();
  });
}

test('the texts of recovery and trace alerts fit one GSM-7 segment in the Latin-script languages, and are translated in all six', async () => {
  const database = databases.all[0];
  assert.ok(database);
  const { platform, app } = await setup(database);
  const values = { code: '123456', requestId: 'LS-7K3M9Q2P', minutes: 15, operator: 'OP-DEMO-2', date: '2026-11-28' };
  for (const key of ['code', 'recovered', 'traced']) {
    const texts = new Set<string>();
    for (const language of ['en', 'fr', 'es', 'ar', 'ru', 'zh'] as const) {
      const message = platform.catalogs.translator(language)(`devices.recovery.sms.${key}`, values);
      texts.add(message);
      assert.ok(message.includes('LS-7K3M9Q2P'), `${language} ${key}`);
      const plan = planSms(key === 'code' ? `${message}\n\n@kinga.example.org #123456` : message);
      if (['en', 'fr', 'es'].includes(language)) assert.deepEqual([plan.encoding, plan.parts.length], ['gsm7', 1], `${language}: ${message}`);
    }
    assert.equal(texts.size, 6, `${key}: no language says it in another's words`);
  }
  await app.close();
});
