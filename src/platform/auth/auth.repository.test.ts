import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import type { Db } from '../db/index.ts';
import { createAuthRepository } from './auth.repository.ts';

const databases = openTestDatabases();
const T0 = '2026-12-01T09:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

async function insertUser(db: Db, id: string): Promise<void> {
  await insertUserWith(createAuthRepository(db.kysely), id);
}

for (const { dialect, fresh } of databases.all) {
  test(`counts failures in a window and locks at the limit [${dialect}]`, async () => {
    const repo = createAuthRepository((await fresh()).kysely);
    const fail = (minute: number) => repo.recordFailure('k', at(minute), at(minute - 15), 3, at(minute + 15));
    assert.equal((await fail(0)).failures, 1);
    assert.equal((await fail(1)).locked_until, null);
    const third = await fail(2);
    assert.equal(third.failures, 3);
    assert.equal(third.locked_until, at(17));
    const [row] = await repo.findThrottles(['k', 'other']);
    assert.equal(row?.locked_until, at(17));

    // A failure after the window starts a new count at one and lifts the old lock.
    const later = await fail(40);
    assert.equal(later.failures, 1);
    assert.equal(later.window_started_at, at(40));
    assert.equal(later.locked_until, null);
    await repo.clearThrottle('k');
    assert.deepEqual(await repo.findThrottles(['k']), []);
  });

  test(`stale counters are deleted, live ones and running locks kept [${dialect}]`, async () => {
    const repo = createAuthRepository((await fresh()).kysely);
    await repo.recordFailure('old', at(0), at(-15), 5, at(15));
    await repo.recordFailure('locked', at(0), at(-15), 1, at(60));
    await repo.recordFailure('recent', at(20), at(5), 5, at(35));
    assert.equal(await repo.deleteStaleThrottles(at(15), at(30)), 1);
    assert.deepEqual((await repo.findThrottles(['old', 'locked', 'recent'])).map((r) => r.key_hash).sort(), ['locked', 'recent']);
  });

  test(`concurrent failures are all counted [${dialect}]`, async () => {
    const repo = createAuthRepository((await fresh()).kysely);
    await Promise.all(Array.from({ length: 12 }, () => repo.recordFailure('k', at(0), at(-15), 100, at(15))));
    const [row] = await repo.findThrottles(['k']);
    assert.equal(row?.failures, 12);
  });

  test(`a TOTP step can be claimed once, and never an earlier one [${dialect}]`, async () => {
    const db = await fresh();
    await insertUser(db, 'u1');
    const repo = createAuthRepository(db.kysely);
    assert.equal(await repo.claimTotpStep('u1', 100), true);
    assert.equal(await repo.claimTotpStep('u1', 100), false);
    assert.equal(await repo.claimTotpStep('u1', 99), false);
    assert.equal(await repo.claimTotpStep('u1', 101), true);
    const claims = await Promise.all([repo.claimTotpStep('u1', 200), repo.claimTotpStep('u1', 200)]);
    assert.deepEqual(claims.sort(), [false, true]);
  });

  test(`booleans read back as truthy values on both dialects and deactivation happens once [${dialect}]`, async () => {
    const db = await fresh();
    await insertUser(db, 'u1');
    const repo = createAuthRepository(db.kysely);
    assert.equal(Boolean((await repo.findUserById('u1'))?.is_active), true);
    assert.equal(await repo.deactivateUser('u1', at(1)), true);
    assert.equal(await repo.deactivateUser('u1', at(2)), false);
    assert.equal(Boolean((await repo.findUserById('u1'))?.is_active), false);
  });

  test(`sessions are found by token hash, verified with a new hash, and purged when stale [${dialect}]`, async () => {
    const db = await fresh();
    await insertUser(db, 'u1');
    const repo = createAuthRepository(db.kysely);
    await repo.insertSession({ id: 's1', token_hash: 'h1', user_id: 'u1', is_mfa_verified: false, created_at: T0, last_seen_at: T0, expires_at: at(600) });
    await repo.insertSession({ id: 's2', token_hash: 'h2', user_id: 'u1', is_mfa_verified: false, created_at: T0, last_seen_at: at(50), expires_at: at(600) });
    assert.equal((await repo.findSessionByTokenHash('h1'))?.user.id, 'u1');
    await repo.verifySession('s1', 'h1-new', at(1), at(700));
    assert.equal(await repo.findSessionByTokenHash('h1'), undefined);
    const verified = await repo.findSessionByTokenHash('h1-new');
    assert.equal(Boolean(verified?.session.is_mfa_verified), true);
    assert.equal(verified?.session.last_seen_at, at(1));
    assert.equal(verified?.session.expires_at, at(700));
    assert.equal(await repo.deleteSessionsBefore(at(60), at(30)), 1, 'only the session idle since minute 1 goes');
    assert.ok(await repo.findSessionByTokenHash('h2'));
  });

  test(`a transaction rolls back every change when it fails [${dialect}]`, async () => {
    const db = await fresh();
    const repo = createAuthRepository(db.kysely);
    await assert.rejects(
      repo.inTransaction(async (tx) => {
        await insertUserWith(tx, 'u9');
        throw new Error('stop');
      }),
      /stop/,
    );
    assert.equal(await repo.findUserById('u9'), undefined);
  });
}

async function insertUserWith(repo: ReturnType<typeof createAuthRepository>, id: string): Promise<void> {
  await repo.insertUser({
    id,
    email_hash: `hash-${id}`,
    email_enc: 'sealed',
    display_name_enc: 'sealed',
    role: 'officer',
    operator_id: null,
    organisation: null,
    password_hash: 'x',
    totp_secret_enc: null,
    totp_confirmed_at: null,
    totp_last_step: null,
    is_active: true,
    created_at: T0,
    updated_at: T0,
    last_login_at: null,
    is_password_temporary: false,
  });
}
