import { Forbidden, Invalid, type FieldProblem } from '../../../platform/http/errors.ts';
import { parseReference } from '../cases/complaint-reference.ts';
import { complaintProblem, refusal } from '../cases/complaint-messages.ts';
import type { CaseSummaryRow, QueueFilter } from '../cases/complaint.repository.ts';
import type { CaseListPage, ListRequest } from '../cases/complaint-list-page.ts';
import type { CaseWorkflow, StaffActor } from '../cases/case-workflow.ts';
import type { ComplaintCase } from '../cases/complaint-case.ts';
import type { ComplaintFilingService } from '../filing/complaint-filing.service.ts';
import type { ComplaintSubmission, FiledComplaint } from '../cases/complaint.types.ts';

/** Builds what staff do before working a case: file one on a consumer's behalf, list the queue, and read a case with its evidence. */
export function createStaffQueueService(w: CaseWorkflow, filing: ComplaintFilingService) {
  const { repository, clock, nowIso, auditRead, findCase, readCase, readAttachmentOf, listedPage } = w;

  const queue = {
    /**
     * Files a complaint received by phone, post or in person, or by an association on a consumer's
     * behalf. `formProblems` are those the form found itself (a date typed wrong): they are refused
     * together with every problem of the submission, so the form names them all at once.
     */
    async fileOnBehalf(who: StaffActor, submission: ComplaintSubmission, formProblems: readonly FieldProblem[] = []): Promise<FiledComplaint> {
      if (who.role === 'association_rep' && submission.channel !== 'association')
        throw new Forbidden('COMPLAINT_CHANNEL_FORBIDDEN', refusal('channelForbidden'));
      const problems = [...formProblems, ...(await filing.problemsOf(submission, clock.now()))];
      if (who.role !== 'association_rep' && !['phone', 'post', 'in_person'].includes(submission.channel))
        problems.push(complaintProblem('channel', 'staffChannel'));
      if (problems.length > 0) throw new Invalid(problems, 'COMPLAINT_INVALID', refusal('invalid'));
      return filing.file(who.actor, submission);
    },

    /** One page of the regulator's queue, filtered and sorted; every look-up is audited. */
    async listQueue(
      who: StaffActor,
      filter: Omit<QueueFilter, 'overdueAt'> & { isOverdue?: boolean },
      request: ListRequest,
    ): Promise<CaseListPage<CaseSummaryRow>> {
      const { isOverdue, ...rest } = filter;
      const scope: QueueFilter = { ...rest, ...(isOverdue ? { overdueAt: nowIso() } : {}) };
      return listedPage(
        { actor: who.actor, action: 'complaints.queue.listed' },
        request,
        () => repository.countQueue(scope),
        (page) => repository.listQueue(scope, page),
      );
    },

    /** Every case of a filing reference (the one the consumer was given), or the one case of a case reference; each look-up audited. */
    async openFiling(who: StaffActor, reference: string): Promise<{ reference: string; cases: ComplaintCase[] }> {
      const parsed = parseReference(reference);
      const found = parsed?.startsWith('C-') ? await repository.findFilingByReference(parsed) : undefined;
      if (!found) {
        const opened = await queue.open(who, reference);
        return { reference: opened.filingReference, cases: [opened] };
      }
      const cases: ComplaintCase[] = [];
      for (const c of await repository.listCasesOfFiling(found.id)) cases.push(await queue.open(who, c.reference));
      return { reference: found.reference, cases };
    },

    /** One case with its personal values, audited. */
    async open(who: StaffActor, reference: string): Promise<ComplaintCase> {
      const c = await findCase(repository, reference);
      await auditRead({ actor: who.actor, action: 'complaints.case.viewed', entityType: 'complaint_case', entityId: c.id });
      return readCase(await repository.loadCase(c), true);
    },

    /** The content of an attachment, for staff; audited. */
    async readAttachment(who: StaffActor, reference: string, attachmentId: string) {
      const c = await findCase(repository, reference);
      return readAttachmentOf(c, attachmentId, who.actor);
    },
  };

  return queue;
}
