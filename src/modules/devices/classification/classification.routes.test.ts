import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { addOperators, OPERATOR_REGISTER_MODULES } from '../../../../test/helpers/operators.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { startSmtpServer } from '../../../../test/helpers/smtp.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { insertObservations } from '../../../../test/helpers/device-data.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { Platform } from '../../../platform/platform.ts';
import { luhnCheckDigit } from '../imei-check/imei.ts';
import { createDevicesClassificationService, createDevicesListService } from '../devices.wiring.tsx';
import { createTheftReportRepository } from '../theft-reports/theft-report.repository.ts';
import { devicesModule } from '../index.ts';
import { createTokenIssuer } from '../../../../test/helpers/api-tokens.ts';

// The operator register too: a token is tied only to an operator in it.
const modules = [...OPERATOR_REGISTER_MODULES, devicesModule];
const databases = openTestDatabases(allMigrations(modules));
const smtp = await startSmtpServer();
after(() => smtp.close());

// Demo TACs (Samsung Galaxy A15, Nokia 105 4G), so the check knows the model.
const STOLEN_KEY = '35209900176148';
const CLONED_KEY = '35655011000017';
const SIM_OLD = '639020000000001';
const SIM_NEW = '639030000000002';

async function setup(database: (typeof databases.all)[number]) {
  const platform = await createTestPlatform(await database.fresh(), { modules, env: { SMTP_URL: smtp.url } });
  await devicesModule.seedDemo?.(platform);
  await addOperators(platform, ['OP-DEMO-1', 'OP-DEMO-2']);
  const app = await buildApp(platform, [devicesModule]);
  const { token: token } = await createTokenIssuer(platform, 'eir');
  const officer = await buildStaffAccount(platform, { role: 'officer', email: `officer-${database.dialect}@regulator.example` });
  return { platform, app, officer, token };
}

async function verifiedReport(platform: Platform, key: string, email: string, officerId: string, at: string) {
  const id = platform.ids();
  const requestId = 'LS-7K3M9Q2P';
  await createTheftReportRepository(platform.db.kysely).insertReport(
    {
      id,
      request_id: requestId,
      email_hash: platform.keyring.hash(email, 'device_theft_reports.email'),
      email_enc: platform.keyring.encrypt(email, 'device_theft_reports.email'),
      msisdn_enc: platform.keyring.encrypt('+254711000111', 'device_theft_reports.msisdn'),
      police_reference_enc: platform.keyring.encrypt('OB 77/11/2026', 'device_theft_reports.police_reference'),
      status: 'verified',
      submitted_at: at,
      decided_at: at,
      decided_by: officerId,
    },
    [{ key, raw: `${key}${luhnCheckDigit(key)}` }],
  );
  return { id, requestId };
}

const mailsTo = (address: string, since: number) => smtp.messages.slice(since).filter((m) => m.to.includes(address));

