import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { createOfferServiceFor, offersModule } from '../index.ts';
import { createRoamingServiceFor } from './roaming.wiring.ts';
import type { Destination } from './roaming.service.ts';
import { offersSettings } from '../offers.settings.ts';
import { settingsOf } from '../../../platform/settings.ts';
import { offerCsv, offerRow, planId } from '../testing/offer-rows.ts';
import { roamingCsv, roamingRow } from '../testing/roaming-rows.ts';

const databases = openTestDatabases(allMigrations([offersModule]));
const SYSTEM = { type: 'system', id: null } as const;
const DAY = 86_400_000;
const A = planId('M', 1, 'A');
const B = planId('M', 1, 'B');
const C = planId('M', 2, 'C');
const FIXED = planId('F', 1, 'HOME');

async function setup(database: (typeof databases.all)[number]) {
  const platform = await createTestPlatform(await database.fresh(), { modules: [offersModule] });
  const offers = createOfferServiceFor(platform);
  await offers.addOperator(SYSTEM, 'OP-T1', 'Test Mobile');
  await offers.addOperator(SYSTEM, 'OP-T2', 'Other Mobile');
  await offers.addOperator(SYSTEM, 'OP-T3', 'Third Mobile');
  await offers.importOffers({
    text: offerCsv([
      offerRow({ unique_plan_id: A, service_plan_name: 'Plan A' }),
      offerRow({ unique_plan_id: B, service_plan_name: 'Plan B' }),
      offerRow({ unique_plan_id: C, operator_id: 'OP-T2', service_plan_name: 'Plan C' }),
      offerRow({ unique_plan_id: FIXED, connection_type: 'Fiber' }),
    ]),
    format: 'csv',
    isLenient: false,
    source: 'cli',
    actor: SYSTEM,
  });
  const roaming = createRoamingServiceFor(platform);
  const csv = (rows: Record<string, string>[], operatorId?: string) => ({
    text: roamingCsv(rows),
    format: 'csv' as const,
    source: 'cli' as const,
    actor: SYSTEM,
    ...(operatorId ? { operatorId } : {}),
  });
  return { platform, roaming, csv };
}

async function rejection(work: Promise<unknown>): Promise<string[]> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, 'ROAMING_FILE_REJECTED');
    return error.problems.map((p) => `${p.line ?? '-'} ${p.field}: ${p.message}`);
  }
  assert.fail('the import was accepted');
}

const uganda: Destination = { kind: 'country', code: 'UG' };
const week = { days: 7, dataMb: '500', voiceOutMinutes: 30, voiceInMinutes: 20, sms: 10 };

