import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../test/helpers/platform.ts';
import { allMigrations } from '../../platform/create.ts';
import { retentionCutoff } from '../../platform/privacy/retention-schedule.ts';
import type { RecordKind, RetentionRule, SubjectIdentity } from '../../platform/privacy/record-kinds.ts';
import { offersModule } from '../offers/index.ts';
import { complaintsModule, createComplaintServiceFor } from './index.ts';
import { createComplaintDraftServiceFor } from './complaints.wiring.ts';
import { ERASED } from './cases/complaint-case.ts';
import { SEEDED_OPERATOR, seedComplaintsPersonEverywhere } from './testing/complaint-person.ts';

const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));
const RULE: RetentionRule = { period: 'P5Y', trigger: 'closed', action: 'anonymise', legalBasis: 'publicTask' };
const DRAFT_RULE: RetentionRule = { period: 'P30D', trigger: 'lastActivity', action: 'delete', legalBasis: 'publicTask' };
const AMINA: SubjectIdentity = { emails: ['amina@example.org'], phones: ['+254700000001'], deviceIds: [] };
const BARAKA: SubjectIdentity = { emails: ['baraka@example.org'], phones: [], deviceIds: [] };
const CHEPTOO: SubjectIdentity = { emails: [], phones: ['+254700000003'], deviceIds: [] };
const ZONE = 'Africa/Nairobi';

/** A run of `rule` at `now`, with its cutoff in the demo profile's time zone. */
const runOf = (rule: RetentionRule, now: string, options: { held?: readonly string[]; dryRun?: boolean } = {}) => ({
  rule,
  cutoff: retentionCutoff(rule.period, new Date(now), ZONE),
  now,
  dryRun: options.dryRun ?? false,
  heldIds: new Set(options.held ?? []),
});

