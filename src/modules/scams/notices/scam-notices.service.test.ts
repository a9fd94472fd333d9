import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { readSignatureHeader } from '../../../platform/crypto/signing.ts';
import type { Actor } from '../../../platform/audit/index.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createScamsTestApp, SCAMS_TEST_MODULES } from '../testing/scams-platform.ts';
import { scamsCoreOf } from '../scams.wiring.ts';
import { createScamIdentifierRepository } from '../reputation/scam-identifier.repository.ts';
import { scamListOf, scamNoticesOf } from './notices.wiring.ts';
import { SEALED } from '../shared/sealed-contexts.ts';

const databases = openTestDatabases(allMigrations(SCAMS_TEST_MODULES));
const reviewer: Actor = { type: 'user', id: 'reviewer-1' };
const DAY = 86_400_000;

/** Stores an identifier (sealed as the module seals it) and one report of it from each of `reporters`. */
async function storeReportedIdentifier(
  platform: Platform,
  input: { id: string; kind: string; value: string; operatorId: string | null; reporters: readonly string[] },
): Promise<void> {
  const at = new Date(Date.now()).toISOString();
  await createScamIdentifierRepository(platform.db.kysely).findOrCreate({
    id: input.id,
    kind: input.kind,
    valueHash: `hash-${input.id}`,
    valueEnc: platform.keyring.encrypt(input.value, SEALED.identifierValue),
    isProtected: false,
    isInternationalised: false,
    operatorId: input.operatorId,
    at,
  });
  let n = 0;
  for (const reporter of input.reporters) {
    n += 1;
    const reportId = `${input.id}-r${n}`;
    const reporterHash = platform.keyring.hash(reporter, 'scam_reports.reporter');
    await platform.db.kysely
      .insertInto('scam_reports')
      .values({
        id: reportId,
        reference: `SC-${input.id}-${n}`,
        identifier_id: input.id,
        campaign_id: null,
        reporter_hash: reporterHash,
        reporter_enc: platform.keyring.encrypt(reporter, SEALED.reporterNumber),
        channel: 'web',
        medium: 'sms',
        category: 'delivery',
        occurred_at: at,
        filed_at: at,
        is_late: false,
        has_harm: false,
        text_enc: null,
        contact_enc: null,
        contact_kind: null,
        language: 'en',
        outcome_sent_at: null,
        raw_deleted_at: null,
      })
      .execute();
    await platform.db.kysely
      .insertInto('scam_report_targets')
      .values({
        report_id: reportId,
        identifier_id: input.id,
        role: 'sender',
        url_enc: null,
        reporter_hash: reporterHash,
        filed_at: at,
        occurred_at: at,
        is_late: false,
      })
      .execute();
  }
}

/** Moves a reported identifier through review to confirmed. */
async function confirm(platform: Platform, identifierId: string): Promise<void> {
  const { states } = scamsCoreOf(platform);
  assert.equal((await states.move({ identifierId, to: 'under_review', actor: reviewer, reason: 'reviewOpened' })).ok, true);
  assert.equal((await states.move({ identifierId, to: 'confirmed', actor: reviewer, reason: 'reviewersConfirmed' })).ok, true);
}

