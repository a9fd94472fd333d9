import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../test/helpers/platform.ts';
import { allMigrations } from '../../platform/create.ts';
import { retentionCutoff } from '../../platform/privacy/retention-schedule.ts';
import type { RetentionRule, SubjectIdentity } from '../../platform/privacy/record-kinds.ts';
import { offersModule } from './index.ts';
import { seedOffersPersonEverywhere } from './testing/offer-person.ts';

const databases = openTestDatabases(allMigrations([offersModule]));
const RULE: RetentionRule = { period: 'P1D', trigger: 'lastActivity', action: 'delete', legalBasis: 'consent' };
const AMINA: SubjectIdentity = { emails: ['amina@example.org'], phones: ['+254700000001'], deviceIds: [] };
const BARAKA: SubjectIdentity = { emails: ['baraka@example.org'], phones: [], deviceIds: [] };

const runOf = (now: string, options: { held?: readonly string[]; dryRun?: boolean } = {}) => ({
  rule: RULE,
  cutoff: retentionCutoff(RULE.period, new Date(now), 'Africa/Nairobi'),
  now,
  dryRun: options.dryRun ?? false,
  heldIds: new Set(options.held ?? []),
});

for (const database of databases.all) {
  async function setUp() {
    const platform = await createTestPlatform(await database.fresh(), { modules: [offersModule], env: { PUBLIC_URL: 'https://kinga.test' } });
    const kind = platform.recordKinds.find((k) => k.name === 'offers.priceAlerts');
    assert.ok(kind);
    const rows = () => platform.db.kysely.selectFrom('offer_subscriptions').select(['id', 'status', 'channel']).orderBy('id').execute();
    return { platform, kind, rows };
  }

  describe(`price-alert subscriptions as a kind of record (${database.dialect})`, () => {
    it('deletes an unconfirmed request the day after its seven days to confirm ended, not a day sooner, never when held, and never an active one', async () => {
      const { platform, kind, rows } = await setUp();
      assert.deepEqual(kind.defaultRule, RULE);
      // Asked at noon in Nairobi on 1 December 2026.
      platform.clock.set('2026-12-01T09:00:00.000Z');
      await seedOffersPersonEverywhere(platform, AMINA);
      const byMail = (await rows()).find((r) => r.channel === 'email');
      const byText = (await rows()).find((r) => r.channel === 'sms');
      platform.clock.set('2026-12-02T09:00:00.000Z');
      await seedOffersPersonEverywhere(platform, BARAKA);
      const younger = (await rows()).find((r) => r.id !== byMail!.id && r.id !== byText!.id)!;
      // An active subscription is kept until its person unsubscribes.
      await platform.db.kysely.updateTable('offer_subscriptions').set({ status: 'active' }).where('id', '=', byText!.id).execute();

      // Lapsed at noon on 8 December: kept through the 9th.
      assert.equal(await kind.retention.run(runOf('2026-12-09T20:00:00.000Z')), 0, 'kept through 9 December');
      assert.equal(await kind.retention.run(runOf('2026-12-10T03:00:00.000Z', { dryRun: true })), 1);
      assert.equal((await rows()).length, 3, 'a dry run deletes nothing');
      assert.equal(await kind.retention.run(runOf('2026-12-10T03:00:00.000Z', { held: [byMail!.id] })), 0, 'a held request stays');
      assert.equal(await kind.retention.run(runOf('2026-12-10T03:00:00.000Z')), 1);
      assert.deepEqual(
        (await rows()).map((r) => r.id),
        [byText!.id, younger.id].sort(),
      );
      assert.equal(await kind.retention.run(runOf('2026-12-11T03:00:00.000Z')), 1, 'the younger request a day later');
    });

    it("finds a person's subscriptions by address and by number, decrypted, not another person's, and erases them all", async () => {
      const { platform, kind, rows } = await setUp();
      const subject = kind.subject!;
      const { planId } = await seedOffersPersonEverywhere(platform, AMINA);
      await seedOffersPersonEverywhere(platform, BARAKA);

      const found = await subject.find(AMINA);
      assert.deepEqual(found.map((r) => [r.fields['planId'], r.fields['channel'], r.fields['email'], r.fields['phone'], r.fields['status']]).sort(), [
        [planId, 'email', 'amina@example.org', null, 'pending'],
        [planId, 'sms', null, '+254700000001', 'pending'],
      ]);
      assert.equal((await subject.find({ emails: [], phones: ['+254700000001'], deviceIds: [] })).length, 1);
      assert.deepEqual(await subject.find({ emails: ['nobody@example.org'], phones: [], deviceIds: [] }), []);

      const held = found[0]!.id;
      const erased = await subject.erase(AMINA, { now: '2026-12-01T09:00:00.000Z', heldIds: new Set([held]) });
      assert.deepEqual(erased.operatorIds, []);
      assert.deepEqual(erased.outcomes.map((o) => o.result).sort(), ['erased', 'kept']);
      assert.deepEqual(
        (await subject.find(AMINA)).map((r) => r.id),
        [held],
        'only the held one is still found',
      );
      const again = await subject.erase(AMINA, { now: '2026-12-01T09:00:00.000Z', heldIds: new Set() });
      assert.deepEqual(again.outcomes, [{ id: held, result: 'erased' }]);
      assert.deepEqual(await subject.find(AMINA), []);
      assert.equal((await rows()).length, 1, "another person's subscription stays");
    });
  });
}
