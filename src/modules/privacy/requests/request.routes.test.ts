import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { outboxTexts } from '../../../../test/helpers/sms-outbox.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { MailMessage, Mailer } from '../../../platform/notify/index.ts';
import type { KingaModule } from '../../../platform/module.ts';
import { privacyModule } from '../index.ts';
import { requestsPartOf } from './requests.module.ts';
import { createTestFulfilment } from './testing/request-fixtures.ts';
import { REQUESTS_DAILY_JOB } from './requests.wiring.ts';

const databases = openTestDatabases(allMigrations([privacyModule]));

async function setup(database: (typeof databases.all)[number]) {
  const sent: MailMessage[] = [];
  const mailer: Mailer = { send: async (message) => void sent.push(message), close: async () => undefined };
  const fulfilment = createTestFulfilment();
  const module: KingaModule = { ...privacyModule, ...requestsPartOf(() => fulfilment) };
  const platform = await createTestPlatform(await database.fresh(), { modules: [module], mailer });
  const app = await buildApp(platform, [module]);
  const mail = async () => {
    await platform.jobs.runDue();
    return sent.splice(0);
  };
  return { platform, app, mail, fulfilment, module };
}

const codeIn = (text: string | undefined) => /\b([0-9]{6})\b/.exec(text ?? '')?.[1] ?? '';

