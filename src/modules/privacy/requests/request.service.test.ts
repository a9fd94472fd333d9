import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestClock, createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { MailMessage, Mailer } from '../../../platform/notify/index.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import { privacyModule } from '../index.ts';
import { createRequestServiceFor } from './requests.wiring.ts';
import { createTestFulfilment } from './testing/request-fixtures.ts';
import type { LegalClock } from '../../../platform/legal-clock.ts';
import type { Platform } from '../../../platform/platform.ts';

const databases = openTestDatabases(allMigrations([privacyModule]));
const officer = { type: 'user' as const, id: 'officer-1' };
const CCPA: LegalClock = { answer: { days: 45 }, extended: { days: 90 }, acknowledge: { businessDays: 10 }, rollForward: false, stopsForIdentity: false };

async function setup(database: (typeof databases.all)[number], now: string, clock?: LegalClock) {
  const sent: MailMessage[] = [];
  const mailer: Mailer = { send: async (message) => void sent.push(message), close: async () => undefined };
  const base = await createTestPlatform(await database.fresh(), { modules: [privacyModule], mailer, clock: createTestClock(now) });
  const platform: Platform = clock
    ? { ...base, settings: { ...base.settings, privacy: { ...base.settings.privacy, requests: { ...base.settings.privacy.requests, clock } } } }
    : base;
  // Reads the platform's database, as the real fulfilment does: on SQLite, inside a transaction, that would wait forever.
  const fulfilment = createTestFulfilment({ readDatabase: () => base.db.kysely.selectFrom('privacy_requests').select('id').execute() });
  const service = createRequestServiceFor(platform, fulfilment);
  const mail = async () => {
    await platform.jobs.runDue();
    return sent.splice(0);
  };
  return { platform, clock: base.clock, service, fulfilment, mail };
}

const entry = (receivedOn: string, overrides: Record<string, unknown> = {}) => ({
  type: 'access',
  channel: 'paper',
  receivedOn,
  emails: 'Amina.Wanjiru@example.org',
  phones: '',
  deviceIds: '',
  details: 'Please send me everything you hold about my complaint.',
  language: 'en',
  notifyBy: 'email',
  isIdentityChecked: true,
  ...overrides,
});

async function enter(service: Awaited<ReturnType<typeof setup>>['service'], receivedOn: string, overrides: Record<string, unknown> = {}) {
  const outcome = await service.enterRequest(officer, entry(receivedOn, overrides));
  assert.ok(outcome.ok, JSON.stringify(outcome));
  return service.openRequest(officer, outcome.value.id);
}

