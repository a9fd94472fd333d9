import { Conflict, Forbidden, Invalid, type FieldProblem } from '../../../platform/http/errors.ts';
import { listValue } from '../../../platform/i18n/index.ts';
import { reviewWindowEndOf } from '../deadlines/deadlines.ts';
import { parseReference } from '../cases/complaint-reference.ts';
import { complaintProblem, refusal } from '../cases/complaint-messages.ts';
import type { CaseRow, CaseSummaryRow, ComplaintRepository, QueueFilter } from '../cases/complaint.repository.ts';
import type { CaseListPage, ListRequest } from '../cases/complaint-list-page.ts';
import type { CaseWorkflow, StaffActor } from '../cases/case-workflow.ts';
import { createConsumerDataService } from './consumer-data.service.ts';
import { presentDetail, type CaseDetail } from '../cases/case-detail.presenter.ts';
import type { ComplaintFilingService } from '../filing/complaint-filing.service.ts';
import type { ComplaintStage, ComplaintSubmission, FiledComplaint } from '../cases/complaint.types.ts';

const DECISION_OUTCOMES: readonly string[] = ['upheld', 'partly_upheld', 'not_upheld'];

/** Builds the regulator's part of the complaint service: filing on a consumer's behalf, the queue, the steps of a case and privacy requests. */
export function createStaffService(w: CaseWorkflow, filing: ComplaintFilingService) {
  const { repository, clock, ids, audit, settings, calendar, enc, nowIso, ensureOperators, inTx, mailConsumer, move, findCase, checkText } = w;
  const { readAttachmentOf, listedPage } = w;
  const { problemsOf } = filing;
  const fileSubmission = filing.file;

  async function staffChange<T>(who: StaffActor, reference: string, action: string, work: (repo: ComplaintRepository, c: CaseRow) => Promise<T>): Promise<T> {
    return inTx(async (repo) => {
      const c = await findCase(repo, reference);
      const result = await work(repo, c);
      await audit.record(repo.executor, { actor: who.actor, action: `complaints.case.${action}`, entityType: 'complaint_case', entityId: c.id });
      return result;
    });
  }

  const staff = {
    /**
     * Files a complaint received by phone, post or in person, or by an association on a consumer's
     * behalf. `formProblems` are those the form found itself (a date typed wrong): they are refused
     * together with every problem of the submission, so the form names them all at once.
     */
    async fileOnBehalf(who: StaffActor, submission: ComplaintSubmission, formProblems: readonly FieldProblem[] = []): Promise<FiledComplaint> {
      if (who.role === 'association_rep' && submission.channel !== 'association')
        throw new Forbidden('COMPLAINT_CHANNEL_FORBIDDEN', refusal('channelForbidden'));
      const problems = [...formProblems, ...(await problemsOf(submission, clock.now()))];
      if (who.role !== 'association_rep' && !['phone', 'post', 'in_person'].includes(submission.channel))
        problems.push(complaintProblem('channel', 'staffChannel'));
      if (problems.length > 0) throw new Invalid(problems, 'COMPLAINT_INVALID', refusal('invalid'));
      return fileSubmission(who.actor, submission);
    },

    /** One page of the regulator's queue, filtered and sorted; every look-up is audited. */
    async listQueue(
      who: StaffActor,
      filter: Omit<QueueFilter, 'overdueAt'> & { isOverdue?: boolean },
      request: ListRequest,
    ): Promise<CaseListPage<CaseSummaryRow>> {
      const { isOverdue, ...rest } = filter;
      const scope: QueueFilter = { ...rest, ...(isOverdue ? { overdueAt: nowIso() } : {}) };
      const listed = await listedPage(
        request,
        () => repository.countQueue(scope),
        (page) => repository.listQueue(scope, page),
      );
      await inTx((repo) =>
        audit.record(repo.executor, {
          actor: who.actor,
          action: 'complaints.queue.listed',
          entityType: 'complaint_case',
          details: { rows: listed.rows.length, page: listed.page },
        }),
      );
      return listed;
    },

    /** Every case of a filing reference (the one the consumer was given), or the one case of a case reference; each look-up audited. */
    async openFiling(who: StaffActor, reference: string): Promise<{ reference: string; cases: CaseDetail[] }> {
      const parsed = parseReference(reference);
      const filing = parsed?.startsWith('C-') ? await repository.findFilingByReference(parsed) : undefined;
      if (!filing) {
        const detail = await staff.open(who, reference);
        return { reference: detail.filingReference, cases: [detail] };
      }
      const cases = await repository.listCasesOfFiling(filing.id);
      const details: CaseDetail[] = [];
      for (const c of cases) details.push(await staff.open(who, c.reference));
      return { reference: filing.reference, cases: details };
    },

    /** One case with its personal values, audited. */
    async open(who: StaffActor, reference: string): Promise<CaseDetail> {
      await ensureOperators();
      const c = await findCase(repository, reference);
      await inTx((repo) => audit.record(repo.executor, { actor: who.actor, action: 'complaints.case.viewed', entityType: 'complaint_case', entityId: c.id }));
      return presentDetail(w, await repository.loadCase(c), true);
    },

    async assign(who: StaffActor, reference: string, assigneeId: string): Promise<void> {
      await staffChange(who, reference, 'assigned', async (repo, c) => {
        await repo.insertAssignment({ id: ids(), case_id: c.id, assignee_id: assigneeId, assigned_by: who.userId, at: nowIso() });
        if (!(await repo.updateCase(c.id, c.version, { assigned_to: assigneeId, updated_at: nowIso() })))
          throw new Conflict('COMPLAINT_CHANGED', refusal('changed'));
      });
    },

    async addNote(who: StaffActor, reference: string, text: string): Promise<void> {
      const body = checkText('note', text);
      await staffChange(who, reference, 'noted', (repo, c) =>
        repo.insertNote({ id: ids(), case_id: c.id, author_id: who.userId, text_enc: enc(body, 'note'), created_at: nowIso() }),
      );
    },

    /** Asks the consumer for information: the clock of the open deadline stops until they answer. */
    async askConsumer(who: StaffActor, reference: string, text: string): Promise<void> {
      const body = checkText('question', text);
      await staffChange(who, reference, 'information_requested', async (repo, c) => {
        if (c.stage === 'closed') throw new Conflict('COMPLAINT_CLOSED', refusal('closed'));
        const at = nowIso();
        await repo.insertMessage({
          id: ids(),
          case_id: c.id,
          sender: 'regulator',
          author_id: who.userId,
          text_enc: enc(body, 'message'),
          is_information_request: true,
          answered_at: null,
          is_shared_with_operator: false,
          purpose: null,
          created_at: at,
        });
        const record = await repo.loadCase(c);
        if (!record.pauses.some((p) => p.to_at === null))
          await repo.insertPause({ id: ids(), case_id: c.id, from_at: at, to_at: null, reason: 'information_request' });
        await mailConsumer(repo, record.filing, 'question', { reference: c.reference });
      });
    },

    /** Sends a message to the consumer without stopping the clock. */
    async messageConsumer(who: StaffActor, reference: string, text: string): Promise<void> {
      const body = checkText('message', text);
      await staffChange(who, reference, 'messaged', async (repo, c) => {
        await repo.insertMessage({
          id: ids(),
          case_id: c.id,
          sender: 'regulator',
          author_id: who.userId,
          text_enc: enc(body, 'message'),
          is_information_request: false,
          answered_at: null,
          is_shared_with_operator: false,
          purpose: null,
          created_at: nowIso(),
        });
        const filing = await repo.findFilingById(c.filing_id);
        if (filing) await mailConsumer(repo, filing, 'message', { reference: c.reference });
      });
    },

    /** Assesses a received case: refer it to the operator, investigate at once, or close it. */
    async assess(who: StaffActor, reference: string, next: 'refer' | 'investigate' | 'close'): Promise<void> {
      await inTx(async (repo) => {
        const c = await findCase(repo, reference);
        const assessed = await move(repo, c, 'assessed', 'staff', who.actor, 'assessed');
        if (next === 'refer') {
          if (assessed.has_extra_support && settings.extraSupportSkipsReferral)
            await move(repo, assessed, 'investigation', 'staff', who.actor, 'extra_support_skips_referral');
          else await move(repo, assessed, 'referred_to_operator', 'staff', who.actor, 'referred');
        } else if (next === 'investigate') await move(repo, assessed, 'investigation', 'staff', who.actor, 'investigated_directly');
        else await move(repo, assessed, 'closed', 'staff', who.actor, 'closed_at_assessment');
      });
    },

    /** Moves a case to another stage, as the transition table allows staff. */
    async moveTo(who: StaffActor, reference: string, to: ComplaintStage, reason = 'staff'): Promise<void> {
      await inTx(async (repo) => {
        const c = await findCase(repo, reference);
        await move(repo, c, to, 'staff', who.actor, reason);
      });
    },

    /** Records the regulator's decision on an investigated case; its implementation deadline starts. */
    async decide(who: StaffActor, reference: string, outcome: 'upheld' | 'partly_upheld' | 'not_upheld', text: string): Promise<void> {
      if (!DECISION_OUTCOMES.includes(outcome))
        throw new Invalid([complaintProblem('outcome', 'outcomeUnknown', { outcomes: listValue(DECISION_OUTCOMES, 'or') })]);
      const body = checkText('text', text);
      await inTx(async (repo) => {
        const c = await findCase(repo, reference);
        await repo.insertDecision({ id: ids(), case_id: c.id, outcome, text_enc: enc(body, 'decision'), decided_by: who.userId, decided_at: nowIso() });
        // The operator must carry out a decision that upholds the complaint: from now on it sees the case.
        const referral = outcome !== 'not_upheld' && c.referred_at === null ? { referred_at: nowIso() } : {};
        const decided = await move(repo, c, 'decision', 'staff', who.actor, `decision_${outcome}`, referral);
        // Nothing to implement when the complaint was not upheld.
        if (outcome === 'not_upheld') await move(repo, decided, 'closed', 'staff', who.actor, 'not_upheld');
      });
    },

    /** Records a step of carrying out a decision or an accepted resolution; `done` moves the case to implemented. */
    async trackImplementation(who: StaffActor, reference: string, status: 'pending' | 'partial' | 'done', note: string): Promise<void> {
      const body = checkText('note', note);
      await inTx(async (repo) => {
        const c = await findCase(repo, reference);
        await repo.insertImplementation({
          id: ids(),
          case_id: c.id,
          status,
          note_enc: enc(body, 'implementation'),
          actor_type: who.actor.type,
          actor_id: who.actor.id,
          at: nowIso(),
        });
        if (status === 'done') await move(repo, c, 'implemented', 'staff', who.actor, 'implemented');
        else
          await audit.record(repo.executor, {
            actor: who.actor,
            action: 'complaints.case.implementation_tracked',
            entityType: 'complaint_case',
            entityId: c.id,
            details: { status },
          });
      });
    },

    /**
     * Reopens a closed case for a new investigation: staff within the review window, later only
     * an administrator; the audit entry says which.
     */
    async reopen(who: StaffActor, reference: string): Promise<void> {
      await inTx(async (repo) => {
        const c = await findCase(repo, reference);
        if (c.stage !== 'closed' || c.closed_at === null) throw new Conflict('COMPLAINT_NOT_CLOSED', refusal('notClosed'));
        const isLate = nowIso() > reviewWindowEndOf(settings, calendar, c.closed_at);
        if (isLate && who.role !== 'admin') throw new Forbidden('COMPLAINT_REVIEW_WINDOW_ENDED', refusal('reviewWindowEnded'));
        await move(repo, c, 'investigation', 'staff', who.actor, isLate ? 'reopened_late_by_admin' : 'reopened', { closed_at: null });
        await audit.record(repo.executor, {
          actor: who.actor,
          action: 'complaints.case.reopened',
          entityType: 'complaint_case',
          entityId: c.id,
          details: { isLate, role: who.role },
        });
      });
    },

    /** The content of an attachment, for staff; audited. */
    async readAttachment(who: StaffActor, reference: string, attachmentId: string) {
      const c = await findCase(repository, reference);
      return readAttachmentOf(c, attachmentId, who.actor);
    },
  };

  return { ...staff, ...createConsumerDataService(w) };
}
