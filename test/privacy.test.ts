import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { backupSqlite, openDatabase, restoreSqlite } from '../src/platform/db/index.ts';
import { allMigrations, closePlatform } from '../src/platform/create.ts';
import { createAuthServiceFor } from '../src/platform/auth/index.ts';
import { loadKeyMaterial } from '../src/platform/crypto/index.ts';
import { createMailer, enqueueEmail } from '../src/platform/notify/index.ts';
import { buildApp } from '../src/app.ts';
import { modules } from '../src/modules/index.ts';
import { openTestDatabases } from './helpers/db.ts';
import { addOperators } from './helpers/operators.ts';
import { createTestPlatform } from './helpers/platform.ts';
import { buildStaffAccount } from './helpers/staff.ts';
import { createTempDir } from './helpers/temp-dir.ts';

const databases = openTestDatabases(allMigrations(modules));

test('the database file holds no plaintext e-mail address, name or phone number', async () => {
  const dir = createTempDir('privacy');
  const file = join(dir, 'kinga.db');
  const db = await openDatabase({ dialect: 'sqlite', file });
  const platform = await createTestPlatform(db);
  const auth = createAuthServiceFor(platform, { passwordHash: { memoryCost: 1024, timeCost: 1 } });

  const email = 'wanjiku.otieno@example.org';
  const name = 'Wanjiku Otieno';
  const phone = '+254712345678';
  const created = await auth.createAdministrator({ email, displayName: name, password: 'a long enough passphrase' });
  assert.ok(created.ok, 'the administrator is created');
  await enqueueEmail(platform.jobs, platform.db.kysely, { to: email, subject: `Call ${phone}`, text: `Dear ${name}, we will call ${phone}.` });

  // Everything SQLite keeps on disk: the main file and the write-ahead log.
  await closePlatform(platform);
  const bytes = [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f));
  assert.ok(bytes[0] && bytes[0].length > 0);
  for (const content of bytes) {
    for (const secret of [email, name, phone, 'wanjiku', '712345678']) {
      assert.equal(content.includes(Buffer.from(secret)), false, `found "${secret}" in the database file`);
      assert.equal(content.includes(Buffer.from(secret, 'utf16le')), false, `found "${secret}" (UTF-16) in the database file`);
    }
  }
});

/** The permission bits of a file or folder. */
const modeOf = (path: string) => statSync(path).mode & 0o777;

test('the SQLite database, its -wal and -shm, the data folder and backups are readable by their owner only', async () => {
  const dir = join(createTempDir('privacy'), 'data');
  const file = join(dir, 'kinga.db');
  const db = await openDatabase({ dialect: 'sqlite', file });
  const platform = await createTestPlatform(db);
  await enqueueEmail(platform.jobs, platform.db.kysely, { to: 'someone@example.org', subject: 'Code', text: 'Your code is 123456.' });
  assert.equal(modeOf(dir), 0o700, 'the data folder');
  for (const path of [file, `${file}-wal`, `${file}-shm`]) assert.equal(modeOf(path), 0o600, path);

  const backup = join(dir, 'backup.db');
  await backupSqlite(file, backup);
  assert.equal(modeOf(backup), 0o600, 'the backup');
  await closePlatform(platform);

  // A database created by an earlier version, readable by every local account, is closed up when opened.
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o644);
  const reopened = await openDatabase({ dialect: 'sqlite', file });
  for (const path of [file, `${file}-wal`, `${file}-shm`]) assert.equal(modeOf(path), 0o600, `${path} after reopening`);
  await reopened.destroy();

  chmodSync(file, 0o644);
  const restored = restoreSqlite(file, backup, Object.keys(allMigrations([])));
  assert.equal(modeOf(restored.file), 0o600, 'the restored database');
  assert.ok(restored.previous);
  assert.equal(modeOf(restored.previous), 0o600, 'the database kept from before the restore');
});

test('the key file and the e-mail outbox are created readable by their owner only', async () => {
  const dir = join(createTempDir('privacy'), 'fresh-data');
  const keyFile = join(dir, 'keys', 'keys.json');
  loadKeyMaterial(undefined, keyFile, true);
  assert.equal(modeOf(keyFile), 0o600);
  assert.equal(modeOf(join(dir, 'keys')), 0o700);
  const outbox = join(dir, 'outbox');
  const mailer = createMailer({ url: undefined, from: 'Kinga <no-reply@localhost>', outboxDir: outbox, logger: pino({ level: 'silent' }) });
  await mailer.send({ to: 'someone@example.org', subject: 'Code', text: 'Your code is 123456.' });
  assert.equal(modeOf(outbox), 0o700);
  for (const name of readdirSync(outbox)) assert.equal(modeOf(join(outbox, name)), 0o600, name);
});

test('every answer to an authenticated API request may not be stored, the operator complaint API included', async () => {
  for (const database of databases.all) {
    const platform = await createTestPlatform(await database.fresh(), { modules });
    const app = await buildApp(platform, modules);
    const admin = await buildStaffAccount(platform, { role: 'admin' });
    await addOperators(platform, ['OP-DEMO-1']);
    const created = await createAuthServiceFor(platform).createToken(
      { kind: 'system' },
      { name: 'Operator', operatorId: 'OP-DEMO-1', permissions: ['complaints:read'], expiresInDays: '', createdBy: admin.id },
    );
    assert.ok(created.ok);
    const authorization = `Bearer ${created.value.plaintext}`;

    const cases = await app.inject({ url: '/api/v1/operator/complaints', headers: { authorization } });
    assert.equal(cases.statusCode, 200, cases.body);
    assert.equal(cases.headers['cache-control'], 'no-store', `[${database.dialect}] the operator's cases`);
    const publicWithToken = await app.inject({ url: '/api/v1/jurisdiction', headers: { authorization } });
    assert.equal(publicWithToken.headers['cache-control'], 'no-store', 'a public route asked with a token is not stored either');
    const anonymous = await app.inject({ url: '/api/v1/jurisdiction' });
    assert.match(String(anonymous.headers['cache-control']), /^public/, 'a public route asked anonymously stays cacheable');
    const refusal = await app.inject({ url: '/api/v1/operator/complaints/XX-0000', headers: { authorization } });
    assert.equal(refusal.headers['cache-control'], 'no-store', 'an error answered to a token');
    await app.close();
  }
});