for (const database of databases.all) {
  test(`the GDPR vectors of the issue, with the demo profile's Kenyan holidays, are the dates of requests entered by staff [${database.dialect}]`, async () => {
    const { service } = await setup(database, '2028-06-01T09:00:00Z');
    const vectors: [string, string, string | null][] = [
      ['2026-01-30', '2026-03-02', '2026-04-30'],
      ['2026-08-31', '2026-09-30', null],
      ['2028-01-30', '2028-02-29', null],
      ['2026-11-25', '2026-12-28', null],
      ['2026-11-12', '2026-12-14', null],
    ];
    for (const [received, due, extended] of vectors) {
      const { request } = await enter(service, received);
      assert.equal(request.due_on, due, `received ${received}`);
      assert.equal(request.current_due_on, due);
      assert.equal(request.acknowledge_by, null, 'the GDPR asks no acknowledgement');
      if (extended) assert.equal(request.extended_due_on, extended);
    }
  });

  test(`a CCPA-style clock gives 45 days, 90 extended and an acknowledgement within 10 business days, and waiting for identity does not stop it [${database.dialect}]`, async () => {
    const { service, clock } = await setup(database, '2026-11-02T09:00:00Z', CCPA);
    const { request } = await enter(service, '2026-11-02', { isIdentityChecked: false });
    assert.deepEqual([request.due_on, request.extended_due_on, request.acknowledge_by], ['2026-12-17', '2027-01-31', '2026-11-16']);
    assert.equal(request.state, 'awaitingIdentity');
    clock.set(new Date('2026-11-09T09:00:00Z'));
    assert.deepEqual(await service.act(officer, request.id, { action: 'identityProved' }), { ok: true, value: null });
    const after = await service.openRequest(officer, request.id);
    assert.equal(after.request.due_on, '2026-12-17', 'this clock does not stop for identity');
    assert.equal(after.request.state, 'received');
  });

  test(`a paper request waiting for identity stops the GDPR clock; each pause is logged with its reason and who; proof restarts it [${database.dialect}]`, async () => {
    const { service, clock } = await setup(database, '2026-11-12T08:00:00Z');
    const { request } = await enter(service, '2026-11-12', { isIdentityChecked: false, type: 'erasure' });
    assert.equal(request.state, 'awaitingIdentity');
    clock.set(new Date('2026-11-20T08:00:00Z'));
    await service.act(officer, request.id, { action: 'identityProved', note: 'Copy of national ID card received by post' });
    let detail = await service.openRequest(officer, request.id);
    // One month from 12 November is 12 December, a holiday; eight days stopped make it Sunday 20 December, so Monday 21.
    assert.equal(detail.request.due_on, '2026-12-21');
    assert.equal(detail.request.paused_days, 8);
    clock.set(new Date('2026-11-23T08:00:00Z'));
    const refused = await service.act(officer, request.id, { action: 'pause', note: '' });
    assert.deepEqual(refused, { ok: false, issues: [{ field: 'note', messageKey: 'privacy.requests.error.reasonMissing' }] });
    await service.act(officer, request.id, { action: 'pause', note: 'The address on the letter differs from the one we hold' });
    clock.set(new Date('2026-11-25T08:00:00Z'));
    await service.act(officer, request.id, { action: 'resume' });
    detail = await service.openRequest(officer, request.id);
    assert.equal(detail.request.paused_days, 10);
    assert.equal(detail.request.due_on, '2026-12-22');
    assert.deepEqual(
      detail.events.map((e) => [e.kind, e.actor_id, e.note]),
      [
        ['received', 'officer-1', null],
        ['paused', 'officer-1', null],
        ['noticeSent', null, null],
        ['identityProved', 'officer-1', 'Copy of national ID card received by post'],
        ['paused', 'officer-1', 'The address on the letter differs from the one we hold'],
        ['resumed', 'officer-1', null],
      ],
    );
  });

  test(`an extension needs a reason, is allowed only before the first due date passes, and sends the person a notice in their language [${database.dialect}]`, async () => {
    const { service, clock, mail, platform } = await setup(database, '2026-01-30T09:00:00Z');
    const { request } = await enter(service, '2026-01-30', { language: 'fr' });
    const [receipt] = await mail();
    assert.equal(receipt?.to, 'amina.wanjiru@example.org');
    assert.match(receipt?.text ?? '', new RegExp(request.reference));
    assert.match(receipt?.text ?? '', /2 mars 2026/, 'the due date in French');
    assert.deepEqual(await service.act(officer, request.id, { action: 'extend', note: ' ' }), {
      ok: false,
      issues: [{ field: 'note', messageKey: 'privacy.requests.error.reasonMissing' }],
    });
    clock.set(new Date('2026-03-02T20:00:00Z'));
    assert.equal((await service.act(officer, request.id, { action: 'extend', note: 'Records in three modules and two operators' })).ok, true);
    const detail = await service.openRequest(officer, request.id);
    assert.equal(detail.request.state, 'extended');
    assert.equal(detail.request.current_due_on, '2026-04-30');
    const [notice] = await mail();
    assert.match(notice?.text ?? '', /30 avril 2026/);
    assert.ok(detail.events.some((e) => e.kind === 'extended' && e.note === 'Records in three modules and two operators'));
    assert.ok(detail.events.some((e) => e.kind === 'noticeSent' && e.details_json?.includes('"extended"')));
    const audit = await platform.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', request.id).orderBy('seq').execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['privacy.request.received', 'privacy.request.viewed', 'privacy.request.extend', 'privacy.request.viewed'],
    );

    const late = await enter(service, '2026-01-30');
    clock.set(new Date('2026-03-03T06:00:00Z'));
    await assert.rejects(service.act(officer, late.request.id, { action: 'extend', note: 'Too late' }), Conflict, 'the first due date has passed');
  });

  test(`an access request's archive is stored sealed; an erasure keeping an open case is answered and runs again until final, under the policy of its receipt [${database.dialect}]`, async () => {
    const { service, fulfilment, platform } = await setup(database, '2026-12-01T09:00:00Z');
    const access = await enter(service, '2026-12-01', { phones: '0712 345 678' });
    await service.act(officer, access.request.id, { action: 'runAccess' });
    const answered = await service.openRequest(officer, access.request.id);
    assert.equal(answered.request.state, 'answered');
    assert.deepEqual(answered.archive?.places, [{ kind: 'complaints.complaints', records: 2 }]);
    assert.deepEqual(fulfilment.calls[0]?.identity, { emails: ['amina.wanjiru@example.org'], phones: ['+254712345678'], deviceIds: [] });
    const stored = await platform.db.kysely.selectFrom('privacy_request_archives').selectAll().executeTakeFirstOrThrow();
    // Sealed: neither the person's address nor the archive's first bytes, as text or in base64, are in the stored text.
    const archiveStart = Buffer.from('PK\x03\x04{"reference"').toString('base64').slice(0, 16);
    assert.match(stored.bytes_enc, /^v1:/);
    assert.ok(!stored.bytes_enc.includes('amina') && !stored.bytes_enc.includes(archiveStart));
    const row = await platform.db.kysely.selectFrom('privacy_requests').selectAll().where('id', '=', access.request.id).executeTakeFirstOrThrow();
    assert.doesNotMatch(JSON.stringify(row), /amina|712345678|everything you hold/i, 'identity, contact and words are sealed');

    const erasure = await enter(service, '2026-12-01', { type: 'erasure' });
    await service.act(officer, erasure.request.id, { action: 'runErasure' });
    let detail = await service.openRequest(officer, erasure.request.id);
    assert.equal(detail.request.state, 'answered');
    assert.equal(Boolean(detail.request.is_erasure_pending), true);
    assert.equal(detail.erasure?.kinds[0]?.kept[0]?.reason, 'openCase');
    const policy = fulfilment.calls[1]?.policy;
    assert.equal(policy?.receivedOn, '2026-12-01');
    assert.deepEqual(policy?.schedule['privacy.requests'], {
      period: 'P3Y',
      trigger: 'closed',
      action: 'anonymise',
      legalBasis: 'legalObligation',
      reference: 'GDPR Art. 5(2), 12',
    });
    fulfilment.closeCase();
    assert.equal(await service.rerunPendingErasures(), 1);
    detail = await service.openRequest(officer, erasure.request.id);
    assert.equal(Boolean(detail.request.is_erasure_pending), false);
    assert.equal(await service.rerunPendingErasures(), 0);
    assert.deepEqual(fulfilment.calls[2]?.policy, policy, 'the re-run uses the stored policy');
  });

  test(`reminders name requests due in the settings' days and overdue ones; figures count the week and the overdue [${database.dialect}]`, async () => {
    const { service, clock } = await setup(database, '2026-11-01T09:00:00Z');
    const a = await enter(service, '2026-10-01'); // due 2026-11-02: overdue on 3 November
    const b = await enter(service, '2026-10-05'); // due 2026-11-05: two days ahead on 3 November
    const c = await enter(service, '2026-10-09'); // due 2026-11-09: six days ahead, no reminder
    clock.set(new Date('2026-11-03T09:00:00Z'));
    const { due, overdue } = await service.remindersDue();
    assert.deepEqual(
      overdue.map((r) => r.reference),
      [a.request.reference],
    );
    assert.deepEqual(
      due.map((r) => r.reference),
      [b.request.reference],
    );
    assert.deepEqual(await service.figures(), { dueThisWeek: 2, overdue: 1 });
    await service.act(officer, c.request.id, { action: 'withdraw' });
    assert.deepEqual(await service.figures(), { dueThisWeek: 1, overdue: 1 });
  });
}
