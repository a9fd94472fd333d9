import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { createOfferServiceFor, offersModule } from '../index.ts';
import { offerCsv, offerRow, planId } from '../testing/offer-rows.ts';

const databases = openTestDatabases(allMigrations([offersModule]));
const SYSTEM = { type: 'system', id: null } as const;
const DAY = 86_400_000;

async function setup(database: (typeof databases.all)[number]) {
  const platform = await createTestPlatform(await database.fresh(), { modules: [offersModule] });
  const service = createOfferServiceFor(platform);
  await service.addOperator(SYSTEM, 'OP-T1', 'Test Mobile');
  await service.addOperator(SYSTEM, 'OP-T2', 'Other Mobile');
  const csv = (rows: Record<string, string>[]) => ({ text: offerCsv(rows), format: 'csv' as const, isLenient: false, source: 'cli' as const, actor: SYSTEM });
  return { platform, service, csv };
}

async function rejection(work: Promise<unknown>): Promise<string[]> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, 'OFFER_FILE_REJECTED');
    return error.problems.map((p) => `${p.line ?? '-'} ${p.field}: ${p.message}`);
  }
  assert.fail('the import was accepted');
}

/** A good row, then a row with a bad value, one of an unknown operator and an add-on of an unknown plan. */
const wrongRows = () => [
  offerRow({ unique_plan_id: planId('M', 1, 'GOOD') }),
  offerRow({ unique_plan_id: planId('M', 1, 'BAD'), typical_latency: '13 Milliseconds' }),
  offerRow({ unique_plan_id: planId('M', 1, 'NOOP'), operator_id: 'OP-NONE' }),
  offerRow({ unique_plan_id: planId('M', 1, 'ADD'), addon_of: planId('M', 1, 'MISSING') }),
];

