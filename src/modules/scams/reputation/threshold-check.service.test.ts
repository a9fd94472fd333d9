import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createScamReportIntakeFor } from '../reporting/scam-report.wiring.ts';
import { scamsCoreOf } from '../scams.wiring.ts';
import { createScamsTestApp, SCAMS_TEST_MODULES } from '../testing/scams-platform.ts';

const databases = openTestDatabases(allMigrations(SCAMS_TEST_MODULES));
const DAY = 86_400_000;
const T0 = '2026-12-01T09:00:00.000Z';
const system = { type: 'system' as const, id: null };

/** Files a report by reporter `n` (verified a week before T0) of `sender`, the scam an hour before. */
async function fileBy(platform: Platform, n: number, sender: string): Promise<string> {
  const now = platform.clock.now();
  const filed = await createScamReportIntakeFor(platform).file({
    channel: 'api',
    reporterNumber: `+2547220${String(n).padStart(5, '0')}`,
    verifiedAt: new Date(Date.parse(T0) - 7 * DAY).toISOString(),
    sender,
    occurredAt: new Date(now.getTime() - 3_600_000).toISOString(),
    medium: 'call',
    category: 'impersonation',
    text: `Call from ${sender} claiming to be the bank`,
    language: 'en',
  });
  assert.ok(filed.ok);
  return filed.value.identifierIds[0] ?? '';
}

async function stateOf(platform: Platform, id: string) {
  const row = await platform.db.kysely.selectFrom('scam_identifiers').select(['state', 'threshold_reached_at']).where('id', '=', id).executeTakeFirstOrThrow();
  return { state: row.state, at: row.threshold_reached_at === null ? null : new Date(row.threshold_reached_at).toISOString() };
}

/** Files one report per day given, each by another person, from T0. */
async function reportOnDays(platform: Platform & { clock: { set(at: string): void } }, days: readonly number[], sender: string, firstReporter = 0) {
  let id = '';
  for (const [i, day] of days.entries()) {
    platform.clock.set(new Date(Date.parse(T0) + day * DAY).toISOString());
    id = await fileBy(platform, firstReporter + i, sender);
  }
  return id;
}

for (const database of databases.all) {
  test(`five people on days 0, 2, 4, 6 and 9.9 bring a number to review on day 9.9; 10.5 does not [${database.dialect}]`, async () => {
    const { platform } = await createScamsTestApp(database);
    const reached = await reportOnDays(platform, [0, 2, 4, 6, 9.9], '+254799000111');
    assert.deepEqual(await stateOf(platform, reached), { state: 'threshold_reached', at: new Date(Date.parse(T0) + 9.9 * DAY).toISOString() });
    const events = await platform.db.kysely.selectFrom('scam_identifier_events').selectAll().where('identifier_id', '=', reached).execute();
    assert.deepEqual(
      events.map((e) => [e.from_state, e.to_state, e.reason]),
      [['reported', 'threshold_reached', 'threshold']],
    );
    const notYet = await reportOnDays(platform, [0, 2, 4, 6, 10.5], '+254799000222', 10);
    assert.deepEqual(await stateOf(platform, notYet), { state: 'reported', at: null });
  });

  test(`one person reporting five times counts once; a reporter verified an hour ago counts zero [${database.dialect}]`, async () => {
    const { platform } = await createScamsTestApp(database);
    platform.clock.set(T0);
    let id = '';
    for (let i = 0; i < 5; i += 1) id = await fileBy(platform, 1, 'FAKEBANK');
    assert.equal((await stateOf(platform, id)).state, 'reported');
    for (let i = 2; i <= 4; i += 1) await fileBy(platform, i, 'FAKEBANK');
    const fresh = await createScamReportIntakeFor(platform).file({
      channel: 'sms',
      reporterNumber: '+254733000999',
      verifiedAt: new Date(Date.parse(T0) - 3_600_000).toISOString(),
      sender: 'FAKEBANK',
      occurredAt: T0,
      medium: 'sms',
      category: 'other',
      text: 'Your account is blocked',
      language: 'en',
    });
    assert.ok(fresh.ok);
    assert.equal((await stateOf(platform, id)).state, 'reported', 'four counting reporters and a fresh one');
    await fileBy(platform, 5, 'FAKEBANK');
    assert.equal((await stateOf(platform, id)).state, 'threshold_reached');
  });

  test(`after a rejection only reports that came since count, and the move says reported again [${database.dialect}]`, async () => {
    const { platform } = await createScamsTestApp(database);
    const id = await reportOnDays(platform, [0, 1, 2, 3], '+254799000333');
    const { states } = scamsCoreOf(platform);
    assert.equal((await states.move({ identifierId: id, to: 'under_review', actor: system, reason: 'reviewOpened' })).ok, true);
    assert.equal((await states.move({ identifierId: id, to: 'rejected', actor: system, reason: 'reviewersRejected' })).ok, true);
    await reportOnDays(platform, [3.5], '+254799000333', 20);
    assert.equal((await stateOf(platform, id)).state, 'rejected', 'the four before the rejection no longer count');
    await reportOnDays(platform, [4, 4.5, 5, 5.5], '+254799000333', 30);
    const events = await platform.db.kysely.selectFrom('scam_identifier_events').selectAll().where('identifier_id', '=', id).orderBy('at').execute();
    assert.deepEqual(
      events.map((e) => [e.to_state, e.reason]),
      [
        ['under_review', 'reviewOpened'],
        ['rejected', 'reviewersRejected'],
        ['threshold_reached', 'reportedAgain'],
      ],
    );
  });
}
