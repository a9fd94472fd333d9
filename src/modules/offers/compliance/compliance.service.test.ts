import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../index.ts';
import { offerRow } from '../testing/offer-rows.ts';
import { createPublishingPlatform, DAY, PLAN_A as A, PLAN_B as B } from '../testing/publishing-platform.ts';
import { createComplianceServiceFor } from './compliance.wiring.ts';

const databases = openTestDatabases(allMigrations([offersModule]));

async function setup(database: (typeof databases.all)[number]) {
  const published = await createPublishingPlatform(database);
  return { ...published, compliance: createComplianceServiceFor(published.platform, published.offers) };
}

for (const database of databases.all) {
  test(`the compliance view counts current and stale offers, lists findings and operators without offers, and is audited [${database.dialect}]`, async () => {
    const { platform, publish, compliance } = await setup(database);
    await publish([offerRow({ unique_plan_id: B, operator_id: 'OP-T2' })]);
    platform.clock.advance(15 * DAY);
    await publish([
      offerRow({
        unique_plan_id: A,
        typical_latency: '30',
        typical_upload_speed: '5',
        customer_support_phone: '+254 700 000 100',
        customer_support_web: 'https://t.example/s',
        privacy_policy_url: 'https://t.example/p',
        network_management_policy_url: 'https://t.example/n',
        data_allowance_policy_url: 'https://t.example/d',
        is_promotional: 'Yes',
      }),
    ]);
    const report = await compliance.compliance({ type: 'user', id: 'officer-1' });
    assert.deepEqual(
      report.operators.map((o) => [o.operatorId, o.currentOffers, o.staleOffers, o.findings.map((f) => f.kind), o.operatorFinding]),
      [
        ['OP-T1', 1, 0, ['promotion_without_end'], null],
        ['OP-T2', 0, 1, ['missing_fields', 'missing_policy_links'], 'all_stale'],
        ['OP-T3', 0, 0, [], 'no_offers'],
      ],
    );
    assert.deepEqual(
      report.operatorsWithoutCurrentOffers.map((o) => o.id),
      ['OP-T2', 'OP-T3'],
    );
    assert.equal(report.freshnessDays, 14);
    const audit = await platform.db.kysely.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'offers.compliance.viewed').execute();
    assert.deepEqual(
      audit.map((a) => a.actor_id),
      ['officer-1'],
    );
  });
}
