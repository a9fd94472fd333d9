import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { ConfigError } from '../../../config.ts';
import { privacyModule } from '../index.ts';
import { kindsModule, profileWithRetention, testCaseKind, type TestCase } from '../testing/retention-kinds.ts';
import { RETENTION_JOB } from './retention.service.ts';
import { createRetentionServiceFor } from './retention.wiring.ts';
import { heldIdsFor } from '../index.ts';
import { createCommandRunner } from '../../../../test/helpers/command-runner.ts';
import { registerPrivacyCommands } from './retention.cli.ts';
import { seedRetentionDemo } from './retention.demo.ts';

/** The kinds of this test and the module's own holds: the platform's kinds and the requests' run too, finding nothing here. */
const mine = (kind: { kind: string }): boolean => kind.kind.startsWith('testing.') || kind.kind === 'privacy.legalHolds';

const databases = openTestDatabases(allMigrations([privacyModule]));
const STAFF = { type: 'user' as const, id: 'staff-1' };

const cases = (): TestCase[] => [
  { id: 'C-1', closedAt: '2019-06-30T09:00:00.000Z', isAnonymised: false },
  { id: 'C-2', closedAt: '2019-06-30T10:00:00.000Z', isAnonymised: false },
  { id: 'C-3', closedAt: '2019-07-01T10:00:00.000Z', isAnonymised: false },
];

async function setup(database: (typeof databases.all)[number], records: TestCase[], extraKinds = [] as ReturnType<typeof testCaseKind>[]) {
  const env = { KINGA_JURISDICTION: profileWithRetention({ schedule: {} }) };
  const platform = await createTestPlatform(await database.fresh(), { modules: [kindsModule([testCaseKind(records), ...extraKinds]), privacyModule], env });
  return { platform, retention: createRetentionServiceFor(platform) };
}

