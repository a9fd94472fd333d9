import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { startSmtpServer } from '../../../../test/helpers/smtp.ts';
import { allMigrations } from '../../../platform/create.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../../platform/http/errors.ts';
import { createOfferServiceFor, offersModule } from '../../offers/index.ts';
import { complaintsModule, createComplaintServiceFor, type ComplaintSubmission, type StaffActor } from '../index.ts';
import { complaintSubmission } from '../testing/complaint-answers.ts';
import { parseReference } from './complaint-reference.ts';
import { readListRequest } from './complaint-list-page.ts';

const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));
const smtp = await startSmtpServer();
after(() => smtp.close());

const officer: StaffActor = { actor: { type: 'user', id: 'officer-1' }, userId: 'officer-1', role: 'officer' };
const admin: StaffActor = { actor: { type: 'user', id: 'admin-1' }, userId: 'admin-1', role: 'admin' };
const SAVANNA = { actor: { type: 'token' as const, id: 'token-1' }, operatorId: 'OP-T-1' };
const BAOBAB = { actor: { type: 'token' as const, id: 'token-2' }, operatorId: 'OP-T-2' };

function submission(overrides: Partial<ComplaintSubmission> = {}): ComplaintSubmission {
  return complaintSubmission({
    operatorIds: ['OP-T-1'],
    description: 'I was charged twice for my November bundle.',
    desiredOutcome: 'Refund the second charge.',
    priorContact: { contacted: true, date: '2026-11-20', operatorReference: 'SV-123' },
    consumer: { name: 'Amina Test', email: 'amina@example.org', phone: '+254 700 000 001', accountNumber: 'ACC-42', language: 'fr' },
    ...overrides,
  });
}

async function setup(database: (typeof databases.all)[number], env: Record<string, string> = {}) {
  const platform = await createTestPlatform(await database.fresh(), { modules, env: { SMTP_URL: smtp.url, ...env } });
  const offers = createOfferServiceFor(platform);
  await offers.addOperator({ type: 'system', id: null }, 'OP-T-1', 'Test Savanna');
  await offers.addOperator({ type: 'system', id: null }, 'OP-T-2', 'Test Baobab');
  return { platform, clock: platform.clock, service: createComplaintServiceFor(platform) };
}

const DAY = 86_400_000;

