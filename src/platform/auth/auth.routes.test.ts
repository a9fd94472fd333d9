import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from '@sinclair/typebox';
import { buildApp } from '../../app.ts';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { addOperators, OPERATOR_REGISTER_MODULES, operatorRegisterMigrations } from '../../../test/helpers/operators.ts';
import { createTestPlatform } from '../../../test/helpers/platform.ts';
import { buildStaffAccount, codeFor, createWebClient, signIn, type WebClient } from '../../../test/helpers/staff.ts';
import type { KingaModule } from '../module.ts';
import type { Platform } from '../platform.ts';
import { requireToken, tokenOf } from './index.ts';
import { sha256 } from './credential.ts';
import { totpCode } from './totp.ts';

const databases = openTestDatabases(operatorRegisterMigrations());
/** The operators of the register the tests tie tokens and agents to. */
const OPERATORS = ['OP-1', 'OP-2', 'OP-RIVAL', 'OP-TEST-1'];
const MINUTE = 60_000;
const GENERIC = 'The e-mail address, password or code is not right.';

/** A module with one API route, to see tokens at work the way business modules will use them. */
const probe: KingaModule = {
  name: 'probe',
  staffLinks: [
    {
      href: '/staff/probe-cases',
      labelKey: 'staff.users.title',
      descriptionKey: 'staff.dashboard.usersLink',
      roles: ['officer', 'operator_agent'],
      // What waits behind the link, for the one who looks: an agent sees their operator's count.
      async figures(_platform, staff) {
        return [
          { messageKey: 'staff.users.caption', count: staff.operatorId === null ? 7 : 2 },
          { messageKey: 'staff.tokens.caption', count: 1, isAlert: true },
        ];
      },
    },
    {
      href: '/staff/probe-broken',
      labelKey: 'staff.tokens.title',
      descriptionKey: 'staff.dashboard.usersLink',
      roles: ['officer'],
      async figures() {
        throw new Error('the figures table is gone');
      },
    },
  ],
  routes(app) {
    app.get(
      '/api/probe/offers',
      {
        preHandler: requireToken('offers:write'),
        schema: { response: { 200: Type.Object({ tokenId: Type.String(), operatorId: Type.Union([Type.String(), Type.Null()]) }) } },
      },
      async (request) => {
        const token = tokenOf(request);
        return { tokenId: token.tokenId, operatorId: token.operatorId };
      },
    );
  },
};

async function start(fresh: () => ReturnType<(typeof databases.all)[number]['fresh']>, env: Record<string, string> = {}) {
  const db = await fresh();
  const platform = await createTestPlatform(db, { modules: OPERATOR_REGISTER_MODULES, env: { RATE_LIMIT_WRITES_PER_MINUTE: '100000', ...env } });
  await addOperators(platform, OPERATORS);
  const app = await buildApp(platform, [probe]);
  return { platform, app, clock: platform.clock };
}

async function auditActions(platform: Platform): Promise<string[]> {
  const rows = await platform.db.kysely.selectFrom('audit_log').select('action').orderBy('seq').execute();
  return rows.map((r) => r.action);
}

function extract(html: string, id: string): string {
  const match = new RegExp(`<code id="${id}"[^>]*>([^<]+)</code>`).exec(html);
  assert.ok(match?.[1], `the page shows #${id}`);
  return match[1];
}

async function bearer(app: Awaited<ReturnType<typeof start>>['app'], token: string | null, remoteAddress = '127.0.0.1') {
  return app.inject({ method: 'GET', url: '/api/probe/offers', remoteAddress, headers: token === null ? {} : { authorization: `Bearer ${token}` } });
}

async function createToken(client: WebClient, fields: Record<string, string | string[]>): Promise<string> {
  await client.get('/staff/tokens');
  const response = await client.post('/staff/tokens', fields);
  assert.equal(response.statusCode, 200, response.body);
  return extract(response.body, 'api-token');
}

