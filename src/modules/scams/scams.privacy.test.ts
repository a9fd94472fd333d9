import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { allMigrations } from '../../platform/create.ts';
import type { Platform } from '../../platform/platform.ts';
import type { RecordKind, SubjectIdentity } from '../../platform/privacy/record-kinds.ts';
import { createScamsTestApp, SCAMS_TEST_MODULES } from './testing/scams-platform.ts';
import { insertIdentifierRow, insertReportRow } from './testing/public-rows.ts';
import { createReviewRowsRepository } from './testing/review-rows.repository.ts';
import { seedScamsPersonEverywhere } from './testing/scams-person.ts';
import { createAppealRepository } from './appeals/appeal.repository.ts';
import { SEALED } from './shared/sealed-contexts.ts';

const databases = openTestDatabases(allMigrations(SCAMS_TEST_MODULES));
const DAY = 86_400_000;
const T0 = '2026-01-10T08:00:00.000Z';
const plusDays = (days: number) => new Date(Date.parse(T0) + days * DAY).toISOString();

/** How each kind's records are stored at an instant, and whether the rule has acted on one. */
interface KindCase {
  seed(platform: Platform, at: string): Promise<string>;
  acted(platform: Platform, id: string): Promise<boolean>;
}

const reportAt = async (platform: Platform, at: string) => {
  const sender = await insertIdentifierRow(platform, { kind: 'number', value: `+2547120${Math.floor(Math.random() * 90_000 + 10_000)}`, at });
  return insertReportRow(platform, {
    identifierId: sender,
    reporter: '+254722000001',
    contact: { kind: 'sms', value: '+254722000001' },
    filedAt: at,
    screenshot: true,
  });
};
const report = (platform: Platform, id: string) =>
  platform.db.kysely
    .selectFrom('scam_reports')
    .select(['reporter_enc', 'reporter_hash', 'contact_enc', 'text_enc'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const CASES: Record<string, KindCase> = {
  'scams.reporters': {
    seed: reportAt,
    acted: async (platform, id) => {
      const r = await report(platform, id);
      return r.reporter_enc === '' && r.reporter_hash === '' && r.contact_enc === null;
    },
  },
  'scams.rawEvidence': {
    seed: reportAt,
    acted: async (platform, id) => {
      const shot = await platform.db.kysely.selectFrom('scam_screenshots').select('content_enc').where('report_id', '=', id).executeTakeFirstOrThrow();
      return (await report(platform, id)).text_enc === null && shot.content_enc === null;
    },
  },
  'scams.campaignSamples': {
    async seed(platform, at) {
      const id = randomUUID();
      await createReviewRowsRepository(platform.db.kysely).insertCampaign({
        id,
        text_hash: `h-${id}`,
        sample_enc: platform.keyring.encrypt('Send 500 to win', SEALED.campaignSample),
        first_seen_at: at,
        last_seen_at: at,
        reports: 3,
      });
      return id;
    },
    acted: async (platform, id) =>
      (await platform.db.kysely.selectFrom('scam_campaigns').select('sample_enc').where('id', '=', id).executeTakeFirstOrThrow()).sample_enc === null,
  },
  'scams.appeals': {
    async seed(platform, at) {
      const id = randomUUID();
      const own = await insertIdentifierRow(platform, { kind: 'number', value: `+2547130${Math.floor(Math.random() * 90_000 + 10_000)}`, at });
      await createAppealRepository(platform.db.kysely).insertAppeal({
        id,
        reference: `SA-${id.slice(0, 8)}`,
        identifier_id: own,
        statement_enc: platform.keyring.encrypt('mine for years', SEALED.appealStatement),
        contact_enc: platform.keyring.encrypt('a@example.org', SEALED.appealContact),
        language: 'en',
        state: 'upheld',
        filed_at: at,
        decided_at: at,
        decided_by: null,
        decision_reason: null,
      });
      return id;
    },
    acted: async (platform, id) => {
      const a = await platform.db.kysely.selectFrom('scam_appeals').select(['statement_enc', 'contact_enc']).where('id', '=', id).executeTakeFirstOrThrow();
      return a.statement_enc === '' && a.contact_enc === null;
    },
  },
  'scams.numberChecks': {
    async seed(platform, at) {
      const id = randomUUID();
      await createAppealRepository(platform.db.kysely).insertCheck({
        id,
        token_hash: `t-${id}`,
        purpose: 'holder',
        number_hash: 'n',
        number_enc: 'x',
        code_hash: 'c',
        attempts: 0,
        sent_at: at,
        expires_at: at,
        verified_at: null,
      });
      return id;
    },
    acted: async (platform, id) =>
      (await platform.db.kysely.selectFrom('scam_number_checks').select('id').where('id', '=', id).executeTakeFirst()) === undefined,
  },
  'scams.unconfirmedIdentifiers': {
    seed: (platform, at) => insertIdentifierRow(platform, { kind: 'domain', value: `evil-${randomUUID().slice(0, 8)}.example`, at }),
    acted: async (platform, id) => {
      const i = await platform.db.kysely.selectFrom('scam_identifiers').select(['value_enc', 'value_hash']).where('id', '=', id).executeTakeFirstOrThrow();
      return i.value_enc === '' && i.value_hash === `erased:${id}`;
    },
  },
};

const kindOf = (platform: Platform, name: string): RecordKind => {
  const kind = platform.recordKinds.find((k) => k.name === name);
  assert.ok(kind, `${name} is declared`);
  return kind;
};

for (const database of databases.all) {
  test(`every kind of scams record applies its rule to what is due, not to a record a day younger nor a held one, and a dry run only counts [${database.dialect}]`, async () => {
    for (const [name, kindCase] of Object.entries(CASES)) {
      // Several kinds act on the same rows (a report's reporter, its raw evidence): each starts afresh.
      const { platform, app } = await createScamsTestApp(database);
      assert.deepEqual(
        platform.recordKinds.filter((k) => k.name.startsWith('scams.')).map((k) => k.name),
        Object.keys(CASES),
      );
      const kind = kindOf(platform, name);
      const due = await kindCase.seed(platform, T0);
      const held = await kindCase.seed(platform, T0);
      const younger = await kindCase.seed(platform, plusDays(1));
      const run = { rule: kind.defaultRule, cutoff: plusDays(1), now: plusDays(400), heldIds: new Set([held]) };
      assert.equal(await kind.retention.run({ ...run, dryRun: true }), 1, `${name}: the dry run counts the due record`);
      assert.deepEqual(
        await Promise.all([due, held, younger].map((id) => kindCase.acted(platform, id))),
        [false, false, false],
        `${name}: a dry run changes nothing`,
      );
      assert.equal(await kind.retention.run({ ...run, dryRun: false }), 1, name);
      assert.deepEqual(await Promise.all([due, held, younger].map((id) => kindCase.acted(platform, id))), [true, false, false], name);
      assert.equal(await kind.retention.run({ ...run, dryRun: false }), 0, `${name}: a second run finds nothing`);
      await app.close();
    }
  });

  test(`a person's scam reports, appeals and codes are found by their number, and erasing keeps the reports as counts and names the operators noticed [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const person: SubjectIdentity = { emails: ['amina@example.org'], phones: ['+254722111222'], deviceIds: [] };
    const other: SubjectIdentity = { emails: [], phones: ['+254722333444'], deviceIds: [] };
    const seeded = await seedScamsPersonEverywhere(platform, person);
    const theirs = await seedScamsPersonEverywhere(platform, other);
    const subjects = platform.recordKinds.filter((k) => k.name.startsWith('scams.') && k.subject !== undefined);
    assert.deepEqual(
      subjects.map((k) => k.name),
      ['scams.reporters', 'scams.appeals', 'scams.numberChecks'],
    );
    const found = async (identity: SubjectIdentity) =>
      Object.fromEntries(await Promise.all(subjects.map(async (k) => [k.name, (await k.subject?.find(identity)) ?? []] as const)));

    const records = await found(person);
    assert.deepEqual(
      records['scams.reporters']?.map((r) => r.id),
      [seeded.reportId],
    );
    const [reported] = records['scams.reporters'] ?? [];
    assert.equal(reported?.fields.reporterNumber, '+254722111222');
    assert.equal(reported?.fields.text, 'You won 50,000, send your PIN to claim');
    assert.equal(reported?.fields.links, 'https://prize-11222.example/claim');
    assert.deepEqual(
      reported?.files?.map((f) => [f.mediaType, f.bytes.length > 0]),
      [['image/png', true]],
    );
    assert.deepEqual(
      records['scams.appeals']?.map((r) => [r.id, r.fields.statement]),
      [[seeded.appealId, 'This number has been mine for ten years']],
    );
    assert.deepEqual(records['scams.numberChecks']?.map((r) => r.id).sort(), [...seeded.checkIds].sort());

    const now = platform.clock.now().toISOString();
    const reporters = kindOf(platform, 'scams.reporters');
    const erasure = await reporters.subject?.erase(person, { now, heldIds: new Set() });
    assert.deepEqual(erasure, { outcomes: [{ id: seeded.reportId, result: 'anonymised' }], operatorIds: [seeded.operatorId] });
    for (const kind of subjects.slice(1)) await kind.subject?.erase(person, { now, heldIds: new Set() });
    const after = await found(person);
    assert.deepEqual([after['scams.reporters'], after['scams.numberChecks']], [[], []], 'nothing is found by the number any more');
    assert.deepEqual(
      after['scams.appeals']?.map((r) => [r.fields.statement, r.fields.contact, r.fields.state]),
      [[null, null, 'overturned']],
      'the decided appeal stays with its decision, its statement and contact gone',
    );
    const kept = await platform.db.kysely.selectFrom('scam_reports').select(['id', 'category', 'text_enc']).where('id', '=', seeded.reportId).execute();
    assert.deepEqual(kept, [{ id: seeded.reportId, category: 'impersonation', text_enc: null }], 'the report stays, counted');
    assert.deepEqual(
      (await found(other))['scams.reporters']?.map((r) => r.id),
      [theirs.reportId],
      "another person's report is untouched",
    );
    assert.deepEqual(await reporters.subject?.erase(person, { now, heldIds: new Set() }), { outcomes: [], operatorIds: [] }, 'erasing again finds nothing');
    await app.close();
  });

  test(`an appeal being decided and a held report are kept when their person asks for erasure [${database.dialect}]`, async () => {
    const { platform, app } = await createScamsTestApp(database);
    const person: SubjectIdentity = { emails: [], phones: ['+254722555666'], deviceIds: [] };
    const seeded = await seedScamsPersonEverywhere(platform, person);
    const appeals = createAppealRepository(platform.db.kysely);
    const openId = randomUUID();
    const identifier = await platform.db.kysely.selectFrom('scam_appeals').select('identifier_id').where('id', '=', seeded.appealId).executeTakeFirstOrThrow();
    await appeals.insertAppeal({
      id: openId,
      reference: 'SA-OPEN',
      identifier_id: identifier.identifier_id,
      statement_enc: platform.keyring.encrypt('Still mine', SEALED.appealStatement),
      contact_enc: null,
      language: 'en',
      state: 'open',
      filed_at: platform.clock.now().toISOString(),
      decided_at: null,
      decided_by: null,
      decision_reason: null,
    });
    const now = platform.clock.now().toISOString();
    const appealsErasure = await kindOf(platform, 'scams.appeals').subject?.erase(person, { now, heldIds: new Set() });
    assert.deepEqual(
      appealsErasure?.outcomes.map((o) => [o.id, o.result, 'reason' in o ? o.reason : null]),
      [
        [seeded.appealId, 'kept', 'legalObligation'],
        [openId, 'kept', 'openCase'],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const reportsErasure = await kindOf(platform, 'scams.reporters').subject?.erase(person, { now, heldIds: new Set([seeded.reportId]) });
    assert.deepEqual(reportsErasure?.outcomes, [{ id: seeded.reportId, result: 'kept', reason: 'legalHold' }]);
    assert.equal((await report(platform, seeded.reportId)).reporter_enc === '', false, 'the held report keeps its reporter');
    await app.close();
  });
}
