import { Conflict, Forbidden, Invalid } from '../../../platform/http/errors.ts';
import { listValue } from '../../../platform/i18n/index.ts';
import { reviewWindowEndOf } from '../deadlines/deadlines.ts';
import { complaintProblem, refusal } from '../cases/complaint-messages.ts';
import type { CaseWorkflow, StaffActor } from '../cases/case-workflow.ts';
import type { ComplaintStage } from '../cases/complaint.types.ts';

const DECISION_OUTCOMES: readonly string[] = ['upheld', 'partly_upheld', 'not_upheld'];

/** Builds the regulator's steps of a case through its stages: assessing and referring, deciding, following the implementation, closing and reopening. */
export function createCaseDecisionService(w: CaseWorkflow) {
  const { ids, audit, settings, calendar, enc, nowIso, inTx, move, findCase, checkText } = w;

  return {
    /** Assesses a received case: refer it to the operator, investigate at once, or close it. */
    async assess(who: StaffActor, reference: string, next: 'refer' | 'investigate' | 'close'): Promise<void> {
      await inTx(async (repo, tx) => {
        const c = await findCase(repo, reference);
        const assessed = await move(repo, tx, c, 'assessed', 'staff', who.actor, 'assessed');
        if (next === 'refer') {
          if (assessed.has_extra_support && settings.extraSupportSkipsReferral)
            await move(repo, tx, assessed, 'investigation', 'staff', who.actor, 'extra_support_skips_referral');
          else await move(repo, tx, assessed, 'referred_to_operator', 'staff', who.actor, 'referred');
        } else if (next === 'investigate') await move(repo, tx, assessed, 'investigation', 'staff', who.actor, 'investigated_directly');
        else await move(repo, tx, assessed, 'closed', 'staff', who.actor, 'closed_at_assessment');
      });
    },

    /** Moves a case to another stage, as the transition table allows staff. */
    async moveTo(who: StaffActor, reference: string, to: ComplaintStage, reason = 'staff'): Promise<void> {
      await inTx(async (repo, tx) => {
        const c = await findCase(repo, reference);
        await move(repo, tx, c, to, 'staff', who.actor, reason);
      });
    },

    /** Records the regulator's decision on an investigated case; its implementation deadline starts. */
    async decide(who: StaffActor, reference: string, outcome: 'upheld' | 'partly_upheld' | 'not_upheld', text: string): Promise<void> {
      if (!DECISION_OUTCOMES.includes(outcome))
        throw new Invalid([complaintProblem('outcome', 'outcomeUnknown', { outcomes: listValue(DECISION_OUTCOMES, 'or') })]);
      const body = checkText('text', text);
      await inTx(async (repo, tx) => {
        const c = await findCase(repo, reference);
        await repo.insertDecision({ id: ids(), case_id: c.id, outcome, text_enc: enc(body, 'decision'), decided_by: who.userId, decided_at: nowIso() });
        // The operator must carry out a decision that upholds the complaint: from now on it sees the case.
        const referral = outcome !== 'not_upheld' && c.referred_at === null ? { referred_at: nowIso() } : {};
        const decided = await move(repo, tx, c, 'decision', 'staff', who.actor, `decision_${outcome}`, referral);
        // Nothing to implement when the complaint was not upheld.
        if (outcome === 'not_upheld') await move(repo, tx, decided, 'closed', 'staff', who.actor, 'not_upheld');
      });
    },

    /** Records a step of carrying out a decision or an accepted resolution; `done` moves the case to implemented. */
    async trackImplementation(who: StaffActor, reference: string, status: 'pending' | 'partial' | 'done', note: string): Promise<void> {
      const body = checkText('note', note);
      await inTx(async (repo, tx) => {
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
        if (status === 'done') await move(repo, tx, c, 'implemented', 'staff', who.actor, 'implemented');
        else
          await audit.record(tx, {
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
      await inTx(async (repo, tx) => {
        const c = await findCase(repo, reference);
        if (c.stage !== 'closed' || c.closed_at === null) throw new Conflict('COMPLAINT_NOT_CLOSED', refusal('notClosed'));
        const isLate = nowIso() > reviewWindowEndOf(settings, calendar, c.closed_at);
        if (isLate && who.role !== 'admin') throw new Forbidden('COMPLAINT_REVIEW_WINDOW_ENDED', refusal('reviewWindowEnded'));
        await move(repo, tx, c, 'investigation', 'staff', who.actor, isLate ? 'reopened_late_by_admin' : 'reopened', { closed_at: null });
        await audit.record(tx, {
          actor: who.actor,
          action: 'complaints.case.reopened',
          entityType: 'complaint_case',
          entityId: c.id,
          details: { isLate, role: who.role },
        });
      });
    },
  };
}