for (const { dialect, fresh } of databases.all) {
  test(`signs in with password and TOTP through the pages and shows the dashboard [${dialect}]`, async () => {
    const { platform, app } = await start(fresh);
    const admin = await buildStaffAccount(platform, { role: 'admin' });
    const client = createWebClient(app);

    const form = await client.get('/staff/sign-in');
    assert.equal(form.statusCode, 200);
    assert.equal(form.body.match(/<h1/g)?.length, 1);
    assert.match(form.body, /autocomplete="username"/);
    assert.match(form.body, /autocomplete="current-password"/);
    assert.match(form.body, /<label for="field-email">/);

    const afterPassword = await client.post('/staff/sign-in', { email: admin.email.toUpperCase(), password: admin.password });
    assert.equal(afterPassword.statusCode, 303);
    assert.equal(afterPassword.headers.location, '/staff/sign-in/code');
    const cookie = afterPassword.cookies.find((c) => c.name === 'kinga_session');
    assert.ok(cookie);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.secure, true);
    assert.equal(cookie.path, '/');
    const pendingToken = cookie.value;

    const codePage = await client.get('/staff/sign-in/code');
    assert.equal(codePage.statusCode, 200);
    assert.match(codePage.body, /autocomplete="one-time-code"/);
    const signedIn = await client.post('/staff/sign-in/code', { code: codeFor(platform, admin.totpSecret) });
    assert.equal(signedIn.statusCode, 303);
    assert.equal(signedIn.headers.location, '/staff');
    assert.notEqual(client.cookies.get('kinga_session'), pendingToken, 'the session token is replaced after the second factor');

    const dashboard = await client.get('/staff');
    assert.equal(dashboard.statusCode, 200);
    assert.match(dashboard.body, /Regulator administrator/);
    assert.match(dashboard.body, /href="\/staff\/users"/);
    assert.match(dashboard.body, /href="\/staff\/tokens"/);

    const sessions = await platform.db.kysely.selectFrom('sessions').selectAll().execute();
    assert.equal(sessions.length, 1);
    assert.equal(sessions[0]?.token_hash, sha256(client.cookies.get('kinga_session') ?? ''));
    assert.equal(Boolean(sessions[0]?.is_mfa_verified), true);
    assert.deepEqual(await auditActions(platform), ['user.created', 'user.signed_in']);

    const signOut = await client.post('/staff/sign-out');
    assert.equal(signOut.statusCode, 303);
    assert.equal(client.cookies.has('kinga_session'), false);
    assert.equal((await client.get('/staff')).headers.location, '/staff/sign-in');
    assert.deepEqual(await auditActions(platform), ['user.created', 'user.signed_in', 'user.signed_out']);
    await app.close();
  });

  test(`a wrong password, an unknown e-mail or a wrong code get the same generic refusal [${dialect}]`, async () => {
    const { platform, app } = await start(fresh);
    const admin = await buildStaffAccount(platform);
    const client = createWebClient(app);
    await client.get('/staff/sign-in');

    const wrongPassword = await client.post('/staff/sign-in', { email: admin.email, password: 'not the password at all' });
    assert.equal(wrongPassword.statusCode, 401);
    assert.ok(wrongPassword.body.includes(GENERIC));
    assert.match(wrongPassword.body, /class="error-summary"/);
    assert.ok(wrongPassword.body.includes(`value="${admin.email}"`), 'the e-mail address is kept');
    assert.ok(!wrongPassword.body.includes('not the password at all'), 'the password is never sent back');

    const unknown = await client.post('/staff/sign-in', { email: 'nobody@test.kinga.example', password: admin.password });
    assert.equal(unknown.statusCode, 401);
    assert.ok(unknown.body.includes(GENERIC));

    const empty = await client.post('/staff/sign-in', { email: '', password: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /href="#field-email"/);
    assert.match(empty.body, /href="#field-password"/);

    await client.post('/staff/sign-in', { email: admin.email, password: admin.password });
    const right = codeFor(platform, admin.totpSecret);
    const wrongCode = await client.post('/staff/sign-in/code', { code: right === '000000' ? '111111' : '000000' });
    assert.equal(wrongCode.statusCode, 401);
    assert.ok(wrongCode.body.includes(GENERIC));
    assert.equal((await client.get('/staff')).headers.location, '/staff/sign-in/code', 'still waiting for the code');
    await app.close();
  });

  test(`locks an account at an address, and an address, after too many failures, for a while [${dialect}]`, async () => {
    const { platform, app, clock } = await start(fresh, { LOGIN_MAX_ATTEMPTS: '3', LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '3', LOGIN_LOCK_MINUTES: '15' });
    const admin = await buildStaffAccount(platform);
    const attacker = createWebClient(app, '10.0.0.1');
    await attacker.get('/staff/sign-in');
    assert.equal((await attacker.post('/staff/sign-in', { email: admin.email, password: 'wrong password 1' })).statusCode, 401);
    assert.equal((await attacker.post('/staff/sign-in', { email: admin.email, password: 'wrong password 2' })).statusCode, 401);
    const third = await attacker.post('/staff/sign-in', { email: admin.email, password: 'wrong password 3' });
    assert.equal(third.statusCode, 429);
    assert.ok(third.body.includes(GENERIC));
    assert.equal(third.headers['retry-after'], String(15 * 60));

    // Wrong passwords from outside lock the account at the attacker's address only: the owner, from
    // another address, still signs in, so nobody can lock every officer out from the internet.
    const owner = createWebClient(app, '10.0.0.2');
    await owner.get('/staff/sign-in');
    const ownerSignIn = await owner.post('/staff/sign-in', { email: admin.email, password: admin.password });
    assert.equal(ownerSignIn.statusCode, 303);
    assert.equal(ownerSignIn.headers.location, '/staff/sign-in/code');
    // Even after failing at many addresses, each with fewer tries than the address limit.
    for (let a = 0; a < 4; a += 1) {
      const elsewhere = createWebClient(app, `10.0.2.${a}`);
      await elsewhere.get('/staff/sign-in');
      for (let i = 0; i < 3; i += 1) await elsewhere.post('/staff/sign-in', { email: admin.email, password: `wrong password ${a}-${i}` });
    }
    const ownerAgain = createWebClient(app, '10.0.0.2');
    await ownerAgain.get('/staff/sign-in');
    assert.equal((await ownerAgain.post('/staff/sign-in', { email: admin.email, password: admin.password })).statusCode, 303);

    // The locked address is refused for any account, and an account that does not exist locks the same way.
    const other = await buildStaffAccount(platform);
    assert.equal((await attacker.post('/staff/sign-in', { email: other.email, password: other.password })).statusCode, 429);
    const prober = createWebClient(app, '10.0.0.3');
    await prober.get('/staff/sign-in');
    for (let i = 0; i < 2; i += 1)
      assert.equal((await prober.post('/staff/sign-in', { email: 'ghost@test.kinga.example', password: `guess number ${i}` })).statusCode, 401);
    assert.equal((await prober.post('/staff/sign-in', { email: 'ghost@test.kinga.example', password: 'guess number 3' })).statusCode, 429);

    clock.advance(15 * MINUTE + 1000);
    const later = await attacker.post('/staff/sign-in', { email: admin.email, password: admin.password });
    assert.equal(later.statusCode, 303, 'the lock of the address ends');
    assert.equal(later.headers.location, '/staff/sign-in/code');
    await app.close();
  });

  test(`a wrong code, which only the password opens, still locks the account everywhere [${dialect}]`, async () => {
    const { platform, app } = await start(fresh, { LOGIN_MAX_ATTEMPTS: '2' });
    const admin = await buildStaffAccount(platform);
    const holder = createWebClient(app, '10.0.3.1');
    await holder.get('/staff/sign-in');
    await holder.post('/staff/sign-in', { email: admin.email, password: admin.password });
    const right = codeFor(platform, admin.totpSecret);
    const wrong = right === '000000' ? '111111' : '000000';
    await holder.post('/staff/sign-in/code', { code: wrong });
    assert.equal((await holder.post('/staff/sign-in/code', { code: wrong })).statusCode, 429);
    const owner = createWebClient(app, '10.0.3.2');
    await owner.get('/staff/sign-in');
    assert.equal(
      (await owner.post('/staff/sign-in', { email: admin.email, password: admin.password })).statusCode,
      429,
      'whoever typed those codes holds the password',
    );
    await app.close();
  });

  test(`the current password on the password page counts failures like sign-in and ends the session at the limit [${dialect}]`, async () => {
    const { platform, app } = await start(fresh, { LOGIN_MAX_ATTEMPTS: '3', LOGIN_LOCK_MINUTES: '15' });
    const admin = await buildStaffAccount(platform);
    const client = createWebClient(app, '10.0.4.1');
    await signIn(client, platform, admin);
    await client.get('/staff/password');
    const attempt = (current: string) =>
      client.post('/staff/password', { currentPassword: current, newPassword: 'a brand new passphrase here', confirmation: 'a brand new passphrase here' });
    assert.equal((await attempt('wrong guess one')).statusCode, 422);
    assert.equal((await attempt('wrong guess two')).statusCode, 422);
    const locked = await attempt('wrong guess three');
    assert.equal(locked.statusCode, 429);
    assert.equal(locked.headers['retry-after'], String(15 * 60));
    assert.equal(client.cookies.has('kinga_session'), false, 'the session ends');
    assert.equal((await client.get('/staff')).headers.location, '/staff/sign-in');
    // The lock is the one sign-in uses: the same account at the same address cannot sign in again for a while.
    await client.get('/staff/sign-in');
    assert.equal((await client.post('/staff/sign-in', { email: admin.email, password: admin.password })).statusCode, 429);
    const actions = (await auditActions(platform)).filter((a) => a.startsWith('user.password'));
    assert.deepEqual(actions, ['user.password_check_locked']);
    await app.close();
  });

  test(`too many wrong codes end the half-open session and lock the account [${dialect}]`, async () => {
    const { platform, app } = await start(fresh, { LOGIN_MAX_ATTEMPTS: '2' });
    const admin = await buildStaffAccount(platform);
    const client = createWebClient(app, '10.0.1.1');
    await client.get('/staff/sign-in');
    await client.post('/staff/sign-in', { email: admin.email, password: admin.password });
    const right = codeFor(platform, admin.totpSecret);
    const wrong = right === '000000' ? '111111' : '000000';
    assert.equal((await client.post('/staff/sign-in/code', { code: wrong })).statusCode, 401);
    const locked = await client.post('/staff/sign-in/code', { code: wrong });
    assert.equal(locked.statusCode, 429);
    assert.equal(client.cookies.has('kinga_session'), false);
    assert.equal((await platform.db.kysely.selectFrom('sessions').selectAll().execute()).length, 0);
    await app.close();
  });

  test(`refuses a code whose time step was already used [${dialect}]`, async () => {
    const { platform, app, clock } = await start(fresh);
    const admin = await buildStaffAccount(platform);
    const client = createWebClient(app);
    assert.equal((await signIn(client, platform, admin)).statusCode, 303);
    await client.post('/staff/sign-out');

    await client.get('/staff/sign-in');
    await client.post('/staff/sign-in', { email: admin.email, password: admin.password });
    const replay = await client.post('/staff/sign-in/code', { code: codeFor(platform, admin.totpSecret) });
    assert.equal(replay.statusCode, 401);
    assert.ok(replay.body.includes(GENERIC));

    clock.advance(30_000);
    const fresh30 = await client.post('/staff/sign-in/code', { code: codeFor(platform, admin.totpSecret) });
    assert.equal(fresh30.statusCode, 303);
    assert.equal(fresh30.headers.location, '/staff');
    await app.close();
  });

  test(`a session ends after the idle timeout and after its maximum age [${dialect}]`, async () => {
    const { platform, app, clock } = await start(fresh, { SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '1' });
    const admin = await buildStaffAccount(platform);
    const client = createWebClient(app);
    await signIn(client, platform, admin);

    clock.advance(29 * MINUTE);
    assert.equal((await client.get('/staff')).statusCode, 200);
    clock.advance(29 * MINUTE);
    assert.equal((await client.get('/staff')).statusCode, 200, 'activity keeps the session alive');
    clock.advance(31 * MINUTE);
    const idle = await client.get('/staff');
    assert.equal(idle.statusCode, 303);
    assert.equal(idle.headers.location, '/staff/sign-in');
    assert.equal((await platform.db.kysely.selectFrom('sessions').selectAll().execute()).length, 0, 'the expired session is deleted');

    const busy = createWebClient(app);
    await signIn(busy, platform, { ...admin });
    for (let i = 0; i < 2; i += 1) {
      clock.advance(25 * MINUTE);
      assert.equal((await busy.get('/staff')).statusCode, 200);
    }
    clock.advance(11 * MINUTE);
    assert.equal((await busy.get('/staff')).headers.location, '/staff/sign-in', 'no session outlives SESSION_MAX_HOURS');
    await app.close();
  });

  test(`a session without its second factor reaches only the code pages [${dialect}]`, async () => {
    const { platform, app, clock } = await start(fresh);
    const admin = await buildStaffAccount(platform);
    const client = createWebClient(app);
    await client.get('/staff/sign-in');
    await client.post('/staff/sign-in', { email: admin.email, password: admin.password });
    for (const url of ['/staff', '/staff/users', '/staff/tokens', '/staff/password']) {
      const response = await client.get(url);
      assert.equal(response.statusCode, 303, url);
      assert.equal(response.headers.location, '/staff/sign-in/code', url);
    }
    const post = await client.post('/staff/users', { email: 'x@test.kinga.example', displayName: 'X', role: 'officer' });
    assert.equal(post.statusCode, 303);
    assert.equal((await platform.db.kysely.selectFrom('users').selectAll().execute()).length, 1);
    assert.equal((await client.get('/staff/sign-in/code')).statusCode, 200);
    clock.advance(11 * MINUTE);
    assert.equal((await client.get('/staff/sign-in/code')).headers.location, '/staff/sign-in', 'a half-open session lasts ten minutes');
    const anonymous = createWebClient(app);
    assert.equal((await anonymous.get('/staff')).headers.location, '/staff/sign-in');
    assert.equal((await anonymous.get('/staff/sign-in/code')).headers.location, '/staff/sign-in');
    await app.close();
  });

  test(`roles without the right get 403 and see no links to admin pages [${dialect}]`, async () => {
    const { platform, app } = await start(fresh);
    for (const role of ['officer', 'association_rep', 'operator_agent'] as const) {
      const staff = await buildStaffAccount(platform, { role });
      const client = createWebClient(app);
      await signIn(client, platform, staff);
      const dashboard = await client.get('/staff');
      assert.equal(dashboard.statusCode, 200);
      assert.doesNotMatch(dashboard.body, /href="\/staff\/users"/);
      const users = await client.get('/staff/users');
      assert.equal(users.statusCode, 403, role);
      assert.match(users.body, /Not allowed/);
      const create = await client.post('/staff/users', { email: 'new@test.kinga.example', displayName: 'New', role: 'admin' });
      assert.equal(create.statusCode, 403, role);
      if (role !== 'operator_agent') assert.equal((await client.get('/staff/tokens')).statusCode, 403, role);
    }
    await app.close();
  });

  test(`an administrator creates an account whose owner enrols an authenticator and replaces the temporary password [${dialect}]`, async () => {
    const { platform, app, clock } = await start(fresh);
    const admin = await buildStaffAccount(platform);
    const adminClient = createWebClient(app);
    await signIn(adminClient, platform, admin);

    await adminClient.get('/staff/users');
    const invalid = await adminClient.post('/staff/users', { email: 'not-an-address', displayName: '', role: '', operatorId: 'OP-1' });
    assert.equal(invalid.statusCode, 422);
    assert.match(invalid.body, /class="error-summary"/);
    assert.match(invalid.body, /href="#field-email"/);
    assert.match(invalid.body, /href="#field-displayName"/);
    assert.match(invalid.body, /href="#field-role"/);
    assert.ok(invalid.body.includes('value="not-an-address"'));

    const created = await adminClient.post('/staff/users', { email: 'Amina.Officer@Test.Kinga.Example', displayName: 'Amina Wanjiru', role: 'officer' });
    assert.equal(created.statusCode, 200, created.body);
    const temporaryPassword = extract(created.body, 'temporary-password');
    const duplicate = await adminClient.post('/staff/users', { email: 'amina.officer@test.kinga.example', displayName: 'Other', role: 'officer' });
    assert.equal(duplicate.statusCode, 422);

    const list = await adminClient.get('/staff/users');
    assert.ok(list.body.includes('amina.officer@test.kinga.example'), 'administrators see e-mail addresses');
    assert.ok(list.body.includes('Amina Wanjiru'));

    const rows = await platform.db.kysely.selectFrom('users').selectAll().execute();
    const stored = JSON.stringify(rows).toLowerCase();
    assert.ok(!stored.includes('@'), 'no e-mail address is stored in plain text');
    assert.ok(!stored.includes('amina'), 'no name is stored in plain text');
    assert.ok(!stored.includes(temporaryPassword));

    const amina = createWebClient(app, '10.0.2.1');
    await amina.get('/staff/sign-in');
    const step1 = await amina.post('/staff/sign-in', { email: 'amina.officer@test.kinga.example', password: temporaryPassword });
    assert.equal(step1.headers.location, '/staff/sign-in/setup-code');
    assert.equal((await amina.get('/staff/sign-in/code')).headers.location, '/staff/sign-in/setup-code');
    const setup = await amina.get('/staff/sign-in/setup-code');
    assert.equal(setup.statusCode, 200);
    const secret = extract(setup.body, 'totp-secret').replaceAll(' ', '');
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.match(extract(setup.body, 'totp-uri'), /^otpauth:\/\/totp\//);
    assert.doesNotMatch(setup.body, /<img/);
    const again = await amina.get('/staff/sign-in/setup-code');
    assert.equal(extract(again.body, 'totp-secret').replaceAll(' ', ''), secret, 'reloading shows the same secret');

    const badCode = await amina.post('/staff/sign-in/setup-code', { code: '12345' });
    assert.equal(badCode.statusCode, 422);
    const confirmed = await amina.post('/staff/sign-in/setup-code', { code: totpCode(secret, clock.now()) });
    assert.equal(confirmed.statusCode, 303);
    assert.equal(confirmed.headers.location, '/staff/password');
    assert.equal((await amina.get('/staff')).headers.location, '/staff/password', 'a temporary password must be replaced first');

    await amina.get('/staff/password');
    const tooShort = await amina.post('/staff/password', { currentPassword: temporaryPassword, newPassword: 'short', confirmation: 'short' });
    assert.equal(tooShort.statusCode, 422);
    assert.match(tooShort.body, /at least 12 characters/);
    const sameAsEmail = await amina.post('/staff/password', {
      currentPassword: temporaryPassword,
      newPassword: 'amina.officer@test.kinga.example',
      confirmation: 'amina.officer@test.kinga.example',
    });
    assert.equal(sameAsEmail.statusCode, 422);
    const changed = await amina.post('/staff/password', {
      currentPassword: temporaryPassword,
      newPassword: 'a long and private phrase',
      confirmation: 'a long and private phrase',
    });
    assert.equal(changed.statusCode, 303);
    const dashboard = await amina.get(String(changed.headers.location));
    assert.equal(dashboard.statusCode, 200);
    assert.match(dashboard.body, /Regulator officer/);

    const actions = await auditActions(platform);
    for (const action of ['user.created', 'user.mfa_enrolled', 'user.signed_in', 'user.password_changed']) assert.ok(actions.includes(action), action);
    const details = await platform.db.kysely.selectFrom('audit_log').select('details').execute();
    assert.ok(!JSON.stringify(details).toLowerCase().includes('amina'), 'the audit log holds no personal data');
    assert.equal((await platform.audit.verify(platform.db.kysely)).isIntact, true);
    await app.close();
  });

  test(`a disabled account is signed out and refused with the generic message [${dialect}]`, async () => {
    const { platform, app } = await start(fresh);
    const admin = await buildStaffAccount(platform);
    const officer = await buildStaffAccount(platform, { role: 'officer' });
    const adminClient = createWebClient(app);
    const officerClient = createWebClient(app, '10.0.3.1');
    await signIn(adminClient, platform, admin);
    await signIn(officerClient, platform, officer);
    assert.equal((await officerClient.get('/staff')).statusCode, 200);

    await adminClient.get('/staff/users');
    const disabled = await adminClient.post(`/staff/users/${officer.id}/disable`);
    assert.equal(disabled.statusCode, 303);
    assert.equal((await officerClient.get('/staff')).headers.location, '/staff/sign-in');
    await officerClient.get('/staff/sign-in');
    const refused = await officerClient.post('/staff/sign-in', { email: officer.email, password: officer.password });
    assert.equal(refused.statusCode, 401);
    assert.ok(refused.body.includes(GENERIC));
    const self = await adminClient.post(`/staff/users/${admin.id}/disable`);
    assert.equal(self.statusCode, 409);
    assert.ok((await auditActions(platform)).includes('user.disabled'));
    await app.close();
  });

  test(`a form post without the anti-forgery token is refused [${dialect}]`, async () => {
    const { platform, app } = await start(fresh);
    const admin = await buildStaffAccount(platform);
    const client = createWebClient(app);
    await client.get('/staff/sign-in');
    const response = await client.post('/staff/sign-in', { email: admin.email, password: admin.password, _csrf: 'forged' });
    assert.equal(response.statusCode, 403);
    assert.equal(client.cookies.has('kinga_session'), false);
    await app.close();
  });

  test(`API tokens authenticate, are stored hashed, and are refused when revoked, expired or unknown [${dialect}]`, async () => {
    const { platform, app, clock } = await start(fresh);
    const admin = await buildStaffAccount(platform);
    const client = createWebClient(app);
    await signIn(client, platform, admin);

    const token = await createToken(client, { name: 'Nightly offers', operatorId: 'OP-1', permissions: ['offers:write'], expiresInDays: '30' });
    assert.match(token, /^kinga_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    const readOnly = await createToken(client, { name: 'Open data', operatorId: '', permissions: 'open-data:read', expiresInDays: '' });

    const ok = await bearer(app, token);
    assert.equal(ok.statusCode, 200, ok.body);
    const rows = await platform.db.kysely.selectFrom('api_tokens').selectAll().execute();
    const row = rows.find((r) => r.operator_id === 'OP-1');
    assert.ok(row);
    assert.deepEqual(ok.json(), { tokenId: row.id, operatorId: 'OP-1' });
    assert.equal(row.token_hash, sha256(token));
    const secret = token.split('_').slice(2).join('_');
    assert.ok(!JSON.stringify(rows).includes(secret), 'the token itself is never stored');
    assert.ok((await platform.db.kysely.selectFrom('api_tokens').select('last_used_at').where('id', '=', row.id).executeTakeFirstOrThrow()).last_used_at);

    const missing = await bearer(app, null);
    assert.equal(missing.statusCode, 401);
    assert.match(String(missing.headers['content-type']), /application\/problem\+json/);
    assert.equal(missing.headers['www-authenticate'], 'Bearer');
    assert.equal(missing.json().title, 'TOKEN_REQUIRED');

    const forbidden = await bearer(app, readOnly);
    assert.equal(forbidden.statusCode, 403);
    assert.match(String(forbidden.headers['content-type']), /application\/problem\+json/);

    const unknown = await bearer(app, `kinga_00000000_${'A'.repeat(43)}`);
    assert.equal(unknown.statusCode, 401);
    assert.equal(unknown.json().title, 'TOKEN_REFUSED');
    assert.equal((await bearer(app, 'garbage')).statusCode, 401);

    const list = await client.get('/staff/tokens');
    assert.ok(list.body.includes('Nightly offers'));
    assert.ok(!list.body.includes(secret), 'the list never shows a token again');
    const revoked = await client.post(`/staff/tokens/${row.id}/revoke`);
    assert.equal(revoked.statusCode, 303);
    const afterRevoke = await bearer(app, token);
    assert.equal(afterRevoke.statusCode, 401);
    assert.equal(afterRevoke.json().title, 'TOKEN_REFUSED');

    const shortLived = await createToken(client, { name: 'Short', operatorId: 'OP-2', permissions: ['offers:write'], expiresInDays: '1' });
    assert.equal((await bearer(app, shortLived)).statusCode, 200);
    clock.advance(24 * 60 * MINUTE);
    assert.equal((await bearer(app, shortLived)).statusCode, 401, 'an expired token is refused');

    const actions = await auditActions(platform);
    assert.equal(actions.filter((a) => a === 'api_token.created').length, 3);
    assert.equal(actions.filter((a) => a === 'api_token.revoked').length, 1);
    await app.close();
  });

  test(`an address shared by many people gets more tries than one account [${dialect}]`, async () => {
    const { platform, app } = await start(fresh, { LOGIN_MAX_ATTEMPTS: '2', LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '7' });
    const office = createWebClient(app, '10.0.3.1');
    await office.get('/staff/sign-in');
    const colleagues = [await buildStaffAccount(platform), await buildStaffAccount(platform), await buildStaffAccount(platform)];
    for (const colleague of colleagues) {
      assert.equal((await office.post('/staff/sign-in', { email: colleague.email, password: 'mistyped password' })).statusCode, 401);
    }
    for (const colleague of colleagues.slice(0, 2)) {
      const right = await office.post('/staff/sign-in', { email: colleague.email, password: colleague.password });
      assert.equal(right.statusCode, 303, 'six failures from one address do not lock it out');
      await office.post('/staff/sign-out', {});
    }
    const fourth = await buildStaffAccount(platform);
    for (let i = 0; i < 4; i += 1) await office.post('/staff/sign-in', { email: `nobody${i}@test.kinga.example`, password: 'guessing away' });
    const locked = await office.post('/staff/sign-in', { email: fourth.email, password: fourth.password });
    assert.equal(locked.statusCode, 429, 'the address is locked once it reaches its own limit');
    await app.close();
  });

  test(`refused API tokens are throttled per address [${dialect}]`, async () => {
    const { platform, app } = await start(fresh, { LOGIN_MAX_ATTEMPTS: '3', LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '3' });
    const admin = await buildStaffAccount(platform);
    const client = createWebClient(app);
    await signIn(client, platform, admin);
    const token = await createToken(client, { name: 'Upload', operatorId: 'OP-1', permissions: ['offers:write'] });
    const bad = `kinga_00000000_${'B'.repeat(43)}`;
    assert.equal((await bearer(app, bad, '10.0.4.1')).statusCode, 401);
    assert.equal((await bearer(app, bad, '10.0.4.1')).statusCode, 401);
    const locked = await bearer(app, bad, '10.0.4.1');
    assert.equal(locked.statusCode, 429);
    assert.match(String(locked.headers['content-type']), /application\/problem\+json/);
    assert.equal((await bearer(app, token, '10.0.4.1')).statusCode, 429, 'even a good token waits on a locked address');
    assert.equal((await bearer(app, token, '10.0.4.2')).statusCode, 200);
    await app.close();
  });

  test(`the dashboard lists a module's staff pages to the roles that may open them, with what waits behind each [${dialect}]`, async () => {
    const { platform, app } = await start(fresh);
    const officer = await buildStaffAccount(platform, { role: 'officer' });
    const admin = await buildStaffAccount(platform);
    const officerClient = createWebClient(app);
    await signIn(officerClient, platform, officer);
    const dashboard = await officerClient.get('/staff');
    assert.equal(dashboard.statusCode, 200);
    assert.match(dashboard.body, /href="\/staff\/probe-cases"/);
    assert.match(dashboard.body, /<li>7 accounts<\/li>/, "the link's figure, said in the page's language");
    assert.match(dashboard.body, /<li class="alert"><strong>Needs attention:<\/strong> 1 token<\/li>/, 'an alert says so in words');
    assert.match(dashboard.body, /href="\/staff\/probe-broken"/, 'a figure that cannot be read leaves its link');
    const adminClient = createWebClient(app);
    await signIn(adminClient, platform, admin);
    assert.doesNotMatch((await adminClient.get('/staff')).body, /probe-cases/);
    const agent = await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-TEST-1' });
    const agentClient = createWebClient(app);
    await signIn(agentClient, platform, agent);
    assert.match((await agentClient.get('/staff')).body, /<li>2 accounts<\/li>/, "an agent's figures are its operator's");
    await app.close();
  });

  test(`an operator agent issues tokens only for their own operator [${dialect}]`, async () => {
    const { platform, app } = await start(fresh);
    const admin = await buildStaffAccount(platform);
    const agent = await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-TEST-1' });
    const adminClient = createWebClient(app);
    await signIn(adminClient, platform, admin);
    await createToken(adminClient, { name: 'Rival upload', operatorId: 'OP-RIVAL', permissions: ['offers:write'] });
    const rivalId = (await platform.db.kysely.selectFrom('api_tokens').select('id').executeTakeFirstOrThrow()).id;

    const client = createWebClient(app, '10.0.5.1');
    await signIn(client, platform, agent);
    const page = await client.get('/staff/tokens');
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes('Rival upload'), 'an agent sees only their operator’s tokens');
    assert.ok(page.body.includes('OP-TEST-1'));

    const foreign = await client.post('/staff/tokens', { name: 'Sneaky', operatorId: 'OP-RIVAL', permissions: ['offers:write'] });
    assert.equal(foreign.statusCode, 422);
    assert.ok(foreign.body.includes('only for your own operator'));
    assert.ok(foreign.body.includes('value="Sneaky"'));
    assert.ok(foreign.body.includes('value="offers:write" checked'), 'the ticked permissions stay ticked');

    const own = await createToken(client, { name: 'Our upload', permissions: ['offers:write', 'complaints:respond'] });
    const response = await bearer(app, own);
    assert.equal(response.json().operatorId, 'OP-TEST-1');
    assert.equal((await client.post(`/staff/tokens/${rivalId}/revoke`)).statusCode, 404);
    await app.close();
  });

  test(`a token for an operator that is not in the register is refused, naming the field, in the page's language [${dialect}]`, async () => {
    // Issue 13 item 15 (class): /staff/users refuses such an operator; so does token creation.
    const { platform, app } = await start(fresh);
    const admin = await buildStaffAccount(platform);
    const client = createWebClient(app, '10.0.7.1');
    await signIn(client, platform, admin);
    await client.get('/staff/tokens');
    const unknown = await client.post('/staff/tokens', { name: 'Nowhere upload', operatorId: 'OP-NOWHERE', permissions: ['offers:write'] });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /<a href="#field-operatorId">There is no operator with this id in the register/);
    assert.match(unknown.body, /value="OP-NOWHERE"/, 'the typed id is kept');
    const french = await client.post('/staff/tokens?lang=fr', { name: 'Nowhere upload', operatorId: 'OP-NOWHERE', permissions: ['offers:write'] });
    assert.equal(french.statusCode, 422);
    assert.match(french.body, /<a href="#field-operatorId">Aucun opérateur du registre n’a cet identifiant/);
    assert.deepEqual(await platform.db.kysely.selectFrom('api_tokens').select('id').execute(), [], 'no token was issued');

    // An agent whose own operator left the register cannot issue a token tied to it either.
    const stray = await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-GONE' });
    const agent = createWebClient(app, '10.0.7.2');
    await signIn(agent, platform, stray);
    await agent.get('/staff/tokens');
    const own = await agent.post('/staff/tokens', { name: 'Our upload', permissions: ['offers:write'] });
    assert.equal(own.statusCode, 422);
    assert.match(own.body, /There is no operator with this id in the register/);
    assert.equal((await createToken(client, { name: 'Known upload', operatorId: 'OP-1', permissions: ['offers:write'] })).startsWith('kinga_'), true);
    await app.close();
  });

  test(`an operator agent gives its tokens only the permissions an operator's role holds [${dialect}]`, async () => {
    const { platform, app } = await start(fresh);
    const agent = await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-TEST-1' });
    const client = createWebClient(app, '10.0.6.1');
    await signIn(client, platform, agent);
    const page = await client.get('/staff/tokens');
    assert.ok(page.body.includes('value="complaints:respond"'), 'an operator permission is offered');
    for (const regulatorOnly of ['complaints:subscribers', 'quality:write', 'devices:check']) {
      assert.ok(!page.body.includes(`value="${regulatorOnly}"`), `${regulatorOnly} is not offered to an agent`);
      const refused = await client.post('/staff/tokens', { name: 'Too much', permissions: ['offers:write', regulatorOnly] });
      assert.equal(refused.statusCode, 422, regulatorOnly);
      assert.ok(refused.body.includes(`Your role cannot give a token the permission ${regulatorOnly}`), refused.body);
    }
    const rows = await platform.db.kysely.selectFrom('api_tokens').select('permissions').execute();
    assert.deepEqual(rows, [], 'no token was issued');
    await app.close();
  });
}
