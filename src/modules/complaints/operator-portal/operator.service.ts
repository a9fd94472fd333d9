import { Conflict, Invalid, type FieldProblem } from '../../../platform/http/errors.ts';
import { listValue, sizeValue } from '../../../platform/i18n/index.ts';
import { sniffMediaType } from '../../../platform/http/file-signature.ts';
import { ESCALATION_STAGES } from '../deadlines/deadlines.ts';
import { TEXT_LIMITS } from '../cases/complaint-validation.ts';
import { complaintProblem, refusal, stageTerm } from '../cases/complaint-messages.ts';
import type { CaseSummaryRow } from '../cases/complaint.repository.ts';
import { typeChoice } from '../cases/complaint-file-name.ts';
import type { CaseListPage, ListRequest } from '../cases/complaint-list-page.ts';
import type { CaseWorkflow, OperatorActor } from '../cases/case-workflow.ts';
import type { StageDeadline } from '../cases/complaint.types.ts';
import { PRE_REFERRAL_STAGES, readOperatorCase, type OperatorCase } from './operator-case.ts';

/** What an operator sends: an answer, a proposed resolution, a disputed amount put on hold, or deadlock. */
export interface OperatorResponseInput {
  kind: 'response' | 'resolution' | 'deadlock' | 'amount_on_hold';
  text: string;
  /** Decimal string, for `amount_on_hold`. */
  amount?: string;
}