for (const database of databases.all) {
  test(`a person proves an address by code, asks for their data, follows it with a new code and downloads the archive staff made [${database.dialect}]`, async () => {
    const { platform, app, mail } = await setup(database);
    const person = createWebClient(app, '10.9.0.1');
    const start = await person.get('/privacy/requests');
    assert.equal(start.statusCode, 200);
    assert.match(start.body, /See my data/);
    const refused = await person.post('/privacy/requests', { email: 'not an address' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Choose what you want to do/);
    assert.match(refused.body, /Enter an e-mail address in the right form/);

    const started = await person.post('/privacy/requests', { type: 'access', email: ' Amina.Wanjiru@Example.org ' });
    assert.equal(started.headers.location, '/privacy/requests/code');
    const [codeMail] = await mail();
    assert.equal(codeMail?.to, 'amina.wanjiru@example.org');
    const codePage = await person.get('/privacy/requests/code');
    assert.match(codePage.body, /a•••@example\.org/, 'the address masked');
    assert.equal((await person.post('/privacy/requests/code', { code: '12' })).statusCode, 422);
    const confirmed = await person.post('/privacy/requests/code', { code: codeIn(codeMail?.text) });
    assert.equal(confirmed.headers.location, '/privacy/requests/details');
    assert.equal((await person.post('/privacy/requests/details', { details: '   ' })).statusCode, 422);
    const done = await person.post('/privacy/requests/details', { details: 'Everything about my complaint of March.' });
    assert.equal(done.statusCode, 200, done.body);
    const reference = /(DR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(done.body)?.[1] ?? '';
    assert.ok(reference);
    // Received on 1 December 2026 (the test clock): one month is 1 January 2027, a holiday, so Monday 4 January.
    assert.match(done.body, /January 4, 2027/);
    const [receipt] = await mail();
    assert.match(receipt?.text ?? '', new RegExp(reference));
    assert.match(receipt?.text ?? '', /January 4, 2027/);

    const officer = await buildStaffAccount(platform, { role: 'officer' });
    const staff = createWebClient(app, '10.9.0.2');
    await signIn(staff, platform, officer);
    const list = await staff.get('/staff/privacy/requests?state=received&type=access');
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /amina/i, 'no personal value in the list');
    const path = new RegExp(`href="(/staff/privacy/requests/[0-9a-f-]+)" dir="ltr">${reference}<`).exec(list.body)?.[1] ?? '';
    assert.ok(path, list.body);
    assert.doesNotMatch((await staff.get('/staff/privacy/requests?state=answered')).body, new RegExp(reference));
    const detail = await staff.get(path);
    assert.match(detail.body, /amina\.wanjiru@example\.org/);
    assert.match(detail.body, /Everything about my complaint of March\./);
    const ran = await staff.post(`${path}/runAccess`);
    assert.equal(ran.headers.location, `${path}?done=1`);
    assert.match((await staff.get(`${path}?done=1`)).body, /Access archive made/);
    assert.equal((await staff.post(`${path}/runAccess`)).statusCode, 409, 'an answered request takes no second run');
    await mail();

    const follower = createWebClient(app, '10.9.0.3');
    await follower.get('/privacy/requests/follow');
    const unknown = await follower.post('/privacy/requests/follow', { reference: 'DR-0000-0000-0000' });
    assert.equal(unknown.headers.location, '/privacy/requests/follow/code', 'an unknown reference is answered as a known one');
    assert.deepEqual(await mail(), []);
    await follower.get('/privacy/requests/follow');
    await follower.post('/privacy/requests/follow', { reference: reference.toLowerCase().replace(/-/g, ' - ') });
    const [followCode] = await mail();
    await follower.get('/privacy/requests/follow/code');
    const inside = await follower.post('/privacy/requests/follow/code', { code: codeIn(followCode?.text) });
    assert.equal(inside.headers.location, '/privacy/requests/follow/request');
    const result = await follower.get('/privacy/requests/follow/request');
    assert.equal(result.statusCode, 200);
    assert.match(result.headers['cache-control'] ?? '', /no-store/);
    assert.match(result.body, /Answered/);
    const archive = await follower.post('/privacy/requests/follow/archive');
    assert.equal(archive.statusCode, 200);
    assert.equal(archive.headers['content-type'], 'application/zip');
    assert.deepEqual([...archive.rawPayload.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
    assert.match(archive.rawPayload.toString('utf8'), /amina\.wanjiru@example\.org/);
    await follower.post('/privacy/requests/follow/end');
    assert.equal((await follower.post('/privacy/requests/follow/archive')).statusCode, 303, 'no download once the session is closed');
    const stranger = createWebClient(app, '10.9.0.4');
    assert.equal((await stranger.get('/privacy/requests/follow/request')).statusCode, 303);
  });

  test(`a person proves a mobile number by SMS; staff enter a paper request waiting for identity, refuse and extend with honest errors; the daily job reminds staff [${database.dialect}]`, async () => {
    const { platform, app, mail } = await setup(database);
    const person = createWebClient(app, '10.8.0.1');
    await person.get('/privacy/requests');
    await person.post('/privacy/requests', { type: 'erasure', phone: '0712 345 678' });
    const [codeText] = await outboxTexts(platform, '+254712345678');
    assert.equal(codeText?.purpose, 'privacy.request-code');
    const codePage = await person.get('/privacy/requests/code');
    assert.doesNotMatch(codePage.body, /712 ?345 ?678/, 'the number masked');
    await person.post('/privacy/requests/code', { code: codeIn(codeText?.text) });
    const done = await person.post('/privacy/requests/details', { details: 'Delete my scam reports.' });
    assert.match(done.body, /sent these details to your mobile number/);
    const texts = await outboxTexts(platform, '+254712345678');
    assert.match(texts[1]?.text ?? '', /DR-/);

    const admin = await buildStaffAccount(platform, { role: 'admin' });
    const staff = createWebClient(app, '10.8.0.2');
    await signIn(staff, platform, admin);
    await staff.get('/staff/privacy/requests/new');
    const bad = await staff.post('/staff/privacy/requests/new', { type: 'access', channel: 'web', receivedOn: '2026-02-30', details: '' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Choose how the request was received/);
    assert.match(bad.body, /real date/);
    const entered = await staff.post('/staff/privacy/requests/new', {
      type: 'rectification',
      channel: 'paper',
      receivedOn: '2026-11-25',
      emails: 'Baraka.Otieno@example.org',
      phones: '',
      deviceIds: '',
      details: 'My name is misspelt on complaint C-2026-0042.',
      language: 'sw',
      notifyBy: 'email',
    });
    assert.equal(entered.statusCode, 303, entered.body);
    const path = entered.headers.location ?? '';
    const page = await staff.get(path);
    assert.match(page.body, /Waiting for proof of identity/);
    assert.match(page.body, /December 28, 2026/, 'the Kenyan vector');
    const noReason = await staff.post(`${path}/refuse`, { refusalCode: 'nonsense' });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /Choose the reason for refusing/);
    assert.equal((await staff.post(`${path}/extend`, { 'note-extend': 'x' })).statusCode, 409, 'no extension while waiting for identity');
    assert.equal((await staff.post(`${path}/launch`)).statusCode, 400);
    assert.equal((await staff.post(`${path}/identityProved`)).statusCode, 303);
    const empty = await staff.post(`${path}/extend`, { 'note-extend': '  ' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Give the reason; the person is told it/);
    assert.equal((await staff.post(`${path}/extend`, { 'note-extend': 'Three operators to consult' })).statusCode, 303);
    const mails = await mail();
    assert.ok(mails.some((m) => m.to === 'baraka.otieno@example.org' && /more time/.test(m.subject)));
    assert.equal((await staff.get('/staff/privacy/requests/00000000-0000-0000-0000-000000000000')).statusCode, 404);

    const late = await staff.post('/staff/privacy/requests/new', {
      type: 'objection',
      channel: 'phone',
      receivedOn: '2026-10-01',
      emails: 'late@example.org',
      details: 'Objects to the survey calls.',
      language: 'en',
      notifyBy: 'email',
      isIdentityChecked: 'yes',
    });
    assert.equal(late.statusCode, 303);
    const overdueList = await staff.get('/staff/privacy/requests');
    assert.match(overdueList.body, /Overdue/);
    const dashboard = await staff.get('/staff');
    assert.match(dashboard.body, /Personal data requests/);
    assert.match(dashboard.body, /1 request overdue/);

    const abandoned = createWebClient(app, '10.8.0.9');
    await abandoned.get('/privacy/requests');
    await abandoned.post('/privacy/requests', { type: 'access', email: 'gave.up@example.org' });
    platform.clock.set(new Date(platform.clock.now().getTime() + 2 * 3_600_000));
    await platform.jobs.enqueue(platform.db.kysely, REQUESTS_DAILY_JOB, {});
    const reminders = (await mail()).filter((m) => m.to === admin.email);
    assert.equal(reminders.length, 1);
    assert.match(reminders[0]?.text ?? '', /OVERDUE/);
    assert.deepEqual(await platform.db.kysely.selectFrom('privacy_request_sessions').select('id').execute(), [], 'the lapsed session deleted');
  });
}