for (const database of databases.all) {
  test(`a case closed on 2019-06-30 under five years is anonymised by the run of 2024-07-01, not before, unless held [${database.dialect}]`, async () => {
    const records = cases();
    const { platform, retention } = await setup(database, records);
    platform.clock.set('2024-06-30T20:00:00Z'); // 23:00 in Nairobi: still 30 June
    const early = await retention.runNow({ dryRun: false, requestedBy: 'schedule' });
    assert.deepEqual(
      early.kinds.filter(mine).map((k) => [k.kind, k.count, k.error]),
      [
        ['testing.cases', 0, null],
        ['privacy.legalHolds', 0, null],
      ],
    );
    assert.equal(early.runDate, '2024-06-30');

    const placed = await retention.placeHold(STAFF, {
      kind: 'testing.cases',
      recordId: 'C-2',
      reason: 'Court case 44/2024 of Ms A.',
      caseReference: 'HC-44-2024',
    });
    assert.ok(placed.ok);
    assert.deepEqual([...(await heldIdsFor(platform, 'testing.cases'))], ['C-2']);
    const stored = await platform.db.kysely.selectFrom('privacy_legal_holds').select('reason_enc').executeTakeFirstOrThrow();
    assert.ok(!stored.reason_enc.includes('Ms A.'), 'the reason is sealed at rest');

    platform.clock.set('2024-06-30T21:00:00Z'); // midnight in Nairobi: 1 July
    const dry = await retention.runNow({ dryRun: true, requestedBy: 'command' });
    assert.equal(dry.kinds.filter(mine)[0]?.count, 1);
    assert.equal(dry.kinds.filter(mine)[0]?.cutoff, '2019-06-30T21:00:00.000Z');
    assert.ok(
      records.every((r) => !r.isAnonymised),
      'a dry run changes nothing',
    );

    const real = await retention.runNow({ dryRun: false, requestedBy: 'schedule' });
    assert.equal(real.kinds.filter(mine)[0]?.count, 1);
    assert.deepEqual(
      records.map((r) => [r.id, r.isAnonymised]),
      [
        ['C-1', true],
        ['C-2', false],
        ['C-3', false],
      ],
    );

    const runs = await retention.lastRuns();
    assert.deepEqual(
      runs.map((r) => [r.isDryRun, r.requestedBy, r.runDate, r.kinds.filter(mine).map((k) => [k.kind, k.count])]),
      [
        [
          false,
          'schedule',
          '2024-07-01',
          [
            ['privacy.legalHolds', 0],
            ['testing.cases', 1],
          ],
        ],
        [
          true,
          'command',
          '2024-07-01',
          [
            ['privacy.legalHolds', 0],
            ['testing.cases', 1],
          ],
        ],
        [
          false,
          'schedule',
          '2024-06-30',
          [
            ['privacy.legalHolds', 0],
            ['testing.cases', 0],
          ],
        ],
      ],
    );
    assert.deepEqual(runs[0]?.kinds.filter(mine)[1]?.rule, {
      period: 'P5Y',
      trigger: 'closed',
      action: 'anonymise',
      legalBasis: 'publicTask',
      reference: 'Consumer Protection Act, s. 12',
    });
    assert.equal(runs[0]?.kinds.filter(mine)[1]?.isDefault, true);
    assert.ok(runs[0]?.finishedAt);

    assert.equal(await retention.releaseHold(STAFF, placed.id), true);
    assert.equal(await retention.releaseHold(STAFF, placed.id), false, 'a released hold is not released twice');
    assert.equal((await retention.runNow({ dryRun: false, requestedBy: 'schedule' })).kinds.filter(mine)[0]?.count, 1, 'released, the record is due');

    // The released hold itself, with its sealed reason, is deleted a year after its release.
    platform.clock.set('2025-07-01T06:00:00Z');
    assert.equal((await retention.runNow({ dryRun: true, requestedBy: 'schedule' })).kinds.filter(mine)[1]?.count, 0);
    platform.clock.set('2025-07-02T06:00:00Z');
    assert.deepEqual(
      (await retention.runNow({ dryRun: false, requestedBy: 'schedule' })).kinds.filter(mine).map((k) => [k.kind, k.count]),
      [
        ['testing.cases', 1],
        ['privacy.legalHolds', 1],
      ],
    );
    assert.equal((await platform.db.kysely.selectFrom('privacy_legal_holds').select('id').execute()).length, 0);
    const audit = await platform.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', 'like', 'privacy.hold.%')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['privacy.hold.placed', 'privacy.hold.released'],
    );
  });

  test(`a kind that fails is recorded and the others still run; the dashboard learns which failed [${database.dialect}]`, async () => {
    const records = cases();
    const broken = testCaseKind([], {
      name: 'testing.broken',
      retention: {
        run: () => Promise.reject(new Error('table missing')),
      },
    });
    const { platform, retention } = await setup(database, records, [broken]);
    platform.clock.set('2024-07-01T06:00:00Z');
    const report = await retention.runNow({ dryRun: false, requestedBy: 'schedule' });
    assert.deepEqual(
      report.kinds.filter(mine).map((k) => [k.kind, k.count, k.error]),
      [
        ['testing.cases', 2, null],
        ['testing.broken', null, 'Error: table missing'],
        ['privacy.legalHolds', 0, null],
      ],
    );
    assert.deepEqual(await retention.failedKinds(), ['testing.broken']);
  });

  test(`a dry run staff ask for is queued, runs as a job, and its report is kept [${database.dialect}]`, async () => {
    const records = cases();
    const { platform, retention } = await setup(database, records);
    platform.clock.set('2024-07-02T06:00:00Z');
    const id = await retention.requestDryRun(STAFF);
    assert.equal((await retention.findRun(id))?.startedAt, null);
    const jobs = await platform.db.kysely.selectFrom('jobs').select('type').where('type', '=', RETENTION_JOB).execute();
    assert.equal(jobs.length, 1);
    await platform.jobs.runDue();
    const run = await retention.findRun(id);
    assert.equal(run?.isDryRun, true);
    assert.equal(run?.requestedBy, 'user:staff-1');
    assert.deepEqual(
      run?.kinds.filter(mine).map((k) => [k.kind, k.count]),
      [
        ['privacy.legalHolds', 0],
        ['testing.cases', 3],
      ],
    );
    assert.ok(records.every((r) => !r.isAnonymised));
  });

  test(`a hold refuses an unknown kind, a bad id and an empty reason, field by field [${database.dialect}]`, async () => {
    const { retention } = await setup(database, cases());
    const outcome = await retention.placeHold(STAFF, { kind: 'nobody.knows', recordId: 'a b', reason: ' ', caseReference: '' });
    assert.deepEqual(!outcome.ok && outcome.issues.map((i) => i.field), ['kind', 'recordId', 'reason', 'caseReference']);
    assert.equal(await retention.countHolds(), 0);
  });

  test(`a schedule naming an unknown kind or a trigger the kind cannot apply stops the start, naming the field [${database.dialect}]`, async () => {
    const env = {
      KINGA_JURISDICTION: profileWithRetention({
        schedule: {
          'testing.nobody': { period: 'P1Y', trigger: 'created', action: 'delete', legalBasis: 'publicTask' },
          'testing.cases': { period: 'P1Y', trigger: 'created', action: 'archive', legalBasis: 'publicTask' },
        },
      }),
    };
    await assert.rejects(createTestPlatform(await database.fresh(), { modules: [kindsModule([testCaseKind([])]), privacyModule], env }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      const text = error.problems.join('\n');
      assert.match(text, /\/modules\/privacy\/retention\/schedule\/testing\.nobody: no module keeps/);
      assert.match(text, /\/modules\/privacy\/retention\/schedule\/testing\.cases\/trigger: "created"/);
      assert.match(text, /\/modules\/privacy\/retention\/schedule\/testing\.cases\/action: "archive"/);
      return true;
    });
  });
}