for (const database of databases.all) {
  async function setUp() {
    const platform = await createTestPlatform(await database.fresh(), { modules });
    platform.clock.set('2019-01-10T09:00:00.000Z');
    const kind = (name: string): RecordKind => {
      const found = platform.recordKinds.find((k) => k.name === name);
      assert.ok(found, `${name} is declared`);
      return found;
    };
    /** Closes cases at an instant, as the end of their handling by the operator would. */
    const close = async (caseIds: readonly string[], closedAt: string) => {
      await platform.db.kysely
        .updateTable('complaint_cases')
        .set({ closed_at: closedAt, referred_at: closedAt, stage: 'closed' })
        .where('id', 'in', caseIds)
        .execute();
    };
    const filingOf = (reference: string) =>
      platform.db.kysely.selectFrom('complaint_filings').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    const attachments = async () => (await platform.db.kysely.selectFrom('complaint_attachments').select('id').execute()).length;
    return { platform, kind, close, filingOf, attachments };
  }

  describe(`complaints' kinds of record (${database.dialect})`, () => {
    it('anonymises a complaint closed on 30 June 2019 on the run of 1 July 2024, not on the run of 30 June 2024, and never when held', async () => {
      const { platform, kind, close, filingOf, attachments } = await setUp();
      const complaints = kind('complaints.complaints');
      assert.deepEqual(complaints.defaultRule, RULE);
      const due = await seedComplaintsPersonEverywhere(platform, AMINA);
      const held = await seedComplaintsPersonEverywhere(platform, BARAKA);
      const younger = await seedComplaintsPersonEverywhere(platform, CHEPTOO);
      // Noon of 30 June 2019 in Nairobi; the younger one closed a day later.
      await close([...due.caseIds, ...held.caseIds], '2019-06-30T09:00:00.000Z');
      await close(younger.caseIds, '2019-07-01T09:00:00.000Z');
      const open = await seedComplaintsPersonEverywhere(platform, { emails: ['open@example.org'], phones: [], deviceIds: [] });

      assert.equal(await complaints.retention.run(runOf(RULE, '2024-06-30T03:00:00.000Z', { held: held.caseIds })), 0, 'kept through 30 June 2024');
      assert.equal(
        await complaints.retention.run(runOf(RULE, '2024-07-01T03:00:00.000Z', { held: held.caseIds, dryRun: true })),
        1,
        'a dry run counts the one due',
      );
      assert.equal((await filingOf(due.reference)).erased_at, null, 'a dry run changes nothing');
      assert.equal(await attachments(), 4);

      assert.equal(await complaints.retention.run(runOf(RULE, '2024-07-01T03:00:00.000Z', { held: held.caseIds })), 1);
      const anonymised = await filingOf(due.reference);
      assert.equal(anonymised.erased_at, '2024-07-01T03:00:00.000Z');
      assert.equal(anonymised.consumer_name_enc, ERASED);
      assert.equal(anonymised.consumer_phone_hash, null);
      assert.notEqual(anonymised.consumer_email_hash, platform.keyring.hash('amina@example.org', 'complaints.email'));
      const kept = await platform.db.kysely
        .selectFrom('complaint_cases')
        .select(['operator_id', 'category', 'description_enc'])
        .where('id', 'in', due.caseIds)
        .execute();
      assert.deepEqual(kept, [{ operator_id: SEEDED_OPERATOR, category: 'billing', description_enc: ERASED }], 'the facts stay for statistics');
      assert.equal(await attachments(), 3, 'its file is deleted');
      assert.equal((await filingOf(held.reference)).erased_at, null, 'a held complaint is untouched');
      assert.equal((await filingOf(younger.reference)).erased_at, null, 'one closed a day later waits a day more');
      assert.equal((await filingOf(open.reference)).erased_at, null, 'an open complaint is never due');
      assert.deepEqual(await complaints.subject!.find(AMINA), [], 'an anonymised complaint is no longer found by its hashes');
      assert.equal(await complaints.retention.run(runOf(RULE, '2024-07-01T03:00:00.000Z', { held: held.caseIds })), 0, 'a second run finds nothing new');
      assert.equal(await complaints.retention.run(runOf(RULE, '2024-07-02T03:00:00.000Z')), 2);
    });

    it("finds a person's complaints by address or number, decrypted with their file, and not another person's", async () => {
      const { platform, kind } = await setUp();
      const complaints = kind('complaints.complaints').subject!;
      const amina = await seedComplaintsPersonEverywhere(platform, AMINA);
      await seedComplaintsPersonEverywhere(platform, BARAKA);
      const texted = await seedComplaintsPersonEverywhere(platform, CHEPTOO);

      const found = await complaints.find(AMINA);
      assert.deepEqual(
        found.map((r) => r.id),
        amina.caseIds,
      );
      const [record] = found;
      assert.equal(record!.fields['filingReference'], amina.reference);
      assert.equal(record!.fields['name'], 'Nia Seeded');
      assert.equal(record!.fields['email'], 'amina@example.org');
      assert.equal(record!.fields['phone'], '+254700000001');
      assert.equal(record!.fields['description'], 'My bundle was charged twice in one month.');
      assert.equal(record!.fields['operatorId'], SEEDED_OPERATOR);
      assert.deepEqual(
        record!.files?.map((f) => [f.name, f.mediaType, Buffer.from(f.bytes).toString()]),
        [['bill.pdf', 'application/pdf', '%PDF-1.4\n']],
      );
      assert.deepEqual(
        (await complaints.find({ emails: [], phones: ['+254700000001'], deviceIds: [] })).map((r) => r.id),
        amina.caseIds,
        'found by the mobile number alone',
      );
      assert.deepEqual(
        (await complaints.find(CHEPTOO)).map((r) => r.id),
        texted.caseIds,
      );
      assert.deepEqual(await complaints.find({ emails: ['nobody@example.org'], phones: [], deviceIds: [] }), []);
    });

    it('erases a closed complaint, keeps an open one (openCase) and a held one (legalHold), names the served operator, and is idempotent', async () => {
      const { platform, kind, close, filingOf } = await setUp();
      const complaints = kind('complaints.complaints').subject!;
      const closed = await seedComplaintsPersonEverywhere(platform, AMINA);
      const open = await seedComplaintsPersonEverywhere(platform, AMINA);
      const held = await seedComplaintsPersonEverywhere(platform, AMINA);
      const other = await seedComplaintsPersonEverywhere(platform, BARAKA);
      await close([...closed.caseIds, ...held.caseIds, ...other.caseIds], '2020-03-01T09:00:00.000Z');
      const now = '2026-12-01T09:00:00.000Z';

      const erased = await complaints.erase(AMINA, { now, heldIds: new Set(held.caseIds) });
      assert.deepEqual(erased.operatorIds, [SEEDED_OPERATOR]);
      const byId = new Map(erased.outcomes.map((o) => [o.id, o]));
      assert.deepEqual(byId.get(closed.caseIds[0]!), { id: closed.caseIds[0], result: 'anonymised' });
      assert.deepEqual(byId.get(open.caseIds[0]!), { id: open.caseIds[0], result: 'kept', reason: 'openCase' });
      assert.deepEqual(byId.get(held.caseIds[0]!), { id: held.caseIds[0], result: 'kept', reason: 'legalHold' });
      assert.equal(erased.outcomes.length, 3);
      assert.equal((await filingOf(closed.reference)).erased_at, now);
      assert.equal((await filingOf(other.reference)).erased_at, null, "another person's complaint is untouched");

      assert.deepEqual(
        (await complaints.find(AMINA)).map((r) => r.id).sort(),
        [...open.caseIds, ...held.caseIds].sort(),
        'only what it said it kept is still found',
      );
      const again = await complaints.erase(AMINA, { now, heldIds: new Set(held.caseIds) });
      assert.deepEqual(
        again.outcomes.map((o) => o.result),
        ['kept', 'kept'],
      );
      assert.deepEqual(again.operatorIds, []);
    });

    it('deletes a draft 30 days after its last change with its files, not a day sooner, and never when held', async () => {
      const { platform, kind } = await setUp();
      const drafts = kind('complaints.drafts');
      assert.deepEqual(drafts.defaultRule, DRAFT_RULE);
      const service = createComplaintDraftServiceFor(platform, createComplaintServiceFor(platform).consumer);
      platform.clock.set('2026-11-01T09:00:00.000Z');
      const { draft: old } = await service.start();
      await service.saveAnswers(old, { name: 'Zawadi Secret', description: 'A private story.' });
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
      await service.addAttachment(old, { filename: 'photo.png', contentType: 'image/png', data: png, isTooLarge: false });
      const { draft: heldDraft } = await service.start();
      platform.clock.set('2026-11-02T09:00:00.000Z');
      const { draft: younger } = await service.start();
      const ids = async () => (await platform.db.kysely.selectFrom('complaint_drafts').select('id').orderBy('id').execute()).map((r) => r.id);

      // Changed on 1 November: kept through 1 December, due on the run of 2 December.
      assert.equal(await drafts.retention.run(runOf(DRAFT_RULE, '2026-12-01T20:00:00.000Z', { held: [heldDraft.id] })), 0);
      assert.equal(await drafts.retention.run(runOf(DRAFT_RULE, '2026-12-02T01:00:00.000Z', { held: [heldDraft.id], dryRun: true })), 1);
      assert.equal((await ids()).length, 3, 'a dry run deletes nothing');
      assert.equal(await drafts.retention.run(runOf(DRAFT_RULE, '2026-12-02T01:00:00.000Z', { held: [heldDraft.id] })), 1);
      assert.deepEqual(await ids(), [heldDraft.id, younger.id].sort());
      assert.equal((await platform.db.kysely.selectFrom('complaint_draft_attachments').select('id').execute()).length, 0, 'its file went with it');
    });

    it('deletes one-time codes a day after they stopped working and follow sessions an hour after, never when held, counting in a dry run', async () => {
      const { platform, kind } = await setUp();
      const codes = kind('complaints.accessCodes');
      const sessions = kind('complaints.followSessions');
      assert.deepEqual(codes.defaultRule, { period: 'P1D', trigger: 'lastActivity', action: 'delete', legalBasis: 'publicTask' });
      assert.deepEqual(sessions.defaultRule, { period: 'PT1H', trigger: 'lastActivity', action: 'delete', legalBasis: 'publicTask' });
      const code = (id: string, expiresAt: string) => ({
        id,
        purpose: 'follow' as const,
        subject_hash: `subject-${id}`,
        code_hash: `code-${id}`,
        attempts: 0,
        created_at: expiresAt,
        expires_at: expiresAt,
      });
      // Ended on 1 and 2 December, Nairobi time; one held.
      await platform.db.kysely
        .insertInto('complaint_access_codes')
        .values([code('c1', '2026-12-01T09:00:00.000Z'), code('c2', '2026-12-01T10:00:00.000Z'), code('c3', '2026-12-02T09:00:00.000Z')])
        .execute();
      const session = (id: string, expiresAt: string) => ({
        id,
        token_hash: `token-${id}`,
        subject_hash: `subject-${id}`,
        reference: 'C-7K3M9Q2PXW4R',
        is_verified: true,
        created_at: expiresAt,
        expires_at: expiresAt,
      });
      await platform.db.kysely
        .insertInto('complaint_follow_sessions')
        .values([session('s1', '2026-12-03T07:00:00.000Z'), session('s2', '2026-12-03T08:30:00.000Z')])
        .execute();
      const ids = async (table: 'complaint_access_codes' | 'complaint_follow_sessions') =>
        (await platform.db.kysely.selectFrom(table).select('id').orderBy('id').execute()).map((r) => r.id);
      const codeRule = codes.defaultRule;
      const sessionRule = sessions.defaultRule;

      // The night of 2 to 3 December: codes that ended on 1 December are due, not those of the 2nd.
      assert.equal(await codes.retention.run(runOf(codeRule, '2026-12-02T20:00:00.000Z', { held: ['c2'] })), 0, 'kept through 2 December');
      assert.equal(await codes.retention.run(runOf(codeRule, '2026-12-03T01:00:00.000Z', { held: ['c2'], dryRun: true })), 1);
      assert.deepEqual(await ids('complaint_access_codes'), ['c1', 'c2', 'c3']);
      assert.equal(await codes.retention.run(runOf(codeRule, '2026-12-03T01:00:00.000Z', { held: ['c2'] })), 1);
      assert.deepEqual(await ids('complaint_access_codes'), ['c2', 'c3']);

      assert.equal(await sessions.retention.run(runOf(sessionRule, '2026-12-03T09:00:00.000Z', { dryRun: true })), 1);
      assert.equal(await sessions.retention.run(runOf(sessionRule, '2026-12-03T09:00:00.000Z', { held: ['s1'] })), 0);
      assert.equal(await sessions.retention.run(runOf(sessionRule, '2026-12-03T09:00:00.000Z')), 1);
      assert.deepEqual(await ids('complaint_follow_sessions'), ['s2'], 'a session ended half an hour ago stays');
    });

    it("finds a person's unfiled drafts, saved to their address or number or typed in the answers, and erases them but a held one", async () => {
      const { platform, kind } = await setUp();
      const drafts = kind('complaints.drafts').subject!;
      const service = createComplaintDraftServiceFor(platform, createComplaintServiceFor(platform).consumer);
      const mail = { t: (key: string) => key, formatDate: (iso: string) => iso, resumeUrl: 'http://127.0.0.1/complaints/resume' };
      const { draft: saved } = await service.start();
      await service.saveAnswers(saved, { name: 'Amina', description: 'Charged twice.' });
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
      await service.addAttachment(saved, { filename: 'bill.png', contentType: 'image/png', data: png, isTooLarge: false });
      assert.equal((await service.saveForLater(saved, 'Amina@Example.org', mail, '192.0.2.1')).ok, true);
      const { draft: texted } = await service.start();
      assert.equal((await service.saveForLaterByText(texted, '0700 000001', mail, '192.0.2.1')).ok, true);
      const { draft: typed } = await service.start();
      await service.saveAnswers(typed, { email: 'amina@example.org' });
      const { draft: other } = await service.start();
      await service.saveAnswers(other, { email: 'baraka@example.org' });

      const found = await drafts.find(AMINA);
      assert.deepEqual(found.map((r) => r.id).sort(), [saved.id, texted.id, typed.id].sort());
      const first = found.find((r) => r.id === saved.id)!;
      assert.equal(first.fields['savedToEmail'], 'amina@example.org');
      assert.match(String(first.fields['answers']), /Charged twice/);
      assert.deepEqual(
        first.files?.map((f) => [f.name, f.mediaType, f.bytes.length]),
        [['bill.png', 'image/png', png.length]],
      );
      assert.equal(found.find((r) => r.id === texted.id)!.fields['savedToPhone'], '+254700000001');

      const erased = await drafts.erase(AMINA, { now: '2026-12-01T09:00:00.000Z', heldIds: new Set([typed.id]) });
      assert.deepEqual(erased.outcomes.map((o) => o.result).sort(), ['erased', 'erased', 'kept']);
      assert.deepEqual(
        (await drafts.find(AMINA)).map((r) => r.id),
        [typed.id],
      );
      assert.deepEqual(
        (await drafts.find(BARAKA)).map((r) => r.id),
        [other.id],
      );
      assert.equal((await platform.db.kysely.selectFrom('complaint_draft_attachments').select('id').execute()).length, 0);
    });

    it("finds the codes and follow sessions opened for a person's complaint references, not another's, and erases them", async () => {
      const { platform, kind } = await setUp();
      const amina = await seedComplaintsPersonEverywhere(platform, AMINA);
      const baraka = await seedComplaintsPersonEverywhere(platform, BARAKA);
      const hashOf = (reference: string) => platform.keyring.hash(reference, 'complaint_follow.reference');
      const at = '2026-12-01T09:00:00.000Z';
      await platform.db.kysely
        .insertInto('complaint_access_codes')
        .values([
          { id: 'c1', purpose: 'follow', subject_hash: hashOf(amina.reference), code_hash: 'x', attempts: 1, created_at: at, expires_at: at },
          { id: 'c2', purpose: 'follow', subject_hash: hashOf(baraka.reference), code_hash: 'y', attempts: 0, created_at: at, expires_at: at },
        ])
        .execute();
      await platform.db.kysely
        .insertInto('complaint_follow_sessions')
        .values([
          { id: 's1', token_hash: 't', subject_hash: hashOf(amina.reference), reference: amina.reference, is_verified: true, created_at: at, expires_at: at },
        ])
        .execute();
      const codes = kind('complaints.accessCodes').subject!;
      const sessions = kind('complaints.followSessions').subject!;
      assert.deepEqual(
        (await codes.find(AMINA)).map((r) => [r.id, r.fields['expiresAt']]),
        [['c1', at]],
      );
      assert.deepEqual(
        (await sessions.find(AMINA)).map((r) => r.id),
        ['s1'],
      );
      assert.deepEqual((await codes.erase(AMINA, { now: at, heldIds: new Set() })).outcomes, [{ id: 'c1', result: 'erased' }]);
      assert.deepEqual((await sessions.erase(AMINA, { now: at, heldIds: new Set(['s1']) })).outcomes, [{ id: 's1', result: 'kept', reason: 'legalHold' }]);
      assert.deepEqual(await codes.find(AMINA), []);
      assert.deepEqual(
        (await codes.find(BARAKA)).map((r) => r.id),
        ['c2'],
      );
    });
  });
}