for (const database of databases.all) {
  test(`imports roaming rates, keeps every version and confirms unchanged rates [${database.dialect}]`, async () => {
    const { platform, roaming, csv } = await setup(database);
    const first = await roaming.importRates(
      csv(
        [roamingRow({ unique_plan_id: A }), roamingRow({ unique_plan_id: A, destination: 'eac' }), roamingRow({ unique_plan_id: B, operator_id: '' })],
        'OP-T1',
      ),
    );
    assert.deepEqual([first.rows, first.newRates, first.newVersions, first.confirmed], [3, 3, 3, 0]);
    platform.clock.advance(2 * DAY);
    const second = await roaming.importRates(csv([roamingRow({ unique_plan_id: A }), roamingRow({ unique_plan_id: A, destination: 'eac', data_per_mb: '4' })]));
    assert.deepEqual([second.newRates, second.newVersions, second.confirmed], [0, 1, 1]);
    const versions = await roaming.versionsOf(A, 'eac');
    assert.deepEqual(
      versions.map((v) => [v.version, v.effective_from, JSON.parse(v.record).dataPerMb]),
      [
        [1, '2026-12-01', '2'],
        [2, '2026-12-03', '4'],
      ],
    );
    assert.equal(await roaming.countRates(), 3);
    const audit = await platform.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'offers.roaming.imported').execute();
    assert.equal(audit.length, 2);
  });

  test(`rejects the whole file for a plan that is unknown, of another operator or fixed, writing nothing [${database.dialect}]`, async () => {
    const { platform, roaming, csv } = await setup(database);
    const problems = await rejection(
      roaming.importRates(
        csv([
          roamingRow({ unique_plan_id: A }),
          roamingRow({ unique_plan_id: planId('M', 1, 'NOPE') }),
          roamingRow({ unique_plan_id: C }),
          roamingRow({ unique_plan_id: FIXED }),
          roamingRow({ unique_plan_id: B, operator_id: 'OP-NONE' }),
        ]),
      ),
    );
    assert.deepEqual(problems, [
      `3 unique_plan_id: No published offer has the plan id ${planId('M', 1, 'NOPE')}; publish the offer in the national offer file first.`,
      `4 unique_plan_id: The plan ${C} belongs to operator OP-T2, not OP-T1.`,
      `5 unique_plan_id: The plan ${FIXED} is a fixed (home) plan; roaming rates are for mobile plans.`,
      '6 operator_id: No operator has the licence id OP-NONE; add it first (kinga operators add).',
    ]);
    assert.equal(await roaming.countRates(), 0);
    assert.equal((await platform.db.kysely.selectFrom('roaming_imports').selectAll().execute()).length, 0);
  });

  test(`an operator added after an estimate is named as without rates, although estimates are cached [${database.dialect}]`, async () => {
    const { platform, roaming, csv } = await setup(database);
    await roaming.importRates(csv([roamingRow({ unique_plan_id: A }), roamingRow({ unique_plan_id: C, operator_id: 'OP-T2' })]));
    assert.deepEqual(
      (await roaming.estimate(uganda, week, null)).operatorsWithoutRates.map((o) => o.id),
      ['OP-T3'],
    );
    // Added through another service (the CLI, say): seen once this one asks for the revision again.
    await createOfferServiceFor(platform).addOperator(SYSTEM, 'OP-T4', 'Fourth Mobile');
    platform.clock.advance(2_000);
    assert.deepEqual(
      (await roaming.estimate(uganda, week, null)).operatorsWithoutRates.map((o) => o.id),
      ['OP-T3', 'OP-T4'],
    );
  });

  test(`a JSON file names the problems found against published plans and operators by JSON pointer [${database.dialect}]`, async () => {
    const { roaming } = await setup(database);
    const rates = [
      roamingRow({ unique_plan_id: A }),
      roamingRow({ unique_plan_id: planId('M', 1, 'NOPE') }),
      roamingRow({ unique_plan_id: B, operator_id: 'OP-NONE' }),
    ];
    const problems = await rejection(roaming.importRates({ text: JSON.stringify({ rates }), format: 'json', source: 'api', actor: SYSTEM }));
    assert.deepEqual(
      problems.map((p) => p.slice(0, p.indexOf(':'))),
      ['2 /rates/1/unique_plan_id', '3 /rates/2/operator_id'],
    );
  });

  test(`the estimate applies the most specific rate and ranks by total, ties by plan id [${database.dialect}]`, async () => {
    const { roaming, csv } = await setup(database);
    await roaming.importRates(
      csv([
        roamingRow({ unique_plan_id: A, destination: 'UG', data_per_mb: '1' }),
        roamingRow({ unique_plan_id: A, destination: 'eac', data_per_mb: '3' }),
        roamingRow({ unique_plan_id: A, destination: 'world', data_per_mb: '40' }),
        roamingRow({ unique_plan_id: B, destination: 'world', data_per_mb: '1' }),
        roamingRow({ unique_plan_id: C, operator_id: 'OP-T2', destination: 'eac', data_per_mb: '1' }),
        roamingRow({ unique_plan_id: C, operator_id: 'OP-T2', destination: 'FR', voice_out_per_min: '' }),
      ]),
    );
    const ug = await roaming.estimate(uganda, week, null);
    // 30×15 + 20×5 + 10×5 = 600, plus 500 MB at 1 each: three plans tie at 1100, ordered by plan id.
    assert.deepEqual(
      ug.results.map((r) => [r.planId, r.rateDestination, r.total.toFixed(2)]),
      [
        [A, 'UG', '1100.00'],
        [B, 'world', '1100.00'],
        [C, 'eac', '1100.00'],
      ],
    );
    assert.equal(ug.results[0]?.planName, 'Plan A');
    assert.deepEqual(
      ug.operatorsWithoutRates.map((o) => o.id),
      ['OP-T3'],
    );
    assert.equal(ug.limit, '5000.00');
    assert.equal(ug.results[0]?.billShock?.alert, null);
    // A new import is seen at once, although estimates are cached.
    await roaming.importRates(csv([roamingRow({ unique_plan_id: A, destination: 'UG', data_per_mb: '2' })]));
    assert.deepEqual(
      (await roaming.estimate(uganda, week, null)).results.map((r) => [r.planId, r.total.toFixed(2)]),
      [
        [B, '1100.00'],
        [C, '1100.00'],
        [A, '1600.00'],
      ],
    );

    const tz = await roaming.estimate({ kind: 'country', code: 'TZ' }, week, '1500');
    assert.deepEqual(
      tz.results.map((r) => [r.planId, r.total.toFixed(2)]),
      [
        [B, '1100.00'],
        [C, '1100.00'],
        [A, '2100.00'],
      ],
    );
    assert.equal(tz.results[2]?.billShock?.alert?.day, 4);

    const france = await roaming.estimate({ kind: 'country', code: 'FR' }, week, null);
    assert.deepEqual([france.results.map((r) => r.planId), france.ineligible], [[B, A], 1]);
    const zone = settingsOf(offersSettings, { roaming: { zones: [{ id: 'eac', name: 'EAC', countries: ['UG'] }] } }).roaming.zones[0];
    assert.ok(zone);
    assert.deepEqual(
      (await roaming.estimate({ kind: 'zone', zone }, week, null)).results.map((r) => [r.planId, r.rateDestination]),
      [
        [B, 'world'],
        [C, 'eac'],
        [A, 'eac'],
      ],
    );
  });

  test(`rates count only while in effect, and only for plans whose offer is in effect [${database.dialect}]`, async () => {
    const { platform, roaming, csv } = await setup(database);
    const ending = planId('M', 1, 'ENDING');
    await createOfferServiceFor(platform).importOffers({
      text: offerCsv([offerRow({ unique_plan_id: ending, effective_to: '2026-12-05' })]),
      format: 'csv',
      isLenient: false,
      source: 'cli',
      actor: SYSTEM,
    });
    await roaming.importRates(
      csv([
        roamingRow({ unique_plan_id: A, destination: 'UG', effective_from: '2026-12-10' }),
        roamingRow({ unique_plan_id: B, destination: 'UG', effective_to: '2026-12-05' }),
        roamingRow({ unique_plan_id: ending, destination: 'UG' }),
      ]),
    );
    assert.deepEqual(
      (await roaming.estimate(uganda, week, null)).results.map((r) => r.planId),
      [B, ending],
    );
    platform.clock.advance(10 * DAY);
    assert.deepEqual(
      (await roaming.estimate(uganda, week, null)).results.map((r) => r.planId),
      [A],
    );
  });

  test(`a rate not confirmed within freshnessDays is stale: left out of the ranking, counted, and still exported [${database.dialect}]`, async () => {
    const { platform, roaming, csv } = await setup(database);
    await roaming.importRates(
      csv([roamingRow({ unique_plan_id: A, destination: 'UG' }), roamingRow({ unique_plan_id: C, operator_id: 'OP-T2', destination: 'UG' })]),
    );
    // 2026-12-11: only A's rate is confirmed (published again unchanged).
    platform.clock.advance(10 * DAY);
    await roaming.importRates(csv([roamingRow({ unique_plan_id: A, destination: 'UG' })]));
    // One hour before C's rate is 14 days old: both are ranked.
    platform.clock.advance(4 * DAY - 3_600_000);
    const fresh = await roaming.estimate(uganda, week, null);
    assert.deepEqual([fresh.results.map((r) => r.planId).sort(), fresh.stale, fresh.freshnessDays], [[A, C].sort(), 0, 14]);
    // Two hours later, the same calendar day: C's rate is stale and the cached estimate is not reused.
    platform.clock.advance(2 * 3_600_000);
    const later = await roaming.estimate(uganda, week, null);
    assert.equal(later.onDate, fresh.onDate);
    assert.deepEqual([later.results.map((r) => r.planId), later.stale], [[A], 1]);
    assert.deepEqual(
      later.operatorsWithoutRates.map((o) => o.id),
      ['OP-T3'],
      'an operator whose rate is stale is counted as stale, not as without a rate',
    );
    const exported = await roaming.currentRates();
    assert.deepEqual(
      exported.rates.map((r) => [r.record.planId, r.record.destination, r.isStale]),
      [
        [A, 'UG', false],
        [C, 'UG', true],
      ],
    );
  });

  test(`the demo rates load once through the same validator [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [offersModule] });
    await offersModule.seedDemo?.(platform);
    await offersModule.seedDemo?.(platform);
    const roaming = createRoamingServiceFor(platform);
    assert.equal(await roaming.countRates(), 23);
    const ug = await roaming.estimate(uganda, week, null);
    assert.deepEqual([...new Set(ug.results.map((r) => r.operatorId))].sort(), ['OP-DEMO-1', 'OP-DEMO-2', 'OP-DEMO-3', 'OP-DEMO-4']);
    const germany = await roaming.estimate(
      { kind: 'country', code: 'DE' },
      { days: 7, dataMb: '1000', voiceOutMinutes: 30, voiceInMinutes: 30, sms: 10 },
      null,
    );
    assert.ok(germany.results.some((r) => r.rateDestination === 'europe' && r.bundles === 1));
  });
}
