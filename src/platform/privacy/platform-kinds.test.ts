import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../test/helpers/platform.ts';
import { buildStaffAccount } from '../../../test/helpers/staff.ts';
import type { Platform } from '../platform.ts';
import type { RecordKind } from './record-kinds.ts';

const databases = openTestDatabases();
const DAY = 86_400_000;
const NOW = '2026-12-01T09:00:00.000Z';
const CUTOFF = '2026-11-01T00:00:00.000Z';
const DUE = '2026-10-31T12:00:00.000Z';
const YOUNGER = '2026-11-01T12:00:00.000Z';

const kindOf = (platform: Platform, name: string): RecordKind => {
  const kind = platform.recordKinds.find((k) => k.name === name);
  assert.ok(kind, `${name} is declared`);
  return kind;
};
const runOf = (kind: RecordKind, options: { dryRun?: boolean; held?: string[] } = {}) =>
  kind.retention.run({
    rule: kind.defaultRule,
    cutoff: CUTOFF,
    now: NOW,
    dryRun: options.dryRun ?? false,
    heldIds: new Set(options.held ?? []),
  });

for (const database of databases.all) {
  const setup = async () => createTestPlatform(await database.fresh());

  test(`finished jobs: a job finished before the cutoff is deleted, a younger, a held and a pending one are kept [${database.dialect}]`, async () => {
    const platform = await setup();
    const row = (id: string, status: 'done' | 'failed' | 'pending', finished: string | null) => ({
      id,
      type: 'demo.work',
      payload_enc: 'sealed',
      status,
      attempts: 1,
      max_attempts: 3,
      run_at: DUE,
      created_at: DUE,
      finished_at: finished,
    });
    await platform.db.kysely
      .insertInto('jobs')
      .values([
        row('j-due', 'done', DUE),
        row('j-failed', 'failed', DUE),
        row('j-young', 'done', YOUNGER),
        row('j-held', 'done', DUE),
        row('j-pending', 'pending', null),
      ])
      .execute();
    const kind = kindOf(platform, 'platform.jobs');
    assert.deepEqual(kind.defaultRule, { period: 'P30D', trigger: 'closed', action: 'delete', legalBasis: 'legitimateInterests' });
    assert.equal(await runOf(kind, { dryRun: true, held: ['j-held'] }), 2, 'a dry run counts');
    assert.equal((await platform.db.kysely.selectFrom('jobs').select('id').execute()).length, 5, 'and changes nothing');
    assert.equal(await runOf(kind, { held: ['j-held'] }), 2);
    const left = await platform.db.kysely.selectFrom('jobs').select('id').orderBy('id').execute();
    assert.deepEqual(
      left.map((r) => r.id),
      ['j-held', 'j-pending', 'j-young'],
    );
    assert.equal(await runOf(kind, { held: ['j-held'] }), 0, 'a second run finds nothing');
  });

  test(`sessions: an idle or expired session is deleted, a recent one and a held one are kept [${database.dialect}]`, async () => {
    const platform = await setup();
    const staff = await buildStaffAccount(platform);
    const session = (id: string, lastSeen: string, expires: string) => ({
      id,
      token_hash: `hash-${id}`,
      user_id: staff.id,
      is_mfa_verified: true,
      created_at: lastSeen,
      last_seen_at: lastSeen,
      expires_at: expires,
    });
    const later = new Date(Date.parse(NOW) + DAY).toISOString();
    await platform.db.kysely
      .insertInto('sessions')
      .values([session('s-idle', DUE, later), session('s-expired', YOUNGER, DUE), session('s-young', YOUNGER, later), session('s-held', DUE, later)])
      .execute();
    const kind = kindOf(platform, 'platform.sessions');
    assert.equal(await runOf(kind, { dryRun: true, held: ['s-held'] }), 2);
    assert.equal(await runOf(kind, { held: ['s-held'] }), 2);
    const left = await platform.db.kysely.selectFrom('sessions').select('id').orderBy('id').execute();
    assert.deepEqual(
      left.map((r) => r.id),
      ['s-held', 's-young'],
    );
  });

  test(`send counters and sign-in failures: old windows go, running windows and locks stay [${database.dialect}]`, async () => {
    const platform = await setup();
    const running = new Date(Date.parse(NOW) - 5 * 60_000).toISOString();
    await platform.db.kysely
      .insertInto('send_counters')
      .values([
        { key_hash: 'c-due', sends: 2, window_started_at: DUE },
        { key_hash: 'c-young', sends: 1, window_started_at: YOUNGER },
        { key_hash: 'c-held', sends: 1, window_started_at: DUE },
      ])
      .execute();
    const counters = kindOf(platform, 'platform.sendCounters');
    assert.equal(await runOf(counters, { dryRun: true, held: ['c-held'] }), 1);
    assert.equal(await runOf(counters, { held: ['c-held'] }), 1);
    assert.deepEqual(
      (await platform.db.kysely.selectFrom('send_counters').select('key_hash').orderBy('key_hash').execute()).map((r) => r.key_hash),
      ['c-held', 'c-young'],
    );
    // A period shorter than the window never cuts a window that still limits sends.
    await platform.db.kysely.insertInto('send_counters').values({ key_hash: 'c-running', sends: 1, window_started_at: running }).execute();
    assert.equal(
      await counters.retention.run({ rule: counters.defaultRule, cutoff: NOW, now: NOW, dryRun: true, heldIds: new Set(['c-held']) }),
      1,
      'only the counter of November',
    );

    await platform.db.kysely
      .insertInto('login_throttle')
      .values([
        { key_hash: 't-due', failures: 3, window_started_at: DUE, locked_until: null },
        { key_hash: 't-locked', failures: 9, window_started_at: DUE, locked_until: new Date(Date.parse(NOW) + 60_000).toISOString() },
        { key_hash: 't-young', failures: 1, window_started_at: YOUNGER, locked_until: null },
      ])
      .execute();
    const failures = kindOf(platform, 'platform.signInFailures');
    assert.equal(await runOf(failures), 1, 'a lock still running is kept');
    assert.deepEqual(
      (await platform.db.kysely.selectFrom('login_throttle').select('key_hash').orderBy('key_hash').execute()).map((r) => r.key_hash),
      ['t-locked', 't-young'],
    );
  });

  test(`API tokens: a token revoked or expired before the cutoff is deleted, a live one is kept [${database.dialect}]`, async () => {
    const platform = await setup();
    const staff = await buildStaffAccount(platform);
    const token = (id: string, revoked: string | null, expires: string | null) => ({
      id,
      token_hash: `hash-${id}`,
      prefix: id,
      name: `Uploads of ${id}`,
      created_by: staff.id,
      permissions: '[]',
      created_at: '2026-01-01T00:00:00.000Z',
      expires_at: expires,
      revoked_at: revoked,
    });
    await platform.db.kysely
      .insertInto('api_tokens')
      .values([
        token('a-revoked', DUE, null),
        token('a-expired', null, DUE),
        token('a-young', YOUNGER, null),
        token('a-live', null, null),
        token('a-held', DUE, null),
      ])
      .execute();
    const kind = kindOf(platform, 'platform.apiTokens');
    assert.equal(await runOf(kind, { dryRun: true, held: ['a-held'] }), 2);
    assert.equal(await runOf(kind, { held: ['a-held'] }), 2);
    assert.deepEqual(
      (await platform.db.kysely.selectFrom('api_tokens').select('id').orderBy('id').execute()).map((r) => r.id),
      ['a-held', 'a-live', 'a-young'],
    );
  });

  test(`staff accounts: a disabled account past the rule is anonymised, an active, a younger and a held one are kept [${database.dialect}]`, async () => {
    const platform = await setup();
    const active = await buildStaffAccount(platform);
    const disabled = await buildStaffAccount(platform);
    const younger = await buildStaffAccount(platform);
    const held = await buildStaffAccount(platform);
    const set = (id: string, isActive: boolean, updated: string) =>
      platform.db.kysely.updateTable('users').set({ is_active: isActive, updated_at: updated }).where('id', '=', id).execute();
    await set(active.id, true, DUE);
    await set(disabled.id, false, DUE);
    await set(younger.id, false, YOUNGER);
    await set(held.id, false, DUE);
    const kind = kindOf(platform, 'platform.staffAccounts');
    assert.equal(await runOf(kind, { dryRun: true, held: [held.id] }), 1);
    assert.equal(await runOf(kind, { held: [held.id] }), 1);
    assert.equal(await runOf(kind, { held: [held.id] }), 0, 'an anonymised account is not counted again');
    const subject = kind.subject;
    assert.ok(subject);
    assert.deepEqual(await subject.find({ emails: [disabled.email], phones: [], deviceIds: [] }), [], 'the anonymised account cannot be found by its address');
    const row = await platform.db.kysely.selectFrom('users').selectAll().where('id', '=', disabled.id).executeTakeFirstOrThrow();
    assert.equal(platform.keyring.decrypt(row.email_enc, 'users.email'), '');
    assert.equal(platform.keyring.decrypt(row.display_name_enc, 'users.display_name'), '');
    assert.equal(row.password_hash, '');
    for (const kept of [active, younger, held]) assert.equal((await subject.find({ emails: [kept.email], phones: [], deviceIds: [] })).length, 1);
  });

  test(`staff accounts: find gives a member of staff their account by e-mail, erase keeps an active one and anonymises a disabled one [${database.dialect}]`, async () => {
    const platform = await setup();
    const amina = await buildStaffAccount(platform, { email: 'amina.staff@test.kinga.example', role: 'officer' });
    const other = await buildStaffAccount(platform);
    const kind = kindOf(platform, 'platform.staffAccounts');
    const subject = kind.subject;
    assert.ok(subject);
    const identity = { emails: ['Amina.Staff@test.kinga.example'], phones: [], deviceIds: [] };
    const found = await subject.find(identity);
    assert.equal(found.length, 1);
    assert.equal(found[0]?.id, amina.id);
    assert.equal(found[0]?.fields.email, 'amina.staff@test.kinga.example');
    assert.equal(found[0]?.fields.role, 'officer');
    assert.equal(found[0]?.fields.isActive, true);

    const now = new Date(Date.parse(NOW) + DAY).toISOString();
    assert.deepEqual(await subject.erase(identity, { now, heldIds: new Set() }), {
      outcomes: [{ id: amina.id, result: 'kept', reason: 'legalObligation' }],
      operatorIds: [],
    });
    await platform.db.kysely.updateTable('users').set({ is_active: false }).where('id', '=', amina.id).execute();
    assert.deepEqual(await subject.erase(identity, { now, heldIds: new Set([amina.id]) }), {
      outcomes: [{ id: amina.id, result: 'kept', reason: 'legalHold' }],
      operatorIds: [],
    });
    assert.deepEqual(await subject.erase(identity, { now, heldIds: new Set() }), { outcomes: [{ id: amina.id, result: 'anonymised' }], operatorIds: [] });
    assert.deepEqual(await subject.find(identity), [], 'nothing is findable after');
    assert.deepEqual(await subject.erase(identity, { now, heldIds: new Set() }), { outcomes: [], operatorIds: [] }, 'erasing again finds nothing');
    assert.equal((await subject.find({ emails: [other.email], phones: [], deviceIds: [] })).length, 1, 'another person is untouched');
  });
}