for (const database of databases.all) {
  test(`confirmation sends block notices to the originating and the reporters operators, clearing sends unblock notices, each audited [${database.dialect}]`, async () => {
    const { platform } = await createScamsTestApp(database);
    // A reporter on OP-DEMO-1's range ported to OP-DEMO-3.
    await platform.db.kysely
      .insertInto('sms_ported_numbers')
      .values({ number_hash: platform.sms.hashNumber('+254700000003'), route: 'op-demo-3', updated_at: platform.clock.now().toISOString() })
      .execute();
    await storeReportedIdentifier(platform, {
      id: 'num-1',
      kind: 'number',
      value: '+254711000001',
      operatorId: 'OP-DEMO-1',
      reporters: ['+254730000002', '+254700000003', '+254700000004', '+254730000005'],
    });
    await confirm(platform, 'num-1');
    const sentAt = platform.clock.now().toISOString();
    const notices = scamNoticesOf(platform);
    const staff = { actor: reviewer, operatorId: null, isStaff: true } as const;
    const all = await notices.list(staff);
    assert.deepEqual(all.map((n) => [n.operatorId, n.kind, n.role, n.identifier.value, n.dueAt]).sort(), [
      ['OP-DEMO-1', 'block', 'originating', '+254711000001', new Date(Date.parse(sentAt) + 5 * DAY).toISOString()],
      ['OP-DEMO-2', 'block', 'terminating', '+254711000001', new Date(Date.parse(sentAt) + 5 * DAY).toISOString()],
      ['OP-DEMO-3', 'block', 'terminating', '+254711000001', new Date(Date.parse(sentAt) + 5 * DAY).toISOString()],
    ]);
    const audit = await platform.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_type', '=', 'scam_notice')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor_id]),
      [
        ['scams.notice.block', 'reviewer-1'],
        ['scams.notice.block', 'reviewer-1'],
        ['scams.notice.block', 'reviewer-1'],
      ],
    );

    // An operator sees only its own; another's notice is not found to it.
    const op2 = { actor: { type: 'token', id: 'token-2' } as Actor, operatorId: 'OP-DEMO-2' };
    const mine = await notices.list(op2, { operatorId: 'OP-DEMO-1' });
    assert.deepEqual(
      mine.map((n) => n.operatorId),
      ['OP-DEMO-2'],
    );
    const theirs = all.find((n) => n.operatorId === 'OP-DEMO-1')!;
    assert.deepEqual(await notices.answer(op2, theirs.id, { answer: 'blocked' }), { ok: false, problem: 'notFound' });
    assert.equal(await notices.find(op2, theirs.id), undefined);
    assert.deepEqual(await notices.answer(op2, mine[0]!.id, { answer: 'dispute' }), {
      ok: false,
      problem: 'invalid',
      field: 'note',
      messageKey: 'scams.notices.problem.disputeNote',
    });
    assert.deepEqual(await notices.answer(op2, mine[0]!.id, { answer: 'maybe' }), {
      ok: false,
      problem: 'invalid',
      field: 'answer',
      messageKey: 'scams.notices.problem.answerMissing',
    });
    const answered = await notices.answer(op2, mine[0]!.id, { answer: 'blocked', note: ' done ' });
    assert.ok(answered.ok);
    assert.equal(answered.notice.answer, 'blocked');
    assert.equal(answered.notice.answerNote, 'done');
    assert.equal(answered.notice.isOverdue, false);
    assert.deepEqual(await notices.answer(op2, mine[0]!.id, { answer: 'disconnected' }), { ok: false, problem: 'alreadyAnswered' });

    // Six days on: OP-DEMO-1 and OP-DEMO-3 are overdue; OP-DEMO-3 answering now answers late.
    platform.clock.advance(6 * DAY);
    const op3Notice = all.find((n) => n.operatorId === 'OP-DEMO-3')!;
    assert.ok((await notices.answer({ actor: reviewer, operatorId: 'OP-DEMO-3' }, op3Notice.id, { answer: 'notOurNumber' })).ok);
    assert.deepEqual(
      (await notices.counts()).map((c) => [c.operatorId, c.open, c.answered, c.overdueOpen, c.answeredLate, c.overdue]),
      [
        ['OP-DEMO-1', 1, 0, 1, 0, 1],
        ['OP-DEMO-3', 0, 1, 0, 1, 1],
        ['OP-DEMO-2', 0, 1, 0, 0, 0],
      ],
    );

    // The appeal keeps it listed; its success clears it and unblocks at every operator that blocked.
    const { states } = scamsCoreOf(platform);
    assert.ok((await states.move({ identifierId: 'num-1', to: 'appealed', actor: { type: 'system', id: null }, reason: 'appealFiled' })).ok);
    assert.ok((await states.move({ identifierId: 'num-1', to: 'cleared', actor: reviewer, reason: 'appealOverturned' })).ok);
    const unblocks = (await notices.list(staff)).filter((n) => n.kind === 'unblock');
    assert.deepEqual(unblocks.map((n) => [n.operatorId, n.role]).sort(), [
      ['OP-DEMO-1', 'originating'],
      ['OP-DEMO-2', 'terminating'],
      ['OP-DEMO-3', 'terminating'],
    ]);
  });

  test(`a sender id is noticed to every operator; the list takes a version per move into or out of it, full and delta, signed [${database.dialect}]`, async () => {
    const { platform } = await createScamsTestApp(database);
    await storeReportedIdentifier(platform, { id: 'num-1', kind: 'number', value: '+254711000001', operatorId: 'OP-DEMO-1', reporters: [] });
    await storeReportedIdentifier(platform, { id: 'sid-1', kind: 'senderId', value: 'PRIZE-WIN', operatorId: null, reporters: ['+254730000002'] });
    const list = scamListOf(platform);
    assert.deepEqual(await list.read(), { version: 0, publishedAt: null, since: null, entries: [] });
    await confirm(platform, 'num-1');
    const confirmedAt = platform.clock.now().toISOString();
    platform.clock.advance(1000);
    await confirm(platform, 'sid-1');
    const sidAt = platform.clock.now().toISOString();
    const sidNotices = (await scamNoticesOf(platform).list({ actor: reviewer, operatorId: null, isStaff: true })).filter(
      (n) => n.identifier.kind === 'senderId',
    );
    assert.deepEqual(sidNotices.map((n) => [n.operatorId, n.role]).sort(), [
      ['OP-DEMO-1', 'terminating'],
      ['OP-DEMO-2', 'terminating'],
      ['OP-DEMO-3', 'terminating'],
    ]);
    const { states } = scamsCoreOf(platform);
    platform.clock.advance(1000);
    assert.ok((await states.move({ identifierId: 'num-1', to: 'cleared', actor: reviewer, reason: 'staffCleared' })).ok);

    const versions = await platform.db.kysely.selectFrom('scam_list_versions').select(['version', 'entries']).orderBy('version').execute();
    assert.deepEqual(
      versions.map((v) => [v.version, v.entries]),
      [
        [1, 1],
        [2, 2],
        [3, 1],
      ],
    );
    assert.deepEqual(await list.read(), {
      version: 3,
      publishedAt: platform.clock.now().toISOString(),
      since: null,
      entries: [{ change: 'add', kind: 'senderId', value: 'PRIZE-WIN', confirmedSince: sidAt }],
    });
    assert.deepEqual((await list.read(1)).entries, [
      { change: 'add', kind: 'senderId', value: 'PRIZE-WIN', confirmedSince: sidAt },
      { change: 'remove', kind: 'number', value: '+254711000001', confirmedSince: null },
    ]);
    assert.deepEqual((await list.read(3)).entries, []);
    assert.equal((await list.read(99)).since, 3, 'a version from the future is read as the current one');
    assert.notEqual(confirmedAt, sidAt);

    for (const format of ['json', 'csv'] as const) {
      const signed = await list.signed(format, 1);
      const header = readSignatureHeader(signed.signature);
      assert.ok(header);
      const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: list.publicKey().x }, format: 'jwk' });
      const bytes = Buffer.from(signed.body, 'utf8');
      assert.equal(verify(null, bytes, key, Buffer.from(header.signature, 'base64url')), true);
      bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 1;
      assert.equal(verify(null, bytes, key, Buffer.from(header.signature, 'base64url')), false, 'a changed byte fails');
    }
    assert.equal((await list.signed('csv')).body, `change,kind,value,confirmed_since\r\nadd,senderId,PRIZE-WIN,${sidAt}\r\n`);
  });
}

