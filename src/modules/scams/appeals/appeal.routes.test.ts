import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { queuedJobPayloads } from '../../../../test/helpers/jobs.ts';
import { outboxTexts } from '../../../../test/helpers/sms-outbox.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { EMAIL_JOB_TYPE } from '../../../platform/notify/index.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createScamsTestApp, SCAMS_TEST_MODULES } from '../testing/scams-platform.ts';
import { insertIdentifierRow } from '../testing/public-rows.ts';

const databases = openTestDatabases(allMigrations(SCAMS_TEST_MODULES));
const HOLDER = '+254712000061';

const stateOf = async (platform: Platform, id: string) =>
  (await platform.db.kysely.selectFrom('scam_identifiers').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;

/** Files an appeal for `number` through the pages, as its holder would; answers the done page and the client. */
async function fileAppeal(app: App, platform: Platform, number: string, address: string) {
  const holder = createWebClient(app, address);
  await holder.get('/scams/appeal?lang=en');
  const started = await holder.post('/scams/appeal', { number });
  assert.equal(started.statusCode, 303, started.body);
  assert.equal(started.headers.location, '/scams/appeal/code');
  const texts = await outboxTexts(platform, number);
  const code = /#([0-9]{6})/.exec(texts.at(-1)?.text ?? '')?.[1] ?? '';
  assert.equal(texts.at(-1)?.purpose, 'scams.appeal-code');
  const codePage = await holder.get('/scams/appeal/code');
  assert.match(codePage.body, /We sent a code by text to/);
  assert.ok(!codePage.body.includes(number.slice(4)), 'the number is shown masked');
  const wrong = await holder.post('/scams/appeal/code', { code: code === '000000' ? '111111' : '000000' });
  assert.equal(wrong.statusCode, 422);
  assert.equal((await holder.post('/scams/appeal/code', { code })).headers.location, '/scams/appeal/statement');
  assert.equal((await holder.get('/scams/appeal/statement')).statusCode, 200);
  const empty = await holder.post('/scams/appeal/statement', { statement: ' ', contact: 'not an address' });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /Tell us why the listing is wrong/);
  assert.match(empty.body, /Enter an e-mail address such as name@example.com/);
  const done = await holder.post('/scams/appeal/statement', {
    statement: 'This number has been mine for 8 years; someone spoofed it.',
    contact: 'wanjiru@example.org',
  });
  return { holder, done };
}

