import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestClock, createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { checkRecordKinds, retentionCutoff } from '../../../platform/privacy/retention-schedule.ts';
import { privacyModule } from '../index.ts';
import { createRequestServiceFor, requestKindsOf } from './requests.wiring.ts';
import { createTestFulfilment } from './testing/request-fixtures.ts';

const databases = openTestDatabases(allMigrations([privacyModule]));
const officer = { type: 'user' as const, id: 'officer-1' };

for (const database of databases.all) {
  test(`the requests' kinds: found by the keyed hashes, kept on erasure, anonymised three years after closing and archives deleted after 30 days, unless held [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [privacyModule], clock: createTestClock('2026-12-01T09:00:00Z') });
    const service = createRequestServiceFor(platform, createTestFulfilment());
    const kinds = requestKindsOf(platform);
    assert.deepEqual(checkRecordKinds(kinds), []);
    assert.ok(
      platform.recordKinds.some((k) => k.name === 'privacy.requests'),
      'the module declares its kinds',
    );
    const [requests, archives] = kinds;
    assert.ok(requests?.subject && archives);
    const entry = (email: string, type: string) => ({
      type,
      channel: 'paper',
      receivedOn: '2026-12-01',
      emails: email,
      phones: '',
      deviceIds: 'app-7f3a',
      details: `Request of ${email}`,
      language: 'en',
      notifyBy: 'email',
      isIdentityChecked: true,
    });
    const mine = await service.enterRequest(officer, entry('wanjiku@example.org', 'access'));
    const other = await service.enterRequest(officer, entry('otieno@example.org', 'access'));
    const held = await service.enterRequest(officer, entry('held@example.org', 'objection'));
    assert.ok(mine.ok && other.ok && held.ok);
    await service.act(officer, mine.value.id, { action: 'runAccess' });
    await service.act(officer, other.value.id, { action: 'withdraw' });
    await service.act(officer, held.value.id, { action: 'recordAnswer', note: 'Stopped.' });

    const found = await requests.subject.find({ emails: ['wanjiku@example.org'], phones: [], deviceIds: [] });
    assert.deepEqual(
      found.map((r) => [r.id, r.fields['details']]),
      [[mine.value.id, 'Request of wanjiku@example.org']],
    );
    assert.equal((await requests.subject.find({ emails: [], phones: [], deviceIds: ['app-7f3a'] })).length, 3, 'a device id finds its requests');
    const erased = await requests.subject.erase(
      { emails: ['wanjiku@example.org'], phones: [], deviceIds: [] },
      { now: '2026-12-01T09:00:00Z', heldIds: new Set() },
    );
    assert.deepEqual(erased.outcomes, [{ id: mine.value.id, result: 'kept', reason: 'legalObligation' }]);

    // Thirty days and one: the archive is due; three years and one day after closing, the requests are.
    const archiveRun = { rule: archives.defaultRule, now: '2027-01-01T09:00:00Z', heldIds: new Set<string>() };
    const archiveCutoff = retentionCutoff('P30D', new Date('2027-01-01T09:00:00Z'), 'Africa/Nairobi');
    assert.equal(
      await archives.retention.run({ ...archiveRun, cutoff: retentionCutoff('P30D', new Date('2026-12-31T09:00:00Z'), 'Africa/Nairobi'), dryRun: true }),
      0,
    );
    assert.equal(await archives.retention.run({ ...archiveRun, cutoff: archiveCutoff, dryRun: true }), 1);
    assert.equal(await archives.retention.run({ ...archiveRun, cutoff: archiveCutoff, dryRun: false }), 1);
    assert.equal(
      await platform.db.kysely
        .selectFrom('privacy_request_archives')
        .selectAll()
        .execute()
        .then((r) => r.length),
      0,
    );

    const now = new Date('2029-12-02T09:00:00Z');
    const run = {
      rule: requests.defaultRule,
      cutoff: retentionCutoff('P3Y', now, 'Africa/Nairobi'),
      now: now.toISOString(),
      heldIds: new Set([held.value.id]),
    };
    assert.equal(await requests.retention.run({ ...run, dryRun: true }), 2);
    assert.equal(await requests.retention.run({ ...run, dryRun: false }), 2);
    assert.equal(await requests.retention.run({ ...run, dryRun: false }), 0, 'anonymised once');
    const rows = await platform.db.kysely.selectFrom('privacy_requests').select(['id', 'identity_enc', 'details_enc', 'state']).orderBy('reference').execute();
    for (const row of rows) {
      const isHeld: boolean = row.id === held.value.id;
      assert.equal(row.identity_enc === '', !isHeld, `${row.state}: anonymised unless held`);
    }
    assert.deepEqual(await requests.subject.find({ emails: ['wanjiku@example.org'], phones: [], deviceIds: [] }), [], 'no longer found by the address');
    const events = await platform.db.kysely
      .selectFrom('privacy_request_events')
      .select('kind')
      .where('request_id', '=', mine.value.id)
      .orderBy('seq')
      .execute();
    assert.ok(events.length >= 3, 'the dated log stays as proof');

    assert.equal(await requests.retention.run({ ...run, rule: { ...requests.defaultRule, action: 'delete' }, heldIds: new Set(), dryRun: false }), 3);
    assert.equal(
      await platform.db.kysely
        .selectFrom('privacy_requests')
        .selectAll()
        .execute()
        .then((r) => r.length),
      0,
    );
  });
}