for (const database of databases.all) {
  test(`a reported phone seen with a new SIM alerts the reporter and the officer by e-mail once, and shows on the staff page [${database.dialect}]`, async () => {
    const { platform, app, officer } = await setup(database);
    const reporter = `owner-${database.dialect}@example.org`;
    const { requestId } = await verifiedReport(platform, STOLEN_KEY, reporter, officer.id, '2026-11-20T10:00:00.000Z');
    await insertObservations(platform.db.kysely, platform.keyring, [
      { imei: STOLEN_KEY, imsi: SIM_OLD, operatorId: 'OP-DEMO-1', firstSeen: '2026-10-01', lastSeen: '2026-11-25' },
      { imei: STOLEN_KEY, imsi: SIM_NEW, operatorId: 'OP-DEMO-1', firstSeen: '2026-11-28', lastSeen: '2026-11-30' },
    ]);
    const before = smtp.messages.length;
    const summary = await createDevicesClassificationService(platform).classify();
    assert.equal(summary.alerts, 1, 'the SIM used before the report raises nothing');
    await platform.jobs.runDue();
    await smtp.waitFor(before + 2);
    const [toReporter] = mailsTo(reporter, before);
    assert.match(toReporter?.subject ?? '', new RegExp(requestId));
    assert.match(toReporter?.text ?? '', /OP-DEMO-2 on 2026-11-28/, "the SIM's home network names the operator");
    assert.doesNotMatch(toReporter?.text ?? '', new RegExp(SIM_NEW), 'no IMSI in the e-mail');
    const [toOfficer] = mailsTo(officer.email, before);
    assert.match(toOfficer?.subject ?? '', /Trace alert/);

    const again = await createDevicesClassificationService(platform).classify();
    assert.equal(again.alerts, 0, 'the same SIM alerts once');

    const staff = createWebClient(app, '10.4.4.4');
    await signIn(staff, platform, officer);
    const page = await staff.get('/staff/devices/reports');
    assert.match(page.body, /1 trace alert/);
    assert.match(page.body, new RegExp(`>${requestId}<`));
    const alertPath = /action="(\/staff\/devices\/alerts\/[^"]+\/acknowledge)"/.exec(page.body)?.[1];
    assert.ok(alertPath);
    assert.equal((await staff.post(alertPath)).statusCode, 303);
    assert.match((await staff.get('/staff/devices/reports')).body, /No trace alert/);
    await app.close();
  });

  test(`the check gives blocked with its date, and duplicate under watch, from the classification state [${database.dialect}]`, async () => {
    const { platform, app, officer } = await setup(database);
    await verifiedReport(platform, STOLEN_KEY, 'someone@example.org', officer.id, '2026-11-20T10:00:00.000Z');
    await insertObservations(
      platform.db.kysely,
      platform.keyring,
      [1, 2, 3, 4, 5].map((n) => ({ imei: CLONED_KEY, imsi: `63902000000010${n}`, firstSeen: '2026-11-25', lastSeen: '2026-11-30' })),
    );
    assert.equal((await app.inject(`/api/v1/devices/imei/${STOLEN_KEY}`)).json().status, 'reportedStolen');
    await createDevicesClassificationService(platform).classify();
    const stolen = (await app.inject(`/api/v1/devices/imei/${STOLEN_KEY}`)).json();
    assert.equal(stolen.status, 'blocked');
    assert.equal(stolen.statusSince, '2026-12-01');
    const cloned = (await app.inject(`/api/v1/devices/imei/${CLONED_KEY}`)).json();
    assert.equal(cloned.status, 'duplicateWatch');
    assert.doesNotMatch(JSON.stringify(cloned), /63902/, 'never a subscriber');
    const page = await app.inject('/devices/check?imei=' + CLONED_KEY + '&lang=fr');
    assert.match(page.body, /plusieurs téléphones|plus d/);
    await app.close();
  });

  test(`an operator downloads the block list and its own lists, never another operator's [${database.dialect}]`, async () => {
    const { platform, app, officer, token } = await setup(database);
    await verifiedReport(platform, STOLEN_KEY, 'someone@example.org', officer.id, '2026-11-20T10:00:00.000Z');
    await insertObservations(platform.db.kysely, platform.keyring, [
      { imei: STOLEN_KEY, imsi: SIM_OLD, msisdn: '254700000001', operatorId: 'OP-DEMO-1', firstSeen: '2026-10-01', lastSeen: '2026-11-30' },
    ]);
    await createDevicesClassificationService(platform).classify();
    await createDevicesListService(platform).generateLists();
    const one = await token('OP-DEMO-1', ['devices:lists']);
    const two = await token('OP-DEMO-2', ['devices:lists']);
    const dealer = await token('OP-DEMO-1', ['devices:check']);
    const get = (url: string, bearer: string) => app.inject({ url, headers: { authorization: `Bearer ${bearer}` } });

    const block = await get('/api/v1/devices/lists/blocklist', two);
    assert.equal(block.statusCode, 200);
    assert.match(String(block.headers['content-type']), /text\/csv/);
    // The demo data adds its own reported phones; this test's phone is one line among them.
    assert.ok(block.body.startsWith('imei,block_date,reasons\n'));
    assert.ok(block.body.split('\n').includes(`${STOLEN_KEY},2026-12-01,STOLEN`));
    const delta = await get('/api/v1/devices/lists/blocklist?delta=true', one);
    assert.ok(delta.body.startsWith('imei,block_date,reasons,change_type,change_reason\n'));
    assert.ok(delta.body.split('\n').includes(`${STOLEN_KEY},2026-12-01,STOLEN,add,new`));

    const own = await get('/api/v1/devices/lists/operators/OP-DEMO-1/notifications', one);
    assert.equal(own.statusCode, 200);
    assert.equal(own.body, 'imei,imsi,msisdn,block_date,reasons\n', 'a blocked IMEI is on the block list, not the notification list');
    const other = await get('/api/v1/devices/lists/operators/OP-DEMO-1/notifications', two);
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().title, 'LIST_OTHER_OPERATOR');
    assert.doesNotMatch(other.body, /254700000001/);
    assert.equal((await get('/api/v1/devices/lists/operators/OP-DEMO-1/exceptions', two)).statusCode, 403);
    assert.equal((await get('/api/v1/devices/lists/blocklist', dealer)).statusCode, 403, 'a token without the permission');
    assert.equal((await app.inject('/api/v1/devices/lists/blocklist')).statusCode, 401);

    const manifest = (await get('/api/v1/devices/lists', two)).json();
    const names = manifest.files.map((f: { name: string }) => f.name);
    assert.ok(names.includes('notifications-OP-DEMO-2.csv'));
    assert.ok(!names.some((n: string) => n.includes('OP-DEMO-1')), "another operator's files are not even named");
    const audited = await platform.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'devices.lists.downloaded').execute();
    assert.equal(audited.length, 3);
    await app.close();
  });

  test(`the reporter closes a report with its reference and the code sent to them, and the phone leaves the lists [${database.dialect}]`, async () => {
    const { platform, app, officer } = await setup(database);
    const reporter = `recover-${database.dialect}@example.org`;
    const { requestId } = await verifiedReport(platform, STOLEN_KEY, reporter, officer.id, '2026-11-20T10:00:00.000Z');
    await createDevicesClassificationService(platform).classify({ date: '2026-11-30' });
    await createDevicesListService(platform).generateLists({ date: '2026-11-30' });
    const client = createWebClient(app, '10.5.5.5');
    await client.get('/devices/recover');
    // An unknown reference is answered as a real one, and its code is sent to no one.
    const mailsBefore = smtp.messages.length;
    const unknown = await client.post('/devices/recover', { requestId: 'LS-00000000' });
    assert.equal(unknown.statusCode, 303);
    assert.equal(unknown.headers.location, '/devices/recover/code');
    await client.get('/devices/recover/code');
    const guessed = await client.post('/devices/recover/code', { code: '123456' });
    assert.equal(guessed.statusCode, 422);
    await platform.jobs.runDue();
    assert.equal(smtp.messages.length, mailsBefore, 'no code was sent for an unknown reference');
    const before = smtp.messages.length;
    const started = await client.post('/devices/recover', { requestId: requestId.toLowerCase() });
    assert.equal(started.statusCode, 303);
    assert.equal(started.headers.location, '/devices/recover/code');
    await platform.jobs.runDue();
    const [codeMail] = await smtp.waitFor(before + 1).then(() => mailsTo(reporter, before));
    const code = /\b([0-9]{6})\b/.exec(codeMail?.text ?? '')?.[1];
    assert.ok(code);
    await client.get('/devices/recover/code');
    const wrong = await client.post('/devices/recover/code', { code: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 422);
    const done = await client.post('/devices/recover/code', { code });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, new RegExp(requestId));
    await platform.jobs.runDue();
    await smtp.waitFor(before + 2);
    assert.match(mailsTo(reporter, before)[1]?.subject ?? '', /phone recovered/);
    assert.equal((await app.inject(`/api/v1/devices/imei/${STOLEN_KEY}`)).json().status, 'blocked', 'blocked until the next run');

    await createDevicesClassificationService(platform).classify({ date: '2026-12-01' });
    const run = await createDevicesListService(platform).generateLists({ date: '2026-12-01' });
    const lists = createDevicesListService(platform);
    const file = lists.filesOf(run).find((f) => f.name === 'blocklist-delta.csv');
    assert.ok(file);
    const lines: string[] = [];
    for await (const line of lists.linesOf(run, file)) lines.push(line);
    assert.deepEqual(
      lines.filter((l) => l.startsWith(STOLEN_KEY)),
      [`${STOLEN_KEY},2026-11-30,STOLEN,remove,recovered`],
    );
    assert.equal((await app.inject(`/api/v1/devices/imei/${STOLEN_KEY}`)).json().status, 'valid');
    await app.close();
  });

  test(`an officer marks a report recovered, and the statistics count it without personal data [${database.dialect}]`, async () => {
    const { platform, app, officer } = await setup(database);
    const reporter = `staff-recover-${database.dialect}@example.org`;
    const { id } = await verifiedReport(platform, STOLEN_KEY, reporter, officer.id, '2026-12-01T08:00:00.000Z');
    await app.inject(`/api/v1/devices/imei/${STOLEN_KEY}`);
    await app.inject(`/devices/check?imei=${CLONED_KEY}`);
    const staff = createWebClient(app, '10.6.6.6');
    await signIn(staff, platform, officer);
    const reportPage = await staff.get(`/staff/devices/reports/${id}`);
    assert.match(reportPage.body, /Mark as recovered/);
    const before = smtp.messages.length;
    assert.equal((await staff.post(`/staff/devices/reports/${id}/recover`)).statusCode, 303);
    assert.match((await staff.get(`/staff/devices/reports/${id}`)).body, /This phone was recovered/);
    assert.equal((await staff.post(`/staff/devices/reports/${id}/recover`)).statusCode, 409);
    await platform.jobs.runDue();
    await smtp.waitFor(before + 1);
    assert.match(mailsTo(reporter, before)[0]?.subject ?? '', /phone recovered/);

    const stats = (await app.inject('/api/v1/devices/statistics')).json();
    const december = stats.months.find((m: { month: string }) => m.month === '2026-12');
    // The demo's first classification blocked its two stolen phones; this test's report was filed after it.
    // Counts of reports below the small-cell rule (5) are withheld; zero describes nobody and checks are machines.
    assert.deepEqual(december, {
      month: '2026-12',
      checked: 2,
      reported: null,
      reported_suppressed: true,
      blocked: null,
      blocked_suppressed: true,
      traced: 0,
      traced_suppressed: false,
      recovered: null,
      recovered_suppressed: true,
    });
    assert.equal(stats.months.length, 12);
    for (const lang of ['en', 'fr', 'ar']) {
      const page = await app.inject(`/devices/statistics?lang=${lang}`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, new RegExp(`${STOLEN_KEY}|${reporter}`));
    }
    const french = (await app.inject('/devices/statistics?lang=fr')).body;
    assert.match(french, /Retrouvés/);
    assert.match(french, /moins de 5/, 'a withheld count is said in words');
    await app.close();
  });
}