const postgres = databases.all.find((d) => d.dialect === 'postgres');
if (postgres)
  test('two confirmations at once on PostgreSQL take versions 1 and 2, each with its own change', async () => {
    const { platform } = await createScamsTestApp(postgres);
    for (const id of ['a', 'b']) {
      await storeReportedIdentifier(platform, { id, kind: 'senderId', value: `SENDER-${id}`, operatorId: null, reporters: [] });
      assert.ok((await scamsCoreOf(platform).states.move({ identifierId: id, to: 'under_review', actor: reviewer, reason: 'reviewOpened' })).ok);
    }
    const { states } = scamsCoreOf(platform);
    const results = await Promise.all(
      ['a', 'b'].map((id) => states.move({ identifierId: id, to: 'confirmed', actor: reviewer, reason: 'reviewersConfirmed' })),
    );
    assert.deepEqual(
      results.map((r) => r.ok),
      [true, true],
    );
    const versions = await platform.db.kysely.selectFrom('scam_list_versions').select(['version', 'entries']).orderBy('version').execute();
    assert.deepEqual(
      versions.map((v) => [v.version, v.entries]),
      [
        [1, 1],
        [2, 2],
      ],
    );
    const changes = await platform.db.kysely.selectFrom('scam_list_changes').select(['version', 'identifier_id']).orderBy('version').execute();
    assert.deepEqual(changes.map((c) => c.identifier_id).sort(), ['a', 'b']);
    assert.deepEqual((await scamListOf(platform).read()).entries.map((e) => e.value).sort(), ['SENDER-a', 'SENDER-b']);
  });
