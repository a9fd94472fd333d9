import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { createOfferServiceFor, offersModule } from '../../offers/index.ts';
import { complaintsModule, createComplaintServiceFor, createComplaintStatusServiceFor } from '../index.ts';
import { SILENT_MAILER } from '../testing/complaints-app.ts';
import { complaintSubmission } from '../testing/complaint-answers.ts';

const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));

for (const database of databases.all) {
  test(`the status by reference gives each case's stage and due date, and nothing for a malformed or unknown reference alike [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules, mailer: SILENT_MAILER });
    const offers = createOfferServiceFor(platform);
    await offers.addOperator({ type: 'system', id: null }, 'OP-T-1', 'Test Savanna');
    await offers.addOperator({ type: 'system', id: null }, 'OP-T-2', 'Test Baobab');
    const filed = await createComplaintServiceFor(platform).file(
      { type: 'system', id: null },
      complaintSubmission({
        operatorIds: ['OP-T-1', 'OP-T-2'],
        description: 'I was charged twice.',
        consumer: { name: 'Amina Test', email: 'amina@example.org', language: 'en' },
      }),
    );
    const status = createComplaintStatusServiceFor(platform);
    const [first] = filed.cases;
    assert.ok(first);
    // Typed as people do: lower case, spaces, no dashes.
    const typed = first.reference.toLowerCase().replace(/-/g, ' ');
    assert.deepEqual(await status.statusOf(typed), [
      { reference: first.reference, stage: 'received', dueAt: '2026-12-03T20:59:59.999Z', isWaitingForConsumer: false },
    ]);
    const ofFiling = await status.statusOf(filed.reference);
    assert.deepEqual(
      ofFiling.map((s) => s.reference),
      filed.cases.map((c) => c.reference).sort(),
    );
    // A reference with a right check character that names nothing, and one with a wrong one, answer alike.
    const unknown = `K-${'0'.repeat(12)}-0`;
    assert.deepEqual(await status.statusOf(unknown), []);
    assert.deepEqual(await status.statusOf(`${first.reference.slice(0, -1)}${first.reference.endsWith('1') ? '2' : '1'}`), []);
    assert.deepEqual(await status.statusOf('x'.repeat(5000)), []);
  });
}