/** Builds the operator's part of the complaint service: its referred cases, its answers, messages, evidence and implementation. */
export function createOperatorService(w: CaseWorkflow) {
  const { repository, ids, audit, settings, enc, dec, decText, nowIso, operatorName, inTx, auditRead, mailConsumer, move, findOperatorCase, checkText } = w;
  const { insertAttachment, readAttachmentOf, listedPage } = w;

  const operator = {
    /** The operator's referred cases with their open deadline; nothing of another operator, nothing not referred yet. */
    async list(who: OperatorActor, request: ListRequest): Promise<CaseListPage<CaseSummaryRow & { deadlines: StageDeadline[] }>> {
      const listed = await listedPage(
        { actor: who.actor, action: 'complaints.operator.listed', details: { operatorId: who.operatorId } },
        request,
        () => repository.countForOperator(who.operatorId),
        (page) => repository.listForOperator(who.operatorId, page),
      );
      const deadlines = await repository.listDeadlinesOf(listed.rows.map((r) => r.id));
      // Deadlines from the referral on, as the operator's view of one case shows them.
      const shown = deadlines.filter((d) => !PRE_REFERRAL_STAGES.includes(d.stage));
      return {
        ...listed,
        rows: listed.rows.map((r) => ({ ...r, deadlines: shown.filter((d) => d.case_id === r.id).map((d) => ({ stage: d.stage, dueAt: d.due_at })) })),
      };
    },

    /** One of the operator's referred cases, with only the shared fields; another operator's case, or one not referred yet, is not found. */
    async open(who: OperatorActor, reference: string): Promise<OperatorCase> {
      const c = await findOperatorCase(repository, who.operatorId, reference);
      await auditRead({ actor: who.actor, action: 'complaints.operator.viewed', entityType: 'complaint_case', entityId: c.id });
      return readOperatorCase({ dec, decText }, await repository.loadCase(c), await operatorName(c.operator_id));
    },

    /** The operator answers: a response, a proposed resolution, deadlock, or a disputed amount put on hold. */
    async respond(who: OperatorActor, reference: string, input: OperatorResponseInput): Promise<OperatorCase> {
      const kinds = ['response', 'resolution', 'deadlock', 'amount_on_hold'];
      const problems: FieldProblem[] = [];
      if (!kinds.includes(input.kind)) problems.push(complaintProblem('kind', 'responseKindUnknown', { kinds: listValue(kinds, 'or') }));
      const text = typeof input.text === 'string' ? input.text.trim() : '';
      if (text.length === 0) problems.push(complaintProblem('text', 'answerMissing'));
      else if (text.length > TEXT_LIMITS.message) problems.push(complaintProblem('text', 'textLong', { max: TEXT_LIMITS.message }));
      if (input.kind === 'amount_on_hold' && !(typeof input.amount === 'string' && /^\d{1,12}(\.\d{1,4})?$/.test(input.amount)))
        problems.push(complaintProblem('amount', 'amountInvalid'));
      if (problems.length > 0) throw new Invalid(problems, 'COMPLAINT_RESPONSE_INVALID', refusal('responseInvalid'));
      await inTx(async (repo, tx) => {
        let c = await findOperatorCase(repo, who.operatorId, reference);
        const at = nowIso();
        await repo.insertResponse({
          id: ids(),
          case_id: c.id,
          kind: input.kind,
          text_enc: enc(text, 'response'),
          amount: input.kind === 'amount_on_hold' ? (input.amount ?? null) : null,
          actor_type: who.actor.type,
          actor_id: who.actor.id,
          created_at: at,
        });
        if (input.kind === 'response') {
          c = await move(repo, tx, c, 'operator_responded', 'operator', who.actor, 'operator_responded');
        } else if (input.kind === 'resolution') {
          c = await move(repo, tx, c, 'resolution_proposed', 'operator', who.actor, 'resolution_proposed');
        } else if (input.kind === 'deadlock') {
          if (c.stage === 'referred_to_operator')
            c = await move(repo, tx, c, 'operator_responded', 'operator', who.actor, 'deadlock', { is_deadlock: true, escalation_opens_at: at });
          else if (ESCALATION_STAGES.includes(c.stage)) {
            if (!(await repo.updateCase(c.id, c.version, { is_deadlock: true, escalation_opens_at: at, updated_at: at })))
              throw new Conflict('COMPLAINT_CHANGED', refusal('changed'));
          } else throw new Conflict('COMPLAINT_TRANSITION_REFUSED', refusal('stage', { stage: stageTerm(c.stage) }));
          await audit.record(tx, { actor: who.actor, action: 'complaints.case.deadlock', entityType: 'complaint_case', entityId: c.id });
          // The consumer may escalate at once; the sweep tells them, exactly once.
        } else {
          if (c.stage === 'closed') throw new Conflict('COMPLAINT_CLOSED', refusal('closed'));
          if (!(await repo.updateCase(c.id, c.version, { amount_on_hold: input.amount ?? null, updated_at: at })))
            throw new Conflict('COMPLAINT_CHANGED', refusal('changed'));
          await audit.record(tx, { actor: who.actor, action: 'complaints.case.amount_on_hold', entityType: 'complaint_case', entityId: c.id });
        }
      });
      return operator.open(who, reference);
    },

    /** The operator writes to the consumer about a referred case (the regulator reads it too); the consumer is told by e-mail. */
    async messageConsumer(who: OperatorActor, reference: string, text: string): Promise<OperatorCase> {
      const body = checkText('message', text);
      await inTx(async (repo, tx) => {
        const c = await findOperatorCase(repo, who.operatorId, reference);
        if (c.stage === 'closed') throw new Conflict('COMPLAINT_CLOSED', refusal('closed'));
        await repo.insertMessage({
          id: ids(),
          case_id: c.id,
          sender: 'operator',
          author_id: who.actor.id,
          text_enc: enc(body, 'message'),
          is_information_request: false,
          answered_at: null,
          is_shared_with_operator: true,
          purpose: null,
          created_at: nowIso(),
        });
        await audit.record(tx, { actor: who.actor, action: 'complaints.message.operator', entityType: 'complaint_case', entityId: c.id });
        const filing = await repo.findFilingById(c.filing_id);
        if (filing) await mailConsumer(tx, filing, 'operatorMessage', { reference: c.reference, operator: await operatorName(c.operator_id, tx) });
      });
      return operator.open(who, reference);
    },

    /** The operator reports that it carried out the accepted resolution or the decision. */
    async implemented(who: OperatorActor, reference: string, note: string): Promise<void> {
      const body = checkText('note', note);
      await inTx(async (repo, tx) => {
        const c = await findOperatorCase(repo, who.operatorId, reference);
        await repo.insertImplementation({
          id: ids(),
          case_id: c.id,
          status: 'done',
          note_enc: enc(body, 'implementation'),
          actor_type: who.actor.type,
          actor_id: who.actor.id,
          at: nowIso(),
        });
        await move(repo, tx, c, 'implemented', 'operator', who.actor, 'operator_implemented');
      });
    },

    /** Attaches evidence: the type must be allowed by the profile and match the file's first bytes; stored encrypted. */
    async attach(who: OperatorActor, reference: string, file: { fileName: string; declaredType: string; content: Buffer }): Promise<string> {
      const problems: FieldProblem[] = [];
      const name = file.fileName.trim().slice(0, 200);
      if (file.content.length === 0) problems.push(complaintProblem('file', 'fileMissing'));
      else if (file.content.length > settings.attachments.maxBytes)
        problems.push(complaintProblem('file', 'fileTooLarge', { size: sizeValue(settings.attachments.maxBytes) }));
      const sniffed = sniffMediaType(file.content);
      if (file.content.length > 0 && (sniffed === null || !settings.attachments.types.includes(sniffed)))
        problems.push(complaintProblem('file', 'fileType', { types: typeChoice(settings.attachments.types) }));
      else if (sniffed !== null && file.declaredType !== '' && file.declaredType !== 'application/octet-stream' && file.declaredType !== sniffed)
        problems.push(complaintProblem('file', 'fileTypeMismatch', { declared: file.declaredType.slice(0, 60), sniffed }));
      if (problems.length > 0 || sniffed === null) throw new Invalid(problems, 'COMPLAINT_ATTACHMENT_INVALID', refusal('attachmentInvalid'));
      return inTx(async (repo, tx) => {
        const c = await findOperatorCase(repo, who.operatorId, reference);
        return insertAttachment(repo, tx, c.id, { fileName: name, mediaType: sniffed, content: file.content }, who.actor, nowIso());
      });
    },

    async readAttachment(who: OperatorActor, reference: string, attachmentId: string) {
      const c = await findOperatorCase(repository, who.operatorId, reference);
      return readAttachmentOf(c, attachmentId, who.actor);
    },
  };

  return operator;
}