for (const database of databases.all) {
  // Issue 14 item 6: every condition refused by its safety limit is named, as DIRBS logs each (src/dirbs/cli/classify.py:169-176).
  test(`the rules page names every condition a run's safety limits refused, and says the others were applied [${database.dialect}]`, async () => {
    const { platform, app, officer } = await setup(database);
    platform.clock.advance(60_000);
    const refused = [
      { condition: 'stolen', count: 120, measure: 'newlyFlagged', imeisSeen: 2000, limit: 0.01 },
      { condition: 'gsma_not_found', count: 400, measure: 'newlyFlagged', imeisSeen: 2000, limit: 0.05 },
    ];
    const at = platform.clock.now().toISOString();
    await platform.db.kysely
      .insertInto('device_classification_runs')
      .values({
        id: platform.ids(),
        run_date: '2026-12-01',
        started_at: at,
        finished_at: at,
        status: 'partial',
        summary: JSON.stringify({ refused, dataDate: '2026-11-30' }),
      })
      .execute();
    const staff = createWebClient(app, '10.4.4.5');
    await signIn(staff, platform, officer);
    const page = await staff.get('/staff/devices/classification');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Day 2026-12-01 \(operator data up to 2026-11-30\): done on .+?, except for the conditions below, refused by their safety limit/);
    assert.match(page.body, /stolen\u2069: 120 IMEIs newly flagged, above its limit of 1% of the 2,000 IMEIs seen\./);
    assert.match(page.body, /gsma_not_found\u2069: 400 IMEIs newly flagged, above its limit of 5% of the 2,000 IMEIs seen\./);
    await app.close();
  });
}
