import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCommandRunner } from '../../../../test/helpers/command-runner.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../../offers/index.ts';
import { complaintsModule, createComplaintServiceFor } from '../index.ts';
import { createAuthServiceFor, seedDemoAccounts } from '../../../platform/auth/index.ts';
import { readListRequest } from '../cases/complaint-list-page.ts';
import { registerComplaintsCommands } from '../complaints.cli.ts';

const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));

for (const database of databases.all) {
  describe(`complaints demo and CLI (${database.dialect})`, () => {
    it('loads cases in many stages once, with an untimely and extra-support cases, and shows one as JSON', async () => {
      const platform = await createTestPlatform(await database.fresh(), { modules, mailer: { send: async () => undefined, close: async () => undefined } });
      await seedDemoAccounts(platform);
      await offersModule.seedDemo?.(platform);
      await complaintsModule.seedDemo?.(platform);
      await complaintsModule.seedDemo?.(platform);
      const cases = await platform.db.kysely
        .selectFrom('complaint_cases')
        .select(['reference', 'stage', 'is_untimely', 'has_extra_support', 'operator_id'])
        .execute();
      // 14 walked through the service, 246 settled ones of the statistical background.
      assert.equal(cases.length, 14 + 246);
      const stages = new Set(cases.map((c) => c.stage));
      for (const stage of ['received', 'referred_to_operator', 'operator_responded', 'resolution_proposed', 'accepted', 'investigation', 'decision', 'closed'])
        assert.ok(stages.has(stage as never), `a demo case is at ${stage}`);
      assert.ok(cases.some((c) => Boolean(c.is_untimely)));
      assert.ok(cases.filter((c) => Boolean(c.has_extra_support)).length >= 3);
      // The demo association's representative finds its filing in the association's own list.
      const representative = (await createAuthServiceFor(platform).listAccounts({ kind: 'system' })).find((a) => a.role === 'association_rep');
      assert.ok(representative);
      const listed = await createComplaintServiceFor(platform).association.list(
        { actor: { type: 'user', id: representative.id }, userId: representative.id, role: 'association_rep' },
        readListRequest({}),
      );
      assert.equal(listed.total, 1);
      const subscribers = await platform.db.kysely.selectFrom('complaint_subscribers').selectAll().execute();
      assert.ok(subscribers.length >= 16);

      // The case walked through the service and still open; the settled background has closed
      // untimely cases too, and PostgreSQL returns rows in no set order.
      const untimely = cases.find((c) => Boolean(c.is_untimely) && c.stage !== 'closed');
      assert.ok(untimely);
      const { run } = createCommandRunner(platform, registerComplaintsCommands);
      const shown = JSON.parse(await run('complaints', 'show', untimely.reference, '--json')) as {
        reference: string;
        stage: string;
        isUntimely: boolean;
        deadlines: Array<{ stage: string; isMissed: boolean }>;
      };
      assert.equal(shown.reference, untimely.reference);
      assert.equal(shown.stage, 'investigation');
      assert.equal(shown.isUntimely, true);
      assert.ok(shown.deadlines.some((d) => d.stage === 'referred_to_operator' && d.isMissed));
    });
  });
}