for (const database of databases.all) {
  test(`the holder proves the number by a code sent to it and appeals; the public status says under appeal [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const id = await insertIdentifierRow(platform, { kind: 'number', value: HOLDER, state: 'confirmed', confirmedAt: '2026-12-01T08:00:00.000Z' });
    await insertIdentifierRow(platform, { kind: 'number', value: '+254712000062', state: 'reported' });

    const stranger = createWebClient(app, '10.0.0.9');
    await stranger.get('/scams/appeal');
    const unlisted = await stranger.post('/scams/appeal', { number: '0712 000 062' });
    assert.equal(unlisted.statusCode, 422);
    assert.match(unlisted.body, /not listed as a confirmed scam/);
    assert.equal((await stranger.post('/scams/appeal', { number: 'call me' })).statusCode, 422);
    assert.equal((await stranger.get('/scams/appeal/statement')).headers.location, '/scams/appeal', 'no proof, no statement');
    assert.equal((await stranger.post('/scams/appeal/statement', { statement: 'x' })).headers.location, '/scams/appeal');

    const { holder, done } = await fileAppeal(app, platform, HOLDER, '10.0.0.10');
    assert.equal(done.statusCode, 200, done.body);
    const reference = /(SA-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(done.body)?.[1];
    assert.ok(reference);
    assert.equal(await stateOf(platform, id), 'appealed');
    const stored = await platform.db.kysely.selectFrom('scam_appeals').selectAll().executeTakeFirstOrThrow();
    assert.equal(stored.reference, reference);
    assert.ok(!stored.statement_enc.includes('spoofed') && !String(stored.contact_enc).includes('wanjiru'), 'sealed at rest');
    assert.equal((await platform.db.kysely.selectFrom('scam_number_checks').select('id').execute()).length, 0, 'the spent check is gone');
    assert.equal((await holder.get('/scams/appeal/statement')).headers.location, '/scams/appeal', 'a check proves one appeal');
    const lookup = await app.inject(`/api/v1/scams/lookup?value=${encodeURIComponent(HOLDER)}`);
    assert.equal(lookup.json<{ status: string }>().status, 'appealed');
    assert.equal((await outboxTexts(platform, HOLDER)).at(-1)?.purpose, 'scams.appeal-filed');
    const again = createWebClient(app, '10.0.0.11');
    await again.get('/scams/appeal');
    assert.match((await again.post('/scams/appeal', { number: HOLDER })).body, /already being heard/);
    await app.close();
  });

  test(`staff hear appeals: only reviewers, uphold keeps it confirmed, overturn clears it and tells the holder [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const first = await insertIdentifierRow(platform, { kind: 'number', value: HOLDER, state: 'confirmed', confirmedAt: '2026-12-01T08:00:00.000Z' });
    const second = await insertIdentifierRow(platform, { kind: 'number', value: '+254712000063', state: 'confirmed', confirmedAt: '2026-12-01T08:00:00.000Z' });
    await fileAppeal(app, platform, HOLDER, '10.0.1.1');
    await fileAppeal(app, platform, '+254712000063', '10.0.1.2');
    const [one, two] = await platform.db.kysely
      .selectFrom('scam_appeals')
      .select(['id', 'identifier_id', 'reference'])
      .orderBy('filed_at')
      .orderBy('id')
      .execute();
    assert.ok(one && two);
    const appealOf = (identifier: string) => (one.identifier_id === identifier ? one : two);

    const anonymous = createWebClient(app, '10.0.1.3');
    assert.equal((await anonymous.get('/staff/scams/appeals')).headers.location, '/staff/sign-in');
    assert.equal((await anonymous.get(`/staff/scams/appeals/${one.id}`)).headers.location, '/staff/sign-in');
    const agent = createWebClient(app, '10.0.1.4');
    await signIn(agent, platform, await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-DEMO-1' }));
    assert.equal((await agent.get('/staff/scams/appeals')).statusCode, 403);
    assert.equal((await agent.get(`/staff/scams/appeals/${one.id}`)).statusCode, 403);
    assert.equal((await agent.post(`/staff/scams/appeals/${one.id}`, { decision: 'overturn', reason: 'x' })).statusCode, 403);

    const officer = createWebClient(app, '10.0.1.5');
    await signIn(officer, platform, await buildStaffAccount(platform, { role: 'officer' }));
    const list = await officer.get('/staff/scams/appeals');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(one.reference) && list.body.includes(two.reference));
    const page = await officer.get(`/staff/scams/appeals/${appealOf(first).id}`);
    assert.match(page.body, /someone spoofed it/);
    assert.equal((await officer.get('/staff/scams/appeals/nope')).statusCode, 404);
    const missing = await officer.post(`/staff/scams/appeals/${appealOf(first).id}`, { decision: '', reason: '' });
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /Choose whether to uphold or overturn the listing/);

    const overturned = await officer.post(`/staff/scams/appeals/${appealOf(first).id}`, { decision: 'overturn', reason: 'The number was spoofed.' });
    assert.equal(overturned.headers.location, '/staff/scams/appeals');
    assert.equal(await stateOf(platform, first), 'cleared');
    assert.match((await outboxTexts(platform, HOLDER)).at(-1)?.text ?? '', /overturned the listing/);
    const mails = (await queuedJobPayloads(platform, EMAIL_JOB_TYPE)) as { to: string; subject: string; text: string }[];
    assert.equal(mails.at(-1)?.to, 'wanjiru@example.org');
    assert.match(mails.at(-1)?.text ?? '', /Reason: The number was spoofed\./);
    assert.equal((await officer.post(`/staff/scams/appeals/${appealOf(first).id}`, { decision: 'uphold', reason: 'again' })).statusCode, 409);

    assert.equal(
      (await officer.post(`/staff/scams/appeals/${appealOf(second).id}`, { decision: 'uphold', reason: 'Reports from 40 people.' })).statusCode,
      303,
    );
    const kept = await platform.db.kysely.selectFrom('scam_identifiers').select(['state', 'confirmed_at']).where('id', '=', second).executeTakeFirstOrThrow();
    assert.deepEqual(kept, { state: 'confirmed', confirmed_at: '2026-12-01T08:00:00.000Z' }, 'upheld keeps the date it was confirmed');
    const events = await platform.db.kysely
      .selectFrom('scam_identifier_events')
      .select(['to_state', 'actor_id'])
      .where('identifier_id', '=', second)
      .orderBy('at')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.map((e) => e.to_state),
      ['appealed', 'confirmed'],
    );
    assert.ok(events[1]?.actor_id);
    assert.equal((await officer.get('/staff/scams/appeals')).body.includes(one.reference), false, 'decided appeals leave the list');
    await app.close();
  });
}
