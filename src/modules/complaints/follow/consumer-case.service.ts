import type { Actor } from '../../../platform/audit/index.ts';
import { Conflict, Invalid, NotFound, type FieldProblem } from '../../../platform/http/errors.ts';
import { listValue } from '../../../platform/i18n/index.ts';
import { ESCALATION_STAGES, isEscalationOpen } from '../deadlines/deadlines.ts';
import { parseReference } from '../cases/complaint-reference.ts';
import { TEXT_LIMITS } from '../cases/complaint-validation.ts';
import { complaintProblem, refusal, stageTerm } from '../cases/complaint-messages.ts';
import type { CaseRecord } from '../cases/complaint.repository.ts';
import type { CaseWorkflow } from '../cases/case-workflow.ts';
import type { ComplaintFilingService } from '../filing/complaint-filing.service.ts';
import type { ComplaintStage, ComplaintsService, ConsumerCaseView, ConsumerComplaintView, SurveyAnswers } from '../cases/complaint.types.ts';
import { consumerCaseOf, SURVEY_STAGES } from './consumer-case.ts';

const SURVEY_COMMENT_MAX = 2000;

/** Builds the consumer's part of the complaint service: filing, then following, answering and escalating their cases. */
export function createConsumerCaseService(w: CaseWorkflow, filing: ComplaintFilingService): ComplaintsService {
  const { repository, ids, audit, enc, decText, nowIso, inTx, move, findCase, checkText, restartClock } = w;
  const presentConsumer = (record: CaseRecord) => consumerCaseOf(w, record);

  async function consumerMove(reference: string, to: ComplaintStage, allowedFrom: readonly ComplaintStage[], reason: string): Promise<ConsumerCaseView> {
    const consumer: Actor = { type: 'system', id: null };
    // Presented once the transaction ends: the operator's name is read outside it.
    const record = await inTx(async (repo, tx) => {
      const c = await findCase(repo, reference);
      if (!allowedFrom.includes(c.stage)) throw new Conflict('COMPLAINT_TRANSITION_REFUSED', refusal('stage', { stage: stageTerm(c.stage) }));
      return repo.loadCase(await move(repo, tx, c, to, 'consumer', consumer, reason));
    });
    return presentConsumer(record);
  }

  const consumer: ComplaintsService = {
    file: filing.file,

    async findForConsumer(reference) {
      const parsed = parseReference(reference);
      if (parsed?.startsWith('C-')) {
        const filing = await repository.findFilingByReference(parsed);
        if (filing) {
          const cases = await repository.listCasesOfFiling(filing.id);
          return { reference: filing.reference, cases: await Promise.all(cases.map(async (c) => presentConsumer(await repository.loadCase(c)))) };
        }
      }
      const c = await findCase(repository, reference);
      const view = await presentConsumer(await repository.loadCase(c));
      return { reference: view.filingReference, cases: [view] } satisfies ConsumerComplaintView;
    },

    async contactFor(reference) {
      const parsed = parseReference(reference);
      let filing = parsed?.startsWith('C-') ? await repository.findFilingByReference(parsed) : undefined;
      if (!filing) filing = await repository.findFilingById((await findCase(repository, reference)).filing_id);
      if (!filing || filing.erased_at !== null) throw new NotFound('COMPLAINT_NOT_FOUND', refusal('notFound'));
      const mobile = filing.contact_by === 'sms' ? (w.dec(filing.consumer_phone_enc, 'consumer_phone') ?? '') : '';
      return {
        email: decText(filing.consumer_email_enc, 'consumer_email'),
        // Only a consumer who chose text messages carries the way and the number: e-mail is the default.
        ...(mobile === '' ? {} : { contactBy: 'sms' as const, mobile }),
        name: decText(filing.consumer_name_enc, 'consumer_name'),
        language: filing.language,
      };
    },

    consumerAccept: (reference) => consumerMove(reference, 'accepted', ['operator_responded', 'resolution_proposed'], 'consumer_accepted'),
    async consumerReject(reference, reason) {
      const because = checkText('reason', reason, TEXT_LIMITS.refusalReason);
      const record = await inTx(async (repo, tx) => {
        const c = await findCase(repo, reference);
        if (c.stage !== 'operator_responded' && c.stage !== 'resolution_proposed')
          throw new Conflict('COMPLAINT_TRANSITION_REFUSED', refusal('stage', { stage: stageTerm(c.stage) }));
        // The reason answers the operator's proposal: the operator reads it, as the consent text says of messages addressed to it.
        await repo.insertMessage({
          id: ids(),
          case_id: c.id,
          sender: 'consumer',
          author_id: null,
          text_enc: enc(because, 'message'),
          is_information_request: false,
          answered_at: null,
          is_shared_with_operator: true,
          purpose: 'refusal',
          created_at: nowIso(),
        });
        return repo.loadCase(await move(repo, tx, c, 'rejected', 'consumer', { type: 'system', id: null }, 'consumer_rejected'));
      });
      return presentConsumer(record);
    },

    async consumerEscalate(reference) {
      const record = await inTx(async (repo, tx) => {
        const c = await findCase(repo, reference);
        const isAllowed = c.stage === 'rejected' || (ESCALATION_STAGES.includes(c.stage) && isEscalationOpen(c, nowIso()));
        if (!isAllowed) throw new Conflict('COMPLAINT_ESCALATION_NOT_OPEN', refusal('escalationNotOpen'));
        return repo.loadCase(await move(repo, tx, c, 'investigation', 'consumer', { type: 'system', id: null }, 'consumer_escalated'));
      });
      return presentConsumer(record);
    },

    async recordSurvey(reference, answers: SurveyAnswers) {
      const scale = (v: unknown) => Number.isInteger(v) && Number(v) >= 1 && Number(v) <= 5;
      const problems: FieldProblem[] = [];
      if (!scale(answers.satisfaction)) problems.push(complaintProblem('satisfaction', 'satisfactionRange'));
      if (answers.wasEasy !== undefined && !scale(answers.wasEasy)) problems.push(complaintProblem('wasEasy', 'scaleRange'));
      if (answers.comment !== undefined && answers.comment.length > SURVEY_COMMENT_MAX)
        problems.push(complaintProblem('comment', 'textLong', { max: SURVEY_COMMENT_MAX }));
      if (problems.length > 0) throw new Invalid(problems);
      await inTx(async (repo) => {
        const c = await findCase(repo, reference);
        if (!SURVEY_STAGES.includes(c.stage)) throw new Conflict('COMPLAINT_SURVEY_NOT_OPEN', refusal('surveyNotOpen'));
        const isNew = await repo.insertSurvey({
          case_id: c.id,
          satisfaction: answers.satisfaction,
          was_easy: answers.wasEasy ?? null,
          comment_enc: answers.comment?.trim() ? enc(answers.comment.trim(), 'survey_comment') : null,
          created_at: nowIso(),
        });
        if (!isNew) throw new Conflict('COMPLAINT_SURVEY_DONE', refusal('surveyDone'));
      });
    },

    async consumerMessage(reference, text, audience = 'regulator') {
      const body = checkText('text', text);
      if (audience !== 'regulator' && audience !== 'operator')
        throw new Invalid([complaintProblem('to', 'audienceUnknown', { audiences: listValue(['regulator', 'operator'], 'or') })]);
      const record = await inTx(async (repo, tx) => {
        const c = await findCase(repo, reference);
        if (c.stage === 'closed') throw new Conflict('COMPLAINT_CLOSED', refusal('closed'));
        if (audience === 'operator' && c.referred_at === null) throw new Invalid([complaintProblem('to', 'operatorNotYet')]);
        const at = nowIso();
        await repo.insertMessage({
          id: ids(),
          case_id: c.id,
          sender: 'consumer',
          author_id: null,
          text_enc: enc(body, 'message'),
          is_information_request: false,
          answered_at: null,
          is_shared_with_operator: audience === 'operator',
          purpose: null,
          created_at: at,
        });
        const answered = await repo.answerInformationRequests(c.id, at);
        if (answered > 0) await restartClock(repo, c.id, at);
        await audit.record(tx, {
          actor: { type: 'system', id: null },
          action: 'complaints.message.consumer',
          entityType: 'complaint_case',
          entityId: c.id,
          details: { answeredRequests: answered, audience },
        });
        return repo.loadCase((await repo.findCaseById(c.id))!);
      });
      return presentConsumer(record);
    },
  };

  return consumer;
}