for (const database of databases.all) {
  describe(`complaint service (${database.dialect})`, () => {
    it('files one case per operator under one filing reference, with deadlines, encrypted at rest, and e-mails the consumer in their language', async () => {
      const { platform, service } = await setup(database);
      const before = smtp.messages.length;
      const filed = await service.file({ type: 'system', id: null }, submission({ operatorIds: ['OP-T-1', 'OP-T-2'] }));
      assert.ok(parseReference(filed.reference)?.startsWith('C-'));
      assert.equal(filed.cases.length, 2);
      assert.deepEqual(filed.cases.map((c) => c.operatorId).sort(), ['OP-T-1', 'OP-T-2']);
      for (const c of filed.cases) {
        assert.equal(c.stage, 'received');
        // Filed Tuesday 1 December 2026 at noon in Nairobi; 2 business days end on Thursday at local midnight.
        assert.deepEqual(c.deadlines, [{ stage: 'received', dueAt: '2026-12-03T20:59:59.999Z' }]);
      }
      const raw = await platform.db.kysely.selectFrom('complaint_filings').selectAll().executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(raw).includes('Amina'));
      assert.ok(!JSON.stringify(raw).includes('amina@example.org'));
      const rawCase = await platform.db.kysely.selectFrom('complaint_cases').selectAll().executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(rawCase).includes('charged twice'));
      await platform.jobs.runDue();
      const [mail] = await smtp.waitFor(before + 1).then((m) => m.slice(before));
      assert.deepEqual(mail?.to, ['amina@example.org']);
      assert.match(mail?.subject ?? '', new RegExp(filed.reference));
      assert.match(mail?.text ?? '', /plainte/i);
      const view = await service.findForConsumer(filed.reference);
      assert.equal(view.cases.length, 2);
      assert.equal(view.cases[0]?.description, 'I was charged twice for my November bundle.');
      assert.deepEqual(await service.contactFor(filed.cases[0]!.reference), { email: 'amina@example.org', name: 'Amina Test', language: 'fr' });
    });

    it('refuses a bad submission with every field problem', async () => {
      const { service } = await setup(database);
      const bad = submission({
        operatorIds: ['OP-NOPE'],
        category: 'astrology',
        consent: false,
        consumer: { name: '', email: 'nope', language: 'xx' },
        priorContact: { contacted: true, date: '2099-01-01' },
      });
      const error = await service.file({ type: 'system', id: null }, bad).catch((e: unknown) => e);
      assert.ok(error instanceof Invalid);
      assert.deepEqual(error.problems.map((p) => p.field).sort(), [
        'category',
        'consent',
        'consumer.email',
        'consumer.language',
        'consumer.name',
        'operatorIds',
        'priorContact.date',
      ]);
    });

    it('files attachments with every case in the same transaction: a failing insert files nothing', async () => {
      const { platform, service } = await setup(database);
      const pdf = { fileName: 'bill.pdf', mediaType: 'application/pdf', content: Buffer.from('%PDF-1.4\n') };
      const filed = await service.file({ type: 'system', id: null }, submission({ operatorIds: ['OP-T-1', 'OP-T-2'] }), [pdf]);
      for (const c of filed.cases) {
        const detail = await service.staff.open(officer, c.reference);
        assert.deepEqual(
          detail.attachments.map((a) => [a.fileName, a.mediaType, a.sizeBytes]),
          [['bill.pdf', 'application/pdf', pdf.content.length]],
        );
      }
      const counts = async () =>
        Promise.all(
          ['complaint_filings', 'complaint_cases', 'complaint_attachments'].map(
            async (table) =>
              (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(platform.db.kysely)).rows.map((r) => Number(r.n))[0],
          ),
        );
      assert.deepEqual(await counts(), [1, 2, 2]);
      // A constraint that the second case's copy breaks stands for any failure of the storage.
      await platform.db.kysely.deleteFrom('complaint_attachments').execute();
      await sql`create unique index complaint_attachments_one_copy on complaint_attachments (sha256)`.execute(platform.db.kysely);
      await assert.rejects(service.file({ type: 'system', id: null }, submission({ operatorIds: ['OP-T-1', 'OP-T-2'] }), [pdf]));
      assert.deepEqual(await counts(), [1, 2, 0], 'no filing or case without its files');
    });

    it('finds nothing for an unknown or mistyped reference', async () => {
      const { service } = await setup(database);
      const filed = await service.file({ type: 'system', id: null }, submission());
      const ref = filed.cases[0]!.reference;
      const typo = `${ref.slice(0, 4)}${ref.charAt(4) === 'A' ? 'B' : 'A'}${ref.slice(5)}`;
      await assert.rejects(service.findForConsumer(typo), NotFound);
      await assert.rejects(service.findForConsumer('K-000000000000-0'), NotFound);
      assert.equal((await service.findForConsumer(ref.toLowerCase())).cases[0]?.reference, ref);
    });

    it('walks a case from referral to acceptance, implementation and a survey', async () => {
      const { service } = await setup(database);
      const filed = await service.file({ type: 'system', id: null }, submission());
      const ref = filed.cases[0]!.reference;
      await service.staff.assess(officer, ref, 'refer');
      let detail = await service.staff.open(officer, ref);
      assert.equal(detail.stage, 'referred_to_operator');
      assert.deepEqual(
        detail.history.map((h) => h.to),
        ['received', 'assessed', 'referred_to_operator'],
      );
      // 15 business days from Tuesday 1 December; Jamhuri Day falls on a Saturday and costs no day.
      assert.equal(detail.deadlines.find((d) => d.isOpen)?.dueAt, '2026-12-22T20:59:59.999Z');
      await assert.rejects(service.consumerAccept(ref), Conflict);
      await service.operator.respond(SAVANNA, ref, { kind: 'resolution', text: 'We refund KES 1,000.' });
      let view = (await service.findForConsumer(ref)).cases[0]!;
      assert.equal(view.stage, 'resolution_proposed');
      assert.equal(view.can.accept, true);
      assert.equal(view.operatorResponse?.kind, 'resolution');
      view = await service.consumerAccept(ref);
      assert.equal(view.stage, 'accepted');
      assert.equal(view.can.survey, true);
      await service.operator.implemented(SAVANNA, ref, 'Refund credited on 5 December.');
      await service.recordSurvey(ref, { satisfaction: 4, wasEasy: 5 });
      await assert.rejects(service.recordSurvey(ref, { satisfaction: 4 }), Conflict);
      detail = await service.staff.open(officer, ref);
      assert.equal(detail.stage, 'implemented');
      assert.deepEqual(detail.survey, { satisfaction: 4, wasEasy: 5 });
    });

    it('keeps another operator out of a case', async () => {
      const { service } = await setup(database);
      const filed = await service.file({ type: 'system', id: null }, submission());
      const ref = filed.cases[0]!.reference;
      await service.staff.assess(officer, ref, 'refer');
      await assert.rejects(service.operator.open(BAOBAB, ref), NotFound);
      await assert.rejects(service.operator.respond(BAOBAB, ref, { kind: 'response', text: 'Not ours' }), NotFound);
      const firstPage = readListRequest({});
      assert.equal((await service.operator.list(BAOBAB, firstPage)).total, 0);
      assert.equal((await service.operator.list(SAVANNA, firstPage)).rows.length, 1);
      const seen = await service.operator.open(SAVANNA, ref);
      assert.equal('email' in seen.consumer, false);
      assert.equal(seen.consumer.name, 'Amina Test');
    });

    it('stops the clock while the regulator waits for the consumer and pushes the deadline back', async () => {
      const { service, clock } = await setup(database);
      const filed = await service.file({ type: 'system', id: null }, submission());
      const ref = filed.cases[0]!.reference;
      await service.staff.assess(officer, ref, 'investigate');
      const due = (await service.staff.open(officer, ref)).deadlines.find((d) => d.isOpen)!.dueAt;
      await service.staff.askConsumer(officer, ref, 'Please send the bill.');
      let view = (await service.findForConsumer(ref)).cases[0]!;
      assert.equal(view.isWaitingForConsumer, true);
      assert.equal(view.currentDeadline, null);
      clock.advance(7 * DAY);
      view = await service.consumerMessage(ref, 'Here is the bill number 42.');
      assert.equal(view.isWaitingForConsumer, false);
      const moved = (await service.staff.open(officer, ref)).deadlines.find((d) => d.isOpen)!.dueAt;
      assert.ok(new Date(moved).getTime() - new Date(due).getTime() >= 7 * DAY, `${moved} is at least 7 days after ${due}`);
    });

    // Issue 14 item 8: the days between the question and the answer are not counted, the day of the
    // question excluded and the day of the answer included (Western Australia's Interpretation Act
    // 1984, s. 61(1)(g)); a business-day deadline moves by the business days among them only.
    it('moves a business-day deadline by the business days the clock stood still: Friday to Monday is one', async () => {
      const { platform, clock } = await setup(database);
      const tenDays = {
        ...platform.settings.complaints,
        deadlines: { ...platform.settings.complaints.deadlines, investigation: { days: 10, count: 'business' as const } },
      };
      const service = createComplaintServiceFor(platform, tenDays);
      clock.set('2026-12-11T09:00:00Z');
      const ref = (await service.file({ type: 'system', id: null }, submission())).cases[0]!.reference;
      await service.staff.assess(officer, ref, 'investigate');
      const open = async () => (await service.staff.open(officer, ref)).deadlines.find((d) => d.isOpen)?.dueAt;
      // Ten business days after Friday 11 December, Christmas skipped: Monday 28 December.
      assert.equal(await open(), '2026-12-28T20:59:59.999Z');
      clock.set('2026-12-18T13:00:00Z');
      await service.staff.askConsumer(officer, ref, 'Please send the bill.');
      clock.set('2026-12-21T06:00:00Z');
      await service.consumerMessage(ref, 'Here is the bill number 42.');
      assert.equal(await open(), '2026-12-29T20:59:59.999Z');
    });

    // Issue 14 item 8, the neighbouring rule: a deadline whose clock stands still cannot be missed
    // meanwhile, so a case that moves on during a pause closes its deadline against the due day the
    // running pause gives it (and the statistics count it answered within the deadline).
    it('does not mark a deadline missed when the case moves on while its clock stands still', async () => {
      const { service, clock } = await setup(database);
      const ref = (await service.file({ type: 'system', id: null }, submission())).cases[0]!.reference;
      await service.staff.assess(officer, ref, 'refer');
      // 15 business days from Tuesday 1 December end on Tuesday 22 December.
      assert.equal((await service.staff.open(officer, ref)).deadlines.find((d) => d.isOpen)?.dueAt, '2026-12-22T20:59:59.999Z');
      clock.set('2026-12-21T07:00:00Z');
      await service.staff.askConsumer(officer, ref, 'Which number was charged?');
      clock.set('2026-12-23T07:00:00Z');
      await service.operator.respond(SAVANNA, ref, { kind: 'response', text: 'We refunded the charge.' });
      const referral = (await service.staff.open(officer, ref)).deadlines.find((d) => d.stage === 'referred_to_operator');
      // The 22nd and the 23rd stood still: the operator's deadline ran to Thursday 24 December.
      assert.deepEqual([referral?.dueAt, referral?.isMissed], ['2026-12-24T20:59:59.999Z', false]);
    });

    it('lists no case as overdue while its clock stands still, and the sweep leaves it alone', async () => {
      const { service, clock } = await setup(database);
      const ref = (await service.file({ type: 'system', id: null }, submission())).cases[0]!.reference;
      await service.staff.assess(officer, ref, 'refer');
      clock.set('2026-12-21T07:00:00Z');
      await service.staff.askConsumer(officer, ref, 'Which number was charged?');
      clock.set('2026-12-28T07:00:00Z');
      const overdue = await service.staff.listQueue(officer, { isOverdue: true }, readListRequest({}));
      assert.equal(overdue.total, 0);
      assert.equal((await service.sweep()).escalatedUntimely, 0);
      const all = await service.staff.listQueue(officer, {}, readListRequest({}));
      assert.deepEqual(
        all.rows.map((r) => [r.reference, Boolean(r.is_clock_stopped)]),
        [[ref, true]],
      );
    });

    // Issue 14 item 9: a time limit that ends on an excluded day may be met on the next day that is
    // not one (Kenya's Interpretation and General Provisions Act, Cap. 2, s. 57(b); Western
    // Australia's Interpretation Act 1984, s. 61(1)(e)), when the profile says so.
    it('moves a calendar-day deadline ending on Christmas Day to the next business day when the profile says so, and keeps it by default', async () => {
      const { platform, clock } = await setup(database);
      const base = platform.settings.complaints;
      const fifteenDays = { ...base, deadlines: { ...base.deadlines, investigation: { days: 15, count: 'calendar' as const } } };
      clock.set('2026-12-10T09:00:00Z');
      for (const [lastDay, expected] of [
        ['keep', '2026-12-25T20:59:59.999Z'],
        ['next_business_day', '2026-12-28T20:59:59.999Z'],
      ] as const) {
        const service = createComplaintServiceFor(platform, { ...fifteenDays, lastDayOnNonBusinessDay: lastDay });
        const ref = (await service.file({ type: 'system', id: null }, submission())).cases[0]!.reference;
        await service.staff.assess(officer, ref, 'investigate');
        // Fifteen days after Thursday 10 December fall on Friday 25 December; Boxing Day is a Saturday.
        assert.equal((await service.staff.open(officer, ref)).deadlines.find((d) => d.isOpen)?.dueAt, expected, lastDay);
      }
    });

    // Ofcom's General Condition C4: a consumer may take a complaint to ADR once eight weeks have
    // passed since it was made. Kinga counts the weeks on the jurisdiction's calendar from the day of
    // filing, so the right opens as the day the follow page names begins, not at the hour of filing.
    it('opens escalation at the start of the local day escalationWeeks weeks after the filing day', async () => {
      const { service, clock } = await setup(database);
      const ref = (await service.file({ type: 'system', id: null }, submission())).cases[0]!.reference;
      await service.staff.assess(officer, ref, 'refer');
      // Filed on Tuesday 1 December 2026 at noon in Nairobi; eight weeks later is Tuesday 26 January 2027.
      clock.set('2027-01-25T20:59:00Z');
      let view = (await service.findForConsumer(ref)).cases[0]!;
      assert.deepEqual([view.escalationOpensAt, view.isEscalationOpen], ['2027-01-25T21:00:00.000Z', false]);
      clock.set('2027-01-25T21:00:00Z');
      view = (await service.findForConsumer(ref)).cases[0]!;
      assert.equal(view.isEscalationOpen, true);
    });

    it("ends a stopped clock when the case is closed, so a reopened case's deadline runs and can pass", async () => {
      const { service, clock } = await setup(database);
      const ref = (await service.file({ type: 'system', id: null }, submission())).cases[0]!.reference;
      await service.staff.assess(officer, ref, 'investigate');
      await service.staff.askConsumer(officer, ref, 'Please send the bill.');
      clock.set('2026-12-03T09:00:00Z');
      await service.staff.moveTo(officer, ref, 'closed', 'no_answer');
      await service.staff.reopen(officer, ref);
      const detail = await service.staff.open(officer, ref);
      assert.equal(detail.isClockStopped, false);
      // 40 business days from Thursday 3 December 2026, Christmas, Boxing Day and New Year's Day skipped.
      assert.equal(detail.deadlines.find((d) => d.isOpen)?.dueAt, '2027-02-01T20:59:59.999Z');
      clock.set('2027-02-02T09:00:00Z');
      assert.equal((await service.staff.listQueue(officer, { isOverdue: true }, readListRequest({}))).total, 1);
    });

    it('escalates an untimely case once and tells the consumer when escalation opens', async () => {
      const { service, clock, platform } = await setup(database);
      const filed = await service.file({ type: 'system', id: null }, submission({ operatorIds: ['OP-T-1', 'OP-T-2'] }));
      const [late, deadlocked] = filed.cases.map((c) => c.reference) as [string, string];
      await service.staff.assess(officer, late, 'refer');
      await service.staff.assess(officer, deadlocked, 'refer');
      await service.operator.respond(BAOBAB, deadlocked, { kind: 'deadlock', text: 'We cannot agree.' });
      const first = await service.sweep();
      assert.equal(first.escalatedUntimely, 0);
      assert.equal(first.toldEntitled, 1);
      assert.equal((await service.findForConsumer(deadlocked)).cases[0]?.can.escalate, true);
      assert.equal((await service.findForConsumer(late)).cases[0]?.can.escalate, false);
      clock.advance(30 * DAY);
      const second = await service.sweep();
      assert.equal(second.escalatedUntimely, 1);
      const detail = await service.staff.open(officer, late);
      assert.equal(detail.stage, 'investigation');
      assert.equal(detail.isUntimely, true);
      assert.equal(detail.history.at(-1)?.reason, 'operator_untimely');
      const third = await service.sweep();
      assert.deepEqual([third.escalatedUntimely, third.toldEntitled], [0, 0]);
      const escalated = await service.consumerEscalate(deadlocked);
      assert.equal(escalated.stage, 'investigation');
      const audit = await platform.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'complaints.case.escalation_opened').execute();
      assert.equal(audit.length, 1);
    });

    it('uses shorter deadlines for extra-support cases and skips referral when the profile says so', async () => {
      const { service } = await setup(database);
      const filed = await service.file({ type: 'system', id: null }, submission({ extraSupport: ['disability'] }));
      const ref = filed.cases[0]!.reference;
      await service.staff.assess(officer, ref, 'refer');
      const detail = await service.staff.open(officer, ref);
      assert.equal(detail.stage, 'referred_to_operator');
      // 7 business days instead of 15.
      assert.equal(detail.deadlines.find((d) => d.isOpen)?.dueAt, '2026-12-10T20:59:59.999Z');
      assert.deepEqual(detail.extraSupport, ['disability']);
    });

    // Issue 14 item 9: TIO gives a provider 20 working days instead of 10 when the consumer became
    // aware of the problem two to six years before complaining (TIO member news, "TIO able to handle
    // older complaints from 1 July 2013"). Kinga reads awareness from the day the problem started.
    it('gives the operator the longer deadline when the problem started more than lateAwarenessMonths before the filing day', async () => {
      const { platform } = await setup(database);
      const base = platform.settings.complaints;
      const service = createComplaintServiceFor(platform, {
        ...base,
        lateAwarenessMonths: 24,
        deadlines: { ...base.deadlines, referred_to_operator: { days: 15, count: 'business', extraSupportDays: 7, lateAwarenessDays: 20 } },
      });
      const dueOf = async (overrides: Partial<ComplaintSubmission>) => {
        const ref = (await service.file({ type: 'system', id: null }, submission(overrides))).cases[0]!.reference;
        await service.staff.assess(officer, ref, 'refer');
        return (await service.staff.open(officer, ref)).deadlines.find((d) => d.isOpen)?.dueAt;
      };
      // Filed on Tuesday 1 December 2026: 24 months after 30 November 2024 is 30 November 2026, more than 24 months ago.
      assert.equal(await dueOf({ problemStartedOn: '2024-11-30' }), '2026-12-30T20:59:59.999Z', '20 business days');
      assert.equal(await dueOf({ problemStartedOn: '2024-12-01' }), '2026-12-22T20:59:59.999Z', 'exactly 24 months is not more: 15 business days');
      assert.equal(await dueOf({}), '2026-12-22T20:59:59.999Z', 'no start day given: 15 business days');
      assert.equal(
        await dueOf({ problemStartedOn: '2020-01-15', extraSupport: ['disability'] }),
        '2026-12-10T20:59:59.999Z',
        'extra support keeps its shorter 7 days',
      );
    });

    it('reopens within the review window, later only as an administrator', async () => {
      const { service, clock } = await setup(database);
      const filed = await service.file({ type: 'system', id: null }, submission());
      const ref = filed.cases[0]!.reference;
      await service.staff.assess(officer, ref, 'investigate');
      await service.staff.decide(officer, ref, 'not_upheld', 'The charges were correct.');
      assert.equal((await service.staff.open(officer, ref)).stage, 'closed');
      await service.staff.reopen(officer, ref);
      await service.staff.decide(officer, ref, 'not_upheld', 'Still correct.');
      clock.advance(31 * DAY);
      await assert.rejects(service.staff.reopen(officer, ref), Forbidden);
      await service.staff.reopen(admin, ref);
      assert.equal((await service.staff.open(admin, ref)).stage, 'investigation');
    });

    // The review window is a period of days after the day of closing, that day excluded (Western
    // Australia's Interpretation Act 1984, s. 61(1)(b)), and like every deadline of the module it
    // ends at the end of its last local day, not at the hour the case was closed.
    it('lets staff reopen until the end of the last day of the review window', async () => {
      const { service, clock } = await setup(database);
      const ref = (await service.file({ type: 'system', id: null }, submission())).cases[0]!.reference;
      await service.staff.assess(officer, ref, 'investigate');
      await service.staff.decide(officer, ref, 'not_upheld', 'The charges were correct.');
      // Closed on Tuesday 1 December at noon in Nairobi: 30 days end with Thursday 31 December.
      assert.equal((await service.staff.open(officer, ref)).reviewWindowEndsAt, '2026-12-31T20:59:59.999Z');
      clock.set('2026-12-31T15:00:00Z');
      await service.staff.reopen(officer, ref);
      assert.equal((await service.staff.open(officer, ref)).stage, 'investigation');
    });

    // Issue 14 item 9: TIO's Complaint Handling Procedures (1 July 2025) ask for a review of a closed
    // complaint within 10 business days of the outcome; the profile can count the window so.
    it('counts the review window in business days when the profile says so', async () => {
      const { platform, clock } = await setup(database);
      const service = createComplaintServiceFor(platform, { ...platform.settings.complaints, reviewWindowDays: 10, reviewWindowCount: 'business' });
      const [first, second] = (await service.file({ type: 'system', id: null }, submission({ operatorIds: ['OP-T-1', 'OP-T-2'] }))).cases.map(
        (c) => c.reference,
      ) as [string, string];
      for (const ref of [first, second]) {
        await service.staff.assess(officer, ref, 'investigate');
        await service.staff.decide(officer, ref, 'not_upheld', 'The charges were correct.');
      }
      // Ten business days after Tuesday 1 December end with Tuesday 15 December (Jamhuri Day is a Saturday).
      assert.equal((await service.staff.open(officer, first)).reviewWindowEndsAt, '2026-12-15T20:59:59.999Z');
      clock.set('2026-12-15T15:00:00Z');
      await service.staff.reopen(officer, first);
      clock.set('2026-12-16T06:00:00Z');
      await assert.rejects(service.staff.reopen(officer, second), Forbidden);
    });

    it('checks attachment types by their first bytes', async () => {
      const { service } = await setup(database);
      const filed = await service.file({ type: 'system', id: null }, submission());
      const ref = filed.cases[0]!.reference;
      await service.staff.assess(officer, ref, 'refer');
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
      const id = await service.operator.attach(SAVANNA, ref, { fileName: 'bill.pdf', declaredType: 'application/pdf', content: pdf });
      const back = await service.operator.readAttachment(SAVANNA, ref, id);
      assert.deepEqual(back.content, pdf);
      await assert.rejects(
        service.operator.attach(SAVANNA, ref, { fileName: 'bill.pdf', declaredType: 'application/pdf', content: Buffer.from('MZ not a pdf') }),
        Invalid,
      );
      await assert.rejects(service.operator.attach(BAOBAB, ref, { fileName: 'bill.pdf', declaredType: 'application/pdf', content: pdf }), NotFound);
    });

    it('exports and erases a consumer, keeping anonymous counts', async () => {
      const { service, platform } = await setup(database);
      const filed = await service.file({ type: 'system', id: null }, submission());
      const exported = await service.staff.exportConsumerData(officer, 'AMINA@example.org');
      assert.equal(exported.filings.length, 1);
      assert.equal(exported.filings[0]?.cases[0]?.consumer.name, 'Amina Test');
      assert.equal(await service.staff.eraseConsumerData(officer, 'amina@example.org'), 1);
      const detail = await service.staff.open(officer, filed.cases[0]!.reference);
      assert.equal(detail.consumer.name, '[erased]');
      assert.equal(detail.description, '[erased]');
      assert.equal(detail.category, 'billing');
      assert.equal((await service.staff.exportConsumerData(officer, 'amina@example.org')).filings.length, 0);
      const actions = (await platform.db.kysely.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
      assert.ok(actions.includes('complaints.consumer.exported'));
      assert.ok(actions.includes('complaints.consumer.erased'));
    });

    it('lets an association file only with the consumer consent recorded', async () => {
      const { service } = await setup(database);
      const rep: StaffActor = { actor: { type: 'user', id: 'rep-1' }, userId: 'rep-1', role: 'association_rep' };
      await assert.rejects(service.staff.fileOnBehalf(rep, submission({ channel: 'association' })), Invalid);
      await assert.rejects(service.staff.fileOnBehalf(rep, submission({ channel: 'phone' })), Forbidden);
      const filed = await service.staff.fileOnBehalf(rep, submission({ channel: 'association', onBehalfConsentRecorded: true }));
      assert.equal((await service.staff.open(officer, filed.cases[0]!.reference)).channel, 'association');
    });
  });
}
