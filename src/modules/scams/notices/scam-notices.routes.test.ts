import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTokenIssuer } from '../../../../test/helpers/api-tokens.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { readSignatureHeader } from '../../../platform/crypto/signing.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createScamsTestApp, SCAMS_TEST_MODULES } from '../testing/scams-platform.ts';
import { scamsCoreOf } from '../scams.wiring.ts';
import { createScamIdentifierRepository } from '../reputation/scam-identifier.repository.ts';
import { SEALED } from '../shared/sealed-contexts.ts';

const databases = openTestDatabases(allMigrations(SCAMS_TEST_MODULES));
const reviewer = { type: 'user' as const, id: 'reviewer-1' };

/** A sender id confirmed through review: every operator of the register gets a block notice. */
async function confirmSenderId(platform: Platform, id: string, value: string): Promise<void> {
  await createScamIdentifierRepository(platform.db.kysely).findOrCreate({
    id,
    kind: 'senderId',
    valueHash: `hash-${id}`,
    valueEnc: platform.keyring.encrypt(value, SEALED.identifierValue),
    isProtected: false,
    isInternationalised: false,
    operatorId: null,
    at: platform.clock.now().toISOString(),
  });
  const { states } = scamsCoreOf(platform);
  assert.ok((await states.move({ identifierId: id, to: 'under_review', actor: reviewer, reason: 'reviewOpened' })).ok);
  assert.ok((await states.move({ identifierId: id, to: 'confirmed', actor: reviewer, reason: 'reviewersConfirmed' })).ok);
}

interface ApiNotice {
  id: string;
  operatorId: string;
  identifier: { value: string };
  answer: string | null;
}

