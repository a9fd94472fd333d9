import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { createComplaintServiceFor } from '../../complaints/index.ts';
import { complaintSubmission } from '../../complaints/testing/complaint-answers.ts';
import { CHANNELS_TEST_MODULES, createChannelsTestApp } from '../testing/channels-platform.ts';

const databases = openTestDatabases(allMigrations(CHANNELS_TEST_MODULES));
const SECRETS = { USSD_AFRICASTALKING_SECRET: 'at-secret-7Kq', USSD_HUBTEL_SECRET: 'hubtel-secret-9Zx' };
const AT_URL = `/api/v1/channels/ussd/africastalking/${SECRETS.USSD_AFRICASTALKING_SECRET}`;

/** An Africa's Talking callback as the gateway posts it, to its URL with its secret unless told otherwise. */
function atPost(fields: Record<string, string>, url = AT_URL) {
  const form = { sessionId: 'ATUid_1', serviceCode: '*384*1564#', phoneNumber: '+254712345678', networkCode: '63902', text: '', ...fields };
  return {
    method: 'POST' as const,
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  };
}

/** A Hubtel-style callback with the secret in the path. */
function hubtelPost(body: Record<string, unknown> | string, key = SECRETS.USSD_HUBTEL_SECRET) {
  return {
    method: 'POST' as const,
    url: `/api/v1/channels/ussd/hubtel/${encodeURIComponent(key)}`,
    headers: { 'content-type': 'application/json' },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

for (const database of databases.all) {
  test(`Africa's Talking: the issue's transcript over HTTP, CON and END as text/plain, and a complaint's status [${database.dialect}]`, async () => {
    const { app, platform } = await createChannelsTestApp(database, SECRETS);
    const texts = ['', '1', '1*490154203237519', '1*490154203237519*490154203237518'];
    const answers = [];
    for (const text of texts) {
      const reply = await app.inject(atPost({ text }));
      assert.equal(reply.statusCode, 200, reply.body);
      assert.match(String(reply.headers['content-type']), /^text\/plain/);
      answers.push(reply.body);
    }
    assert.match(answers[0] ?? '', /^CON Consumer help:\n1 Check a phone \(IMEI\)\n2 Complaint status/);
    assert.equal(answers[1], 'CON Enter the IMEI (dial *#06# to see it):');
    assert.equal(answers[2], 'CON The last digit does not match: a digit is wrong. Enter the IMEI again:');
    assert.equal(answers[3], 'END IMEI 490154203237518: Unknown model.');

    const filed = await createComplaintServiceFor(platform).file(
      { type: 'system', id: null },
      complaintSubmission({
        operatorIds: ['OP-T-1'],
        description: 'Charged twice.',
        consumer: { name: 'Amina Test', email: 'amina@example.org', language: 'en' },
      }),
    );
    const reference = filed.cases[0]?.reference ?? '';
    await app.inject(atPost({ sessionId: 'ATUid_2', text: '' }));
    await app.inject(atPost({ sessionId: 'ATUid_2', text: '2' }));
    const status = await app.inject(atPost({ sessionId: 'ATUid_2', text: `2*${reference.toLowerCase()}` }));
    assert.equal(status.body, `END ${reference}: Received. Answer due by 2026-12-03.`);
    // A shortcut of the service code is the same service.
    assert.equal(
      (await app.inject(atPost({ sessionId: 'ATUid_3', serviceCode: '*384*1564*1#', text: '1' }))).body,
      'CON Enter the IMEI (dial *#06# to see it):',
    );
    await app.close();
  });

  test(`a callback without its gateway's secret answers 403, a malformed one 400, never 500 [${database.dialect}]`, async () => {
    const { app } = await createChannelsTestApp(database, { USSD_AFRICASTALKING_SECRET: SECRETS.USSD_AFRICASTALKING_SECRET });
    const statuses = async (requests: ReadonlyArray<ReturnType<typeof atPost>>) => Promise.all(requests.map(async (r) => (await app.inject(r)).statusCode));
    assert.deepEqual(
      await statuses([
        atPost({}, '/api/v1/channels/ussd/africastalking'),
        atPost({}, '/api/v1/channels/ussd/africastalking/wrong'),
        atPost({}, `/api/v1/channels/ussd/africastalking/${SECRETS.USSD_AFRICASTALKING_SECRET}x`),
        atPost({}, `/api/v1/channels/ussd/unknown/${SECRETS.USSD_AFRICASTALKING_SECRET}`),
        atPost({}, `/api/v1/channels/ussd/hubtel/${SECRETS.USSD_AFRICASTALKING_SECRET}`),
        // The Hubtel gateway's variable is not set in this process: nothing opens it.
        hubtelPost({ Type: 'Initiation', SessionId: 'h1', Mobile: '254712345678', ServiceCode: '*713*64#', Message: '*713*64#' }),
      ]),
      [403, 403, 403, 403, 403, 403],
    );
    assert.deepEqual(
      await statuses([
        atPost({ sessionId: '' }),
        atPost({ sessionId: 'x'.repeat(200) }),
        atPost({ phoneNumber: 'not a number' }),
        atPost({ phoneNumber: '+25420000' }),
        atPost({ serviceCode: '*999#' }),
        atPost({ text: '1*'.repeat(800) }),
        { ...atPost({}), headers: { 'content-type': 'application/json' }, payload: '[1,2' },
        { ...atPost({}), headers: { 'content-type': 'application/json' }, payload: '[1,2]' },
      ]),
      [400, 400, 400, 400, 400, 400, 400, 400],
    );
    await app.close();
  });

  test(`Hubtel-style JSON: initiation, responses with the newest input only, release at the end and on a timeout [${database.dialect}]`, async () => {
    const { app } = await createChannelsTestApp(database, SECRETS);
    const post = async (body: Record<string, unknown>) => {
      const reply = await app.inject(hubtelPost({ SessionId: 'hub-1', Mobile: '254712345678', ServiceCode: '*713*64#', Operator: 'safaricom', ...body }));
      assert.equal(reply.statusCode, 200, reply.body);
      return reply.json<Record<string, string>>();
    };
    const menu = await post({ Type: 'Initiation', Message: '*713*64#', ClientState: '' });
    assert.equal(menu['Type'], 'Response');
    assert.match(menu['Message'] ?? '', /^Consumer help:/);
    assert.equal((await post({ Type: 'Response', Message: '1', ClientState: 'x' }))['Message'], 'Enter the IMEI (dial *#06# to see it):');
    const verdict = await post({ Type: 'Response', Message: '352099001761481' });
    assert.deepEqual(
      { type: verdict['Type'], message: verdict['Message'] },
      { type: 'Release', message: 'IMEI 352099001761481: No problem found. Model: Samsung Galaxy A15.' },
    );
    // A shortcut dialled past the service code opens at its choice.
    const shortcut = await app.inject(
      hubtelPost({ Type: 'Initiation', SessionId: 'hub-4', Mobile: '254712345678', ServiceCode: '*713*64*1#', Message: '*713*64*1#' }),
    );
    assert.equal(shortcut.json<Record<string, string>>()['Message'], 'Enter the IMEI (dial *#06# to see it):');
    const timeout = await app.inject(hubtelPost({ Type: 'Timeout', SessionId: 'hub-2', Mobile: '254712345678', Message: '' }));
    assert.equal(timeout.statusCode, 200);
    assert.equal(timeout.json<Record<string, string>>()['Type'], 'Release');
    assert.equal((await app.inject(hubtelPost({ Type: 'Launch', SessionId: 'hub-3', Mobile: '254712345678' }))).statusCode, 400);
    assert.equal((await app.inject(hubtelPost('{"Type":'))).statusCode, 400);
    await app.close();
  });

  test(`one gateway address is not held to the per-address write limit; the limit is per caller's number [${database.dialect}]`, async () => {
    const { app } = await createChannelsTestApp(database, SECRETS);
    const codes = new Set<number>();
    // More callbacks than the 60 writes a minute one address may make, from many numbers.
    for (let i = 0; i < 65; i += 1) {
      const reply = await app.inject(atPost({ sessionId: `bulk-${i}`, phoneNumber: `+2547123456${String(i).padStart(2, '0')}` }));
      codes.add(reply.statusCode);
    }
    assert.deepEqual([...codes], [200]);
    await app.close();
  });
}
