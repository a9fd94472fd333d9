import { type Transaction } from '../../../platform/db/index.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import { refusal } from '../cases/complaint-messages.ts';
import type { CaseRow, ComplaintRepository } from '../cases/complaint.repository.ts';
import type { CaseWorkflow, StaffActor } from '../cases/case-workflow.ts';

/** Builds how staff work a case day to day: assigning it, noting, and writing to the consumer. */
export function createCaseHandlingService(w: CaseWorkflow) {
  const { ids, audit, enc, nowIso, inTx, mailConsumer, findCase, checkText } = w;

  /** Runs one audited change of a case in a transaction: `complaints.case.<action>`. */
  async function staffChange<T>(
    who: StaffActor,
    reference: string,
    action: string,
    work: (repo: ComplaintRepository, tx: Transaction, c: CaseRow) => Promise<T>,
  ): Promise<T> {
    return inTx(async (repo, tx) => {
      const c = await findCase(repo, reference);
      const result = await work(repo, tx, c);
      await audit.record(tx, { actor: who.actor, action: `complaints.case.${action}`, entityType: 'complaint_case', entityId: c.id });
      return result;
    });
  }

  /** Stores the regulator's message to the consumer of a case; a question stops the clock until they answer. */
  async function writeToConsumer(repo: ComplaintRepository, who: StaffActor, c: CaseRow, body: string, isQuestion: boolean, at: string): Promise<void> {
    await repo.insertMessage({
      id: ids(),
      case_id: c.id,
      sender: 'regulator',
      author_id: who.userId,
      text_enc: enc(body, 'message'),
      is_information_request: isQuestion,
      answered_at: null,
      is_shared_with_operator: false,
      purpose: null,
      created_at: at,
    });
  }

  return {
    async assign(who: StaffActor, reference: string, assigneeId: string): Promise<void> {
      await staffChange(who, reference, 'assigned', async (repo, _tx, c) => {
        await repo.insertAssignment({ id: ids(), case_id: c.id, assignee_id: assigneeId, assigned_by: who.userId, at: nowIso() });
        if (!(await repo.updateCase(c.id, c.version, { assigned_to: assigneeId, updated_at: nowIso() })))
          throw new Conflict('COMPLAINT_CHANGED', refusal('changed'));
      });
    },

    async addNote(who: StaffActor, reference: string, text: string): Promise<void> {
      const body = checkText('note', text);
      await staffChange(who, reference, 'noted', (repo, _tx, c) =>
        repo.insertNote({ id: ids(), case_id: c.id, author_id: who.userId, text_enc: enc(body, 'note'), created_at: nowIso() }),
      );
    },

    /** Asks the consumer for information: the clock of the open deadline stops until they answer. */
    async askConsumer(who: StaffActor, reference: string, text: string): Promise<void> {
      const body = checkText('question', text);
      await staffChange(who, reference, 'information_requested', async (repo, tx, c) => {
        if (c.stage === 'closed') throw new Conflict('COMPLAINT_CLOSED', refusal('closed'));
        const at = nowIso();
        await writeToConsumer(repo, who, c, body, true, at);
        const record = await repo.loadCase(c);
        if (!record.pauses.some((p) => p.to_at === null))
          await repo.insertPause({ id: ids(), case_id: c.id, from_at: at, to_at: null, reason: 'information_request' });
        await mailConsumer(tx, record.filing, 'question', { reference: c.reference });
      });
    },

    /** Sends a message to the consumer without stopping the clock. */
    async messageConsumer(who: StaffActor, reference: string, text: string): Promise<void> {
      const body = checkText('message', text);
      await staffChange(who, reference, 'messaged', async (repo, tx, c) => {
        await writeToConsumer(repo, who, c, body, false, nowIso());
        const filing = await repo.findFilingById(c.filing_id);
        if (filing) await mailConsumer(tx, filing, 'message', { reference: c.reference });
      });
    },
  };
}