for (const database of databases.all) {
  test(`the notices API lists an operator's own notices as JSON and CSV and answers only its own [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    await confirmSenderId(platform, 'sid-1', 'PRIZE-WIN');
    const { token } = await createTokenIssuer(platform, 'notices');
    const op1 = await token('OP-DEMO-1', ['scams:notices']);
    const op2 = await token('OP-DEMO-2', ['scams:notices']);
    const bank = await token('', ['scams:list']);
    const get = (url: string, bearer: string, accept = 'application/json') =>
      app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}`, accept } });

    const listed = await get('/api/v1/scams/notices', op1);
    assert.equal(listed.statusCode, 200);
    const mine = listed.json<{ notices: ApiNotice[] }>().notices;
    assert.deepEqual(
      mine.map((n) => [n.operatorId, n.identifier.value, n.answer]),
      [['OP-DEMO-1', 'PRIZE-WIN', null]],
    );
    for (const csv of [await get('/api/v1/scams/notices?format=csv', op1), await get('/api/v1/scams/notices', op1, 'text/csv')]) {
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      const lines = csv.body.split('\r\n');
      assert.equal(lines[0], 'id,identifier_kind,identifier_value,notice,role,sent_at,due_at,overdue,answer,answer_note,answered_at');
      assert.match(lines[1] ?? '', new RegExp(`^${mine[0]!.id},senderId,PRIZE-WIN,block,terminating,[^,]+,[^,]+,no,,,$`));
    }
    assert.equal((await get('/api/v1/scams/notices', bank)).statusCode, 403, 'a bank token has no notices');

    const answer = (id: string, bearer: string, body: unknown) =>
      app.inject({ method: 'POST', url: `/api/v1/scams/notices/${id}/answer`, headers: { authorization: `Bearer ${bearer}` }, payload: body as object });
    assert.equal((await answer(mine[0]!.id, op2, { answer: 'blocked' })).statusCode, 404, "another operator's notice is not found");
    assert.equal((await answer('no-such-notice', op1, { answer: 'blocked' })).statusCode, 404);
    const refused = await answer(mine[0]!.id, op1, { answer: 'dispute' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Say why you dispute the notice/);
    assert.equal((await answer(mine[0]!.id, op1, { note: 'x' })).statusCode, 400, 'a body without an answer is refused by its schema');
    const answered = await answer(mine[0]!.id, op1, { answer: 'blocked', note: 'Barred on our SMS centre' });
    assert.equal(answered.statusCode, 200);
    assert.equal(answered.json<{ notice: ApiNotice }>().notice.answer, 'blocked');
    assert.equal((await answer(mine[0]!.id, op1, { answer: 'blocked' })).statusCode, 409);
  });

  test(`the list answers operators' and banks' tokens, signed over its exact bytes, with its key in public [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    await confirmSenderId(platform, 'sid-1', 'PRIZE-WIN');
    await confirmSenderId(platform, 'sid-2', 'LOAN-FAST');
    const { token } = await createTokenIssuer(platform, 'list');
    const bank = await token('', ['scams:list']);
    const operator = await token('OP-DEMO-2', ['scams:list', 'scams:notices']);
    const noticesOnly = await token('OP-DEMO-2', ['scams:notices']);
    const key = await app.inject({ method: 'GET', url: '/api/v1/scams/list/key' });
    assert.equal(key.statusCode, 200);
    const jwk = key.json<{ kty: string; crv: string; x: string; kid: string }>();
    const publicKey = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });

    for (const bearer of [bank, operator]) {
      const full = await app.inject({ method: 'GET', url: '/api/v1/scams/list', headers: { authorization: `Bearer ${bearer}` } });
      assert.equal(full.statusCode, 200);
      const body = full.json<{ version: number; entries: Array<{ value: string }> }>();
      assert.equal(body.version, 2);
      assert.deepEqual(body.entries.map((e) => e.value).sort(), ['LOAN-FAST', 'PRIZE-WIN']);
      const header = readSignatureHeader(String(full.headers['kinga-signature']));
      assert.ok(header);
      assert.equal(header.keyId, jwk.kid);
      const bytes = full.rawPayload;
      assert.equal(verify(null, bytes, publicKey, Buffer.from(header.signature, 'base64url')), true);
      const changed = Buffer.from(bytes);
      changed[10] = changed[10]! ^ 1;
      assert.equal(verify(null, changed, publicKey, Buffer.from(header.signature, 'base64url')), false);
    }
    const delta = await app.inject({ method: 'GET', url: '/api/v1/scams/list?since=1&format=csv', headers: { authorization: `Bearer ${bank}` } });
    assert.equal(delta.statusCode, 200);
    assert.match(delta.body, /^change,kind,value,confirmed_since\r\nadd,senderId,LOAN-FAST,[^\r]+\r\n$/);
    assert.equal(delta.headers['kinga-list-version'], '2');
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/scams/list?since=-1', headers: { authorization: `Bearer ${bank}` } })).statusCode, 400);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/scams/list?since=abc', headers: { authorization: `Bearer ${bank}` } })).statusCode, 400);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/scams/list', headers: { authorization: `Bearer ${noticesOnly}` } })).statusCode, 403);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/scams/list' })).statusCode, 401);
  });

  test(`the portal shows an operator's agent its own notices only and takes its answer; staff see all and the counts [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    await confirmSenderId(platform, 'sid-1', 'PRIZE-WIN');
    const agent = await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-DEMO-1' });
    const client = createWebClient(app);
    await signIn(client, platform, agent);
    const page = await client.get('/operator/scams/notices');
    assert.equal(page.statusCode, 200);
    const links = [...page.body.matchAll(/href="\/operator\/scams\/notices\/([^"]+)"/g)].map((m) => m[1]);
    assert.equal(links.length, 1);
    const all = await platform.db.kysely.selectFrom('scam_notices').select(['id', 'operator_id']).orderBy('operator_id').execute();
    assert.equal(links[0], all.find((n) => n.operator_id === 'OP-DEMO-1')?.id);
    const other = all.find((n) => n.operator_id === 'OP-DEMO-2')!;
    assert.equal((await client.get(`/operator/scams/notices/${other.id}`)).statusCode, 404);
    assert.equal((await client.post(`/operator/scams/notices/${other.id}`, { answer: 'blocked' })).statusCode, 404);

    await client.get(`/operator/scams/notices/${links[0]}`);
    const empty = await client.post(`/operator/scams/notices/${links[0]}`, {});
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Choose an answer/);
    const done = await client.post(`/operator/scams/notices/${links[0]}`, { answer: 'disconnected', note: '' });
    assert.equal(done.statusCode, 303);
    assert.match((await client.get(`/operator/scams/notices/${links[0]}`)).body, /Disconnected/);
    assert.equal((await client.get('/staff/scams/notices')).statusCode, 403, 'the staff view is for the regulator');

    // Six days on, the two notices left open are overdue (a new session: the agent's has ended).
    platform.clock.advance(6 * 86_400_000);
    const officer = await buildStaffAccount(platform, { role: 'officer' });
    const staff = createWebClient(app, '127.0.0.2');
    await signIn(staff, platform, officer);
    const everything = await staff.get('/operator/scams/notices');
    assert.equal([...everything.body.matchAll(/href="\/operator\/scams\/notices\/[^"?]+"/g)].length, 3);
    const filtered = await staff.get('/operator/scams/notices?operator=OP-DEMO-2');
    assert.equal([...filtered.body.matchAll(/href="\/operator\/scams\/notices\/[^"?]+"/g)].length, 1);
    const counts = await staff.get('/staff/scams/notices');
    assert.equal(counts.statusCode, 200);
    assert.match(counts.body, /2 notices are overdue/);
  });
}
