import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCommandRunner } from '../../../test/helpers/command-runner.ts';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../test/helpers/platform.ts';
import { allMigrations } from '../../platform/create.ts';
import type { MailMessage, Mailer } from '../../platform/notify/index.ts';
import { createOfferServiceFor, offersModule } from '../offers/index.ts';
import { complaintsModule, createComplaintServiceFor } from './index.ts';
import { registerComplaintsCommands } from './complaints.cli.ts';
import { zonedInstant } from './cases/zoned-instant.ts';
import { complaintSubmission } from './testing/complaint-answers.ts';

// Issue 13 item 15: `kinga complaints show` takes the reference the consumer was given as well as
// a case reference, and prints times in the jurisdiction's time zone with the offset.
const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));

describe("instants in the jurisdiction's time zone", () => {
  it('writes an instant as local time with its offset, across daylight-saving changes', () => {
    assert.equal(zonedInstant('2026-12-01T09:00:00.000Z', 'Africa/Nairobi'), '2026-12-01T12:00:00+03:00');
    assert.equal(zonedInstant('2026-12-03T20:59:59.999Z', 'Africa/Nairobi'), '2026-12-03T23:59:59+03:00');
    assert.equal(zonedInstant('2026-07-01T12:00:00Z', 'Europe/Paris'), '2026-07-01T14:00:00+02:00');
    assert.equal(zonedInstant('2026-01-01T12:00:00Z', 'Europe/Paris'), '2026-01-01T13:00:00+01:00');
  });
});

for (const database of databases.all) {
  describe(`kinga complaints show (${database.dialect})`, () => {
    it("shows every case of the consumer's filing reference, or one case, with local times and their offset", async () => {
      const mailer: Mailer = { send: async (_m: MailMessage) => undefined, close: async () => undefined };
      const platform = await createTestPlatform(await database.fresh(), { modules, mailer });
      const offers = createOfferServiceFor(platform);
      await offers.addOperator({ type: 'system', id: null }, 'OP-S-1', 'Show One');
      await offers.addOperator({ type: 'system', id: null }, 'OP-S-2', 'Show Two');
      const filed = await createComplaintServiceFor(platform).file(
        { type: 'system', id: null },
        complaintSubmission({
          operatorIds: ['OP-S-1', 'OP-S-2'],
          description: 'Charged twice for the bundle.',
          consumer: { name: 'Show Person', email: 'show@example.org', language: 'en' },
        }),
      );
      const { run } = createCommandRunner(platform, registerComplaintsCommands);

      // Filed at 09:00 UTC on 1 December 2026: noon in Nairobi; the assessment is due two business days later at local midnight.
      const text = await run('complaints', 'show', filed.reference.toLowerCase());
      for (const c of filed.cases) assert.match(text, new RegExp(c.reference), 'every case of the filing');
      assert.match(text, /Show One \(OP-S-1\)/);
      assert.match(text, /filed 2026-12-01 12:00:00 \+03:00/);
      assert.match(text, /received\s+due 2026-12-03 23:59:59 \+03:00 open/);
      assert.match(text, /Africa\/Nairobi/);

      const one = JSON.parse(await run('complaints', 'show', filed.cases[0]!.reference, '--json')) as {
        reference: string;
        filedAt: string;
        timeZone: string;
        deadlines: Array<{ dueAt: string }>;
      };
      assert.equal(one.reference, filed.cases[0]!.reference);
      assert.equal(one.filedAt, '2026-12-01T12:00:00+03:00');
      assert.equal(one.timeZone, 'Africa/Nairobi');
      assert.equal(one.deadlines[0]?.dueAt, '2026-12-03T23:59:59+03:00');
      const all = JSON.parse(await run('complaints', 'show', filed.reference, '--json')) as { reference: string; cases: Array<{ reference: string }> };
      assert.equal(all.reference, filed.reference);
      assert.deepEqual(all.cases.map((c) => c.reference).sort(), filed.cases.map((c) => c.reference).sort());

      await assert.rejects(run('complaints', 'show', 'C-000000000000-0'), /There is no complaint with the reference C-000000000000-0/);
    });
  });
}
