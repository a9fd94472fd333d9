import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.ts';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../test/helpers/platform.ts';
import { createWebClient } from '../../../test/helpers/staff.ts';
import type { Platform } from '../platform.ts';
import { createAuthServiceFor, DEMO_TOTP_SECRET, seedDemoAccounts } from './index.ts';
import { totpCode } from './totp.ts';

const databases = openTestDatabases();
const fast = { passwordHash: { memoryCost: 1024, timeCost: 1 } };

async function auditRows(platform: Platform) {
  return platform.db.kysely.selectFrom('audit_log').selectAll().orderBy('seq').execute();
}

for (const { dialect, fresh } of databases.all) {
  test(`the demo creates one account per role once and prints how to sign in [${dialect}]`, async () => {
    const platform = await createTestPlatform(await fresh());
    const lines = await seedDemoAccounts(platform);
    const text = lines.join('\n');
    for (const email of ['admin@demo.kinga.example', 'officer@demo.kinga.example', 'operator@demo.kinga.example', 'association@demo.kinga.example']) {
      assert.ok(text.includes(email), email);
    }
    assert.ok(text.includes('password: demo-admin-password'));
    assert.ok(text.includes(`oathtool --totp -b ${DEMO_TOTP_SECRET}`));
    assert.ok(text.includes('/staff/sign-in'));

    const accounts = await createAuthServiceFor(platform, fast).listAccounts({ kind: 'system' });
    assert.deepEqual(accounts.map((a) => a.role).sort(), ['admin', 'association_rep', 'editor', 'officer', 'operator_agent']);
    assert.equal(accounts.find((a) => a.role === 'operator_agent')?.operatorId, 'OP-DEMO-1');
    assert.equal(accounts.find((a) => a.role === 'association_rep')?.organisation, 'Demo Consumers Union');
    assert.ok(accounts.every((a) => a.hasMfa && a.isActive && !a.isPasswordTemporary));

    await seedDemoAccounts(platform);
    assert.equal((await platform.db.kysely.selectFrom('users').selectAll().execute()).length, 5, 'seeding twice adds nothing');
    const created = (await auditRows(platform)).filter((r) => r.action === 'user.created');
    assert.equal(created.length, 5);
    assert.equal(created[0]?.actor_type, 'system');
  });

  test(`a demo account signs in with its published password and TOTP secret [${dialect}]`, async () => {
    const platform = await createTestPlatform(await fresh(), { env: { RATE_LIMIT_WRITES_PER_MINUTE: '10000' } });
    await seedDemoAccounts(platform);
    const app = await buildApp(platform, []);
    const client = createWebClient(app);
    await client.get('/staff/sign-in');
    const afterPassword = await client.post('/staff/sign-in', { email: 'operator@demo.kinga.example', password: 'demo-operator-password' });
    assert.equal(afterPassword.headers.location, '/staff/sign-in/code');
    await client.get('/staff/sign-in/code');
    const signedIn = await client.post('/staff/sign-in/code', { code: totpCode(DEMO_TOTP_SECRET, platform.clock.now()) });
    assert.equal(signedIn.headers.location, '/staff');
    const dashboard = await client.get('/staff');
    assert.match(dashboard.body, /Operator agent/);
    assert.match(dashboard.body, /OP-DEMO-1/);
    await app.close();
  });

  test(`no demo accounts exist outside a demo jurisdiction [${dialect}]`, async () => {
    const platform = await createTestPlatform(await fresh());
    const real = { ...platform, config: { ...platform.config, jurisdiction: { ...platform.config.jurisdiction, isDemo: false } } };
    assert.deepEqual(await seedDemoAccounts(real), []);
    assert.equal((await platform.db.kysely.selectFrom('users').selectAll().execute()).length, 0);
  });

  test(`with KINGA_CLOCK set, codes follow real time while stored instants follow the fixed clock [${dialect}]`, async () => {
    const platform = await createTestPlatform(await fresh(), { env: { KINGA_CLOCK: '2026-12-23T10:00:00Z', RATE_LIMIT_WRITES_PER_MINUTE: '10000' } });
    platform.clock.set('2026-12-23T10:00:00Z');
    await seedDemoAccounts(platform);
    const app = await buildApp(platform, []);
    const client = createWebClient(app);
    await client.get('/staff/sign-in');
    await client.post('/staff/sign-in', { email: 'admin@demo.kinga.example', password: 'demo-admin-password' });
    await client.get('/staff/sign-in/code');
    const signedIn = await client.post('/staff/sign-in/code', { code: totpCode(DEMO_TOTP_SECRET, new Date()) });
    assert.equal(signedIn.headers.location, '/staff');
    const user = await platform.db.kysely.selectFrom('users').select('last_login_at').where('role', '=', 'admin').executeTakeFirstOrThrow();
    assert.equal(user.last_login_at, '2026-12-23T10:00:00.000Z');
    await app.close();
  });

  test(`the command-line administrator gets a generated temporary password unless one is given [${dialect}]`, async () => {
    const platform = await createTestPlatform(await fresh());
    const service = createAuthServiceFor(platform, fast);
    const generated = await service.createAdministrator({ email: 'root@example.org', displayName: 'Root' });
    assert.ok(generated.ok);
    assert.equal(generated.value.isGenerated, true);
    assert.equal(generated.value.account.isPasswordTemporary, true);
    assert.equal(generated.value.account.role, 'admin');

    const chosen = await service.createAdministrator({ email: 'second@example.org', displayName: 'Second', password: 'a long chosen password' });
    assert.ok(chosen.ok);
    assert.equal(chosen.value.account.isPasswordTemporary, false);

    const duplicate = await service.createAdministrator({ email: ' ROOT@example.org ', displayName: 'Again', password: 'a long chosen password' });
    assert.deepEqual(duplicate, { ok: false, issues: [{ field: 'email', messageKey: 'staff.users.emailTaken' }] });
    const short = await service.createAdministrator({ email: 'third@example.org', displayName: 'Third', password: 'short' });
    assert.equal(short.ok, false);

    const rows = await auditRows(platform);
    assert.deepEqual(
      rows.map((r) => [r.action, r.actor_type]),
      [
        ['user.created', 'system'],
        ['user.created', 'system'],
      ],
    );
    assert.ok(!JSON.stringify(rows).includes('example.org'));
  });

  test(`the server command issues tokens in the name of an existing account only [${dialect}]`, async () => {
    const platform = await createTestPlatform(await fresh());
    const service = createAuthServiceFor(platform, fast);
    const admin = await service.createAdministrator({ email: 'root@example.org', displayName: 'Root' });
    assert.ok(admin.ok);
    const unknown = await service.createToken(
      { kind: 'system' },
      { name: 'Upload', operatorId: '', permissions: ['offers:write'], expiresInDays: '', createdBy: 'nobody' },
    );
    assert.equal(unknown.ok, false);
    const badPermission = await service.createToken(
      { kind: 'system' },
      { name: 'Upload', operatorId: '', permissions: ['root:all'], expiresInDays: '', createdBy: admin.value.account.id },
    );
    assert.equal(badPermission.ok, false);
    const ok = await service.createToken(
      { kind: 'system' },
      { name: 'Upload', operatorId: '', permissions: ['offers:write'], expiresInDays: '7', createdBy: admin.value.account.id },
    );
    assert.ok(ok.ok);
    assert.equal(ok.value.token.createdBy, admin.value.account.id);
    assert.equal(ok.value.token.expiresAt, new Date(platform.clock.now().getTime() + 7 * 86_400_000).toISOString());
    const check = await service.authenticateToken(ok.value.plaintext, '127.0.0.1');
    assert.equal(check.kind, 'valid');
  });

  test(`resetting the second factor ends sessions and makes the next sign-in enrol again [${dialect}]`, async () => {
    const platform = await createTestPlatform(await fresh());
    await seedDemoAccounts(platform);
    const service = createAuthServiceFor(platform, fast);
    const signIn = await service.submitPassword({ email: 'officer@demo.kinga.example', password: 'demo-officer-password', ip: '10.0.0.1' });
    assert.equal(signIn.kind, 'pending');
    assert.ok(signIn.kind === 'pending' && signIn.next === 'code');
    const officer = (await service.listAccounts({ kind: 'system' })).find((a) => a.role === 'officer');
    assert.ok(officer);
    await service.resetMfa({ kind: 'system' }, officer.id);
    assert.equal((await platform.db.kysely.selectFrom('sessions').selectAll().execute()).length, 0);
    const again = await service.submitPassword({ email: 'officer@demo.kinga.example', password: 'demo-officer-password', ip: '10.0.0.1' });
    assert.ok(again.kind === 'pending' && again.next === 'setup');
    assert.ok((await auditRows(platform)).some((r) => r.action === 'user.mfa_reset' && r.entity_id === officer.id));
  });
}