for (const database of databases.all) {
  test(`imports a file, keeps every version, confirms unchanged offers and never reuses a plan id [${database.dialect}]`, async () => {
    const { platform, service, csv } = await setup(database);
    const a = planId('M', 1, 'A');
    const b = planId('M', 1, 'B');
    const first = await service.importOffers(csv([offerRow({ unique_plan_id: a }), offerRow({ unique_plan_id: b, monthly_price: '300' })]));
    assert.deepEqual([first.rows, first.newPlans, first.newVersions, first.confirmed], [2, 2, 2, 0]);

    platform.clock.advance(3 * DAY);
    const second = await service.importOffers(csv([offerRow({ unique_plan_id: a }), offerRow({ unique_plan_id: b, monthly_price: '350' })]));
    assert.deepEqual([second.newPlans, second.newVersions, second.confirmed], [0, 1, 1]);

    const onFirstDay = await service.offerOn(b, '2026-12-01');
    assert.equal(onFirstDay.current.version, 1);
    assert.equal(onFirstDay.current.parsed.monthlyPrice, '300');
    const now = await service.offerOn(b);
    assert.equal(now.current.version, 2);
    assert.equal(now.current.parsed.monthlyPrice, '350');
    assert.deepEqual(
      now.versions.map((v) => [v.version, v.effective_from]),
      [
        [1, '2026-12-01'],
        [2, '2026-12-04'],
      ],
    );
    await assert.rejects(service.offerOn(b, '2026-11-01'), /not in effect on 2026-11-01/);

    const problems = await rejection(service.importOffers(csv([offerRow({ unique_plan_id: a, operator_id: 'OP-T2' })])));
    assert.deepEqual(problems, [`2 unique_plan_id: The plan id ${a} is already used by another plan, of operator OP-T1; a plan id is never reused.`]);

    const audit = await platform.db.kysely.selectFrom('audit_log').select(['action', 'entity_type']).where('action', '=', 'offers.imported').execute();
    assert.equal(audit.length, 2);
  });

  test(`rejects a whole file when any row is wrong, writing nothing [${database.dialect}]`, async () => {
    const { platform, service, csv } = await setup(database);
    const problems = await rejection(service.importOffers(csv(wrongRows())));
    assert.deepEqual(
      problems.map((p) => p.split(':')[0]),
      ['3 typical_latency', '4 operator_id', '5 addon_of'],
    );
    assert.equal(await service.countOffers(), 0);
    const imports = await platform.db.kysely.selectFrom('offer_imports').selectAll().execute();
    assert.equal(imports.length, 0);
  });

  test(`a JSON file names every problem by JSON pointer, those found against published offers too [${database.dialect}]`, async () => {
    const { service, csv } = await setup(database);
    const taken = planId('M', 1, 'TAKEN');
    await service.importOffers(csv([offerRow({ unique_plan_id: taken })]));
    const json = (rows: Record<string, string>[]) => ({ ...csv([]), text: JSON.stringify({ offers: rows }), format: 'json' as const });
    const problems = await rejection(service.importOffers(json([...wrongRows(), offerRow({ unique_plan_id: taken, operator_id: 'OP-T2' })])));
    assert.deepEqual(
      problems.map((p) => p.split(':')[0]),
      ['2 /offers/1/typical_latency', '3 /offers/2/operator_id', '4 /offers/3/addon_of', '5 /offers/4/unique_plan_id'],
    );
    const unknownOperator = await rejection(
      service.importOffers({ ...json([offerRow({ unique_plan_id: planId('M', 1, 'X'), operator_id: '' })]), operatorId: 'OP-NONE' }),
    );
    assert.deepEqual(unknownOperator, ['- operator_id: No operator has the licence id OP-NONE; add it first (kinga operators add).']);
  });

  test(`compares current offers, marks stale ones and names operators without current offers [${database.dialect}]`, async () => {
    const { platform, service, csv } = await setup(database);
    await service.importOffers(csv([offerRow({ unique_plan_id: planId('M', 2, 'OLD'), operator_id: 'OP-T2', monthly_price: '100' })]));
    platform.clock.advance(15 * DAY);
    await service.importOffers(csv([offerRow({ unique_plan_id: planId('M', 1, 'NEW'), monthly_price: '600' })]));
    const profile = { serviceType: 'mobile' as const, dataGb: '2', voiceMinutes: 70, sms: 20, minDownloadMbps: null, months: 12 };
    const comparison = await service.compare(profile, false);
    assert.deepEqual(
      comparison.ranking.results.map((r) => r.offer.record.planId),
      [planId('M', 1, 'NEW')],
    );
    assert.equal(comparison.ranking.staleLeftOut, 1);
    assert.deepEqual(comparison.operatorsWithoutOffers, [{ id: 'OP-T2', name: 'Other Mobile' }]);
    const all = await service.compare(profile, true);
    assert.deepEqual(
      all.ranking.results.map((r) => [r.offer.record.planId, r.offer.isStale]),
      [
        [planId('M', 2, 'OLD'), true],
        [planId('M', 1, 'NEW'), false],
      ],
    );

    // Publishing the same offer again confirms it: it is fresh again, with no new version.
    const again = await service.importOffers(csv([offerRow({ unique_plan_id: planId('M', 2, 'OLD'), operator_id: 'OP-T2', monthly_price: '100' })]));
    assert.deepEqual([again.newVersions, again.confirmed], [0, 1]);
    const fresh = await service.compare(profile, false);
    assert.equal(fresh.ranking.results[0]?.offer.record.planId, planId('M', 2, 'OLD'));
    assert.deepEqual(fresh.operatorsWithoutOffers, []);
  });

  test(`an operator whose only current offers are add-ons is named as having no current offer, since add-ons are never ranked alone [${database.dialect}]`, async () => {
    const { platform, service, csv } = await setup(database);
    const base = planId('M', 2, 'BASE');
    await service.importOffers(
      csv([
        offerRow({ unique_plan_id: base, operator_id: 'OP-T2' }),
        offerRow({ unique_plan_id: planId('M', 2, 'ADDON'), operator_id: 'OP-T2', addon_of: base }),
      ]),
    );
    platform.clock.advance(15 * DAY);
    await service.importOffers(
      csv([offerRow({ unique_plan_id: planId('M', 2, 'ADDON'), operator_id: 'OP-T2', addon_of: base }), offerRow({ unique_plan_id: planId('M', 1, 'NEW') })]),
    );
    const comparison = await service.compare({ serviceType: 'mobile', dataGb: '1', voiceMinutes: 0, sms: 0, minDownloadMbps: null, months: 1 }, false);
    assert.deepEqual(
      comparison.ranking.results.map((r) => r.offer.record.planId),
      [planId('M', 1, 'NEW')],
    );
    assert.deepEqual(comparison.operatorsWithoutOffers, [{ id: 'OP-T2', name: 'Other Mobile' }]);
  });

  test(`offers with future or past effective dates are compared only while in effect [${database.dialect}]`, async () => {
    const { platform, service, csv } = await setup(database);
    await service.importOffers(
      csv([
        offerRow({ unique_plan_id: planId('M', 1, 'LATER'), effective_from: '2026-12-10' }),
        offerRow({ unique_plan_id: planId('M', 1, 'ENDED'), effective_from: '2026-11-01', effective_to: '2026-12-01' }),
        offerRow({ unique_plan_id: planId('M', 1, 'NOW') }),
      ]),
    );
    const profile = { serviceType: 'mobile' as const, dataGb: '1', voiceMinutes: 0, sms: 0, minDownloadMbps: null, months: 1 };
    assert.deepEqual(
      (await service.compare(profile, false)).ranking.results.map((r) => r.offer.record.planId),
      [planId('M', 1, 'NOW')],
    );
    platform.clock.advance(10 * DAY);
    assert.deepEqual((await service.compare(profile, true)).ranking.results.map((r) => r.offer.record.planId).sort(), [
      planId('M', 1, 'LATER'),
      planId('M', 1, 'NOW'),
    ]);
  });

  test(`adds operators once and the demo data loads through the same validator [${database.dialect}]`, async () => {
    const { platform, service } = await setup(database);
    await assert.rejects(service.addOperator(SYSTEM, 'OP-T1', 'Again'), /exists already/);
    await assert.rejects(service.addOperator(SYSTEM, 'bad id!', 'X'), /not valid/);
    // An operator's name reaches exports that spreadsheets open: it may not start as a formula.
    for (const name of ['=HYPERLINK("x")', ' +1', '-x', '@x', '\tTab Mobile']) {
      await assert.rejects(
        service.addOperator(SYSTEM, 'OP-T9', name),
        (error: unknown) => error instanceof AppError && error.problems.some((p) => p.field === 'name' && /formula/.test(p.message)),
        name,
      );
    }
    await offersModule.seedDemo?.(platform);
    await offersModule.seedDemo?.(platform);
    assert.equal(await service.countOffers(), 29);
    const history = await service.offerOn('M9900000001SVM10GB30000000');
    assert.deepEqual(
      history.versions.map((v) => JSON.parse(v.record).monthlyPrice),
      ['1100', '1000'],
    );
    const comparison = await service.compare({ serviceType: 'mobile', dataGb: '2', voiceMinutes: 70, sms: 20, minDownloadMbps: null, months: 12 }, false);
    assert.deepEqual(
      comparison.operatorsWithoutOffers.map((o) => o.id),
      ['OP-DEMO-4', 'OP-T1', 'OP-T2'],
    );
    assert.ok(comparison.ranking.results.length >= 10);
  });
}