for (const database of databases.all) {
  test(`kinga privacy retention prints the counts per kind, dry or real, as of a day [${database.dialect}]`, async () => {
    const records = cases();
    const { platform } = await setup(database, records);
    platform.clock.set('2024-07-10T06:00:00Z');
    const cli = createCommandRunner(platform, registerPrivacyCommands);
    const dry = await cli.run('privacy', 'retention', '--dry-run', '--date', '2024-07-01');
    assert.match(dry, /^Dry run of 2024-07-01 /);
    assert.match(dry, /testing\.cases: 2 due \(P5Y after closed, records before 2019-06-30T21:00:00.000Z\)/);
    assert.ok(records.every((r) => !r.isAnonymised));
    await assert.rejects(cli.run('privacy', 'retention', '--date', '2024-07-11'), /cannot be dated after today/);
    await assert.rejects(cli.run('privacy', 'retention', '--date', 'tomorrow'), /--date must be a day/);
    assert.match(await cli.run('privacy', 'retention'), /testing\.cases: 3 anonymised/);
    assert.ok(records.every((r) => r.isAnonymised));
  });
}

for (const database of databases.all) {
  test(`the demo records a real run and a dry run once, and holds the demo complaint when a complaints kind finds it [${database.dialect}]`, async () => {
    const complaint = testCaseKind([], {
      name: 'complaints.complaints',
      subject: {
        find: async (identity) =>
          identity.emails.includes('wanjiru@example.org') ? [{ id: 'CASE-W', createdAt: '2026-11-01T00:00:00.000Z', fields: {} }] : [],
        erase: async () => ({ outcomes: [], operatorIds: [] }),
      },
    });
    const env = { KINGA_JURISDICTION: profileWithRetention({ schedule: {} }) };
    const platform = await createTestPlatform(await database.fresh(), { modules: [kindsModule([complaint]), privacyModule], env });
    await seedRetentionDemo(platform);
    await seedRetentionDemo(platform);
    const retention = createRetentionServiceFor(platform);
    assert.deepEqual((await retention.lastRuns()).map((r) => r.isDryRun).sort(), [false, true]);
    assert.deepEqual(
      (await retention.holdsInForce()).map((h) => [h.kind, h.recordId]),
      [['complaints.complaints', 'CASE-W']],
    );
  });
}
