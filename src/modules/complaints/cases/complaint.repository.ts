import { sql, type ExpressionBuilder, type Insertable, type Selectable, type Updateable } from 'kysely';
import { withTransaction, type Database, queriesOf, transactionOf, type Executor, type Transaction } from '../../../platform/db/index.ts';
import type {
  ComplaintAttachmentsTable,
  ComplaintCasesTable,
  ComplaintDeadlinesTable,
  ComplaintDecisionsTable,
  ComplaintFilingsTable,
  ComplaintImplementationsTable,
  ComplaintMessagesTable,
  ComplaintNotesTable,
  ComplaintPausesTable,
  ComplaintResponsesTable,
  ComplaintStageHistoryTable,
  ComplaintSubscribersTable,
  ComplaintSurveysTable,
} from '../complaints.tables.ts';
import { COMPLAINT_STAGES, type ComplaintStage } from './complaint.types.ts';
import type { CasePage } from './complaint-list-page.ts';
import type { ComplaintAssignmentsTable } from '../complaints.tables.ts';

/** A stored filing. */
export type FilingRow = Selectable<ComplaintFilingsTable>;
/** A stored case. */
export type CaseRow = Selectable<ComplaintCasesTable>;
/** A stored deadline. */
export type DeadlineRow = Selectable<ComplaintDeadlinesTable>;
/** A stored pause. */
export type PauseRow = Selectable<ComplaintPausesTable>;
/** A stored message. */
export type MessageRow = Selectable<ComplaintMessagesTable>;
/** A stored note. */
export type NoteRow = Selectable<ComplaintNotesTable>;
/** A stored operator response. */
export type ResponseRow = Selectable<ComplaintResponsesTable>;
/** A stored decision. */
export type DecisionRow = Selectable<ComplaintDecisionsTable>;
/** A stored implementation step. */
export type ImplementationRow = Selectable<ComplaintImplementationsTable>;
/** An attachment without its content. */
export type AttachmentInfoRow = Omit<Selectable<ComplaintAttachmentsTable>, 'content_enc'>;
/** A stored stage change. */
export type HistoryRow = Selectable<ComplaintStageHistoryTable>;
/** A stored assignment. */
export type AssignmentRow = Selectable<ComplaintAssignmentsTable>;

/** Everything stored about one case. */
export interface CaseRecord {
  filing: FilingRow;
  case: CaseRow;
  deadlines: DeadlineRow[];
  pauses: PauseRow[];
  history: HistoryRow[];
  messages: MessageRow[];
  notes: NoteRow[];
  responses: ResponseRow[];
  decisions: DecisionRow[];
  implementations: ImplementationRow[];
  attachments: AttachmentInfoRow[];
  assignments: AssignmentRow[];
  survey: Selectable<ComplaintSurveysTable> | undefined;
}

/** The filters of the regulator's queue. */
export interface QueueFilter {
  stage?: ComplaintStage;
  operatorId?: string;
  category?: string;
  /** Only cases with an open deadline that ended before this instant and a running clock. */
  overdueAt?: string;
  hasExtraSupport?: boolean;
}

/** Which cases a list holds: the regulator's queue, an operator's referred cases, or an association's filings. */
type CaseScope = { queue: QueueFilter } | { referredTo: string } | { associationOf: string };

/** A case as lists show it, with its open deadline. */
export type CaseSummaryRow = Pick<
  CaseRow,
  'id' | 'reference' | 'operator_id' | 'service' | 'category' | 'stage' | 'filed_at' | 'has_extra_support' | 'is_untimely' | 'assigned_to'
> & {
  due_at: string | null;
  deadline_stage: string | null;
  /** The regulator waits for the consumer: the deadline stands still and cannot pass (a boolean, or 0/1 on SQLite). */
  is_clock_stopped: boolean | number;
};

/** An open deadline the sweep looks at. */
export type OpenDeadlineRow = Pick<DeadlineRow, 'id' | 'case_id' | 'stage' | 'due_at'>;

/** All SQL of complaints. */
export interface ComplaintRepository {
  /** Runs `work` in one transaction; `tx` is for the audit log and the job queue, which must commit with the change. */
  inTransaction<T>(work: (repository: ComplaintRepository, tx: Transaction) => Promise<T>): Promise<T>;
  insertFiling(row: Insertable<ComplaintFilingsTable>): Promise<void>;
  insertCase(row: Insertable<ComplaintCasesTable>): Promise<void>;
  insertHistory(row: Insertable<ComplaintStageHistoryTable>): Promise<void>;
  insertDeadline(row: Insertable<ComplaintDeadlinesTable>): Promise<void>;
  /** Closes the open deadlines of a case; a deadline closed after its end is marked missed. */
  closeOpenDeadlines(caseId: string, at: string): Promise<void>;
  updateDeadlineDue(id: string, dueAt: string): Promise<void>;
  markDeadlineMissed(id: string): Promise<void>;
  insertPause(row: Insertable<ComplaintPausesTable>): Promise<void>;
  endOpenPauses(caseId: string, at: string): Promise<number>;
  /** The pauses of a case's clock, oldest first. */
  listPauses(caseId: string): Promise<PauseRow[]>;
  insertNote(row: Insertable<ComplaintNotesTable>): Promise<void>;
  insertMessage(row: Insertable<ComplaintMessagesTable>): Promise<void>;
  answerInformationRequests(caseId: string, at: string): Promise<number>;
  insertAssignment(row: Insertable<ComplaintAssignmentsTable>): Promise<void>;
  insertResponse(row: Insertable<ComplaintResponsesTable>): Promise<void>;
  insertDecision(row: Insertable<ComplaintDecisionsTable>): Promise<void>;
  insertImplementation(row: Insertable<ComplaintImplementationsTable>): Promise<void>;
  insertAttachment(row: Insertable<ComplaintAttachmentsTable>): Promise<void>;
  findAttachment(caseId: string, id: string): Promise<Selectable<ComplaintAttachmentsTable> | undefined>;
  insertSurvey(row: Insertable<ComplaintSurveysTable>): Promise<boolean>;
  /** Updates a case only when it still has `version`; returns false when someone changed it in between. */
  updateCase(id: string, version: number, changes: Updateable<ComplaintCasesTable>): Promise<boolean>;
  findCaseByReference(reference: string): Promise<CaseRow | undefined>;
  findCaseById(id: string): Promise<CaseRow | undefined>;
  findFilingByReference(reference: string): Promise<FilingRow | undefined>;
  findFilingById(id: string): Promise<FilingRow | undefined>;
  listCasesOfFiling(filingId: string): Promise<CaseRow[]>;
  loadCase(caseRow: CaseRow): Promise<CaseRecord>;
  /** One page of the regulator's queue, in the order asked for (ties by id, so pages never overlap). */
  listQueue(filter: QueueFilter, page: CasePage): Promise<CaseSummaryRow[]>;
  countQueue(filter: QueueFilter): Promise<number>;
  /** One page of the operator's cases the regulator referred to it. */
  listForOperator(operatorId: string, page: CasePage): Promise<CaseSummaryRow[]>;
  countForOperator(operatorId: string): Promise<number>;
  /**
   * One page of the cases filed by the representatives of the association `userId` belongs to (by
   * the organisation of their accounts; by `userId` alone when it has none).
   */
  listFiledByAssociationOf(userId: string, page: CasePage): Promise<CaseSummaryRow[]>;
  countFiledByAssociationOf(userId: string): Promise<number>;
  listDeadlinesOf(caseIds: readonly string[]): Promise<DeadlineRow[]>;
  /** Open deadlines of `stages` that ended before `now`, on cases whose clock is running. */
  listLapsedDeadlines(stages: readonly string[], now: string): Promise<OpenDeadlineRow[]>;
  /** Cases in `stages` whose escalation opened before `now` and whose consumer was not told yet. */
  listEscalationDue(stages: readonly ComplaintStage[], now: string, limit: number): Promise<CaseRow[]>;
  /** Marks the consumer told; false when another worker did it first. */
  markEscalationNotified(caseId: string, at: string): Promise<boolean>;
  listFilingsByEmailHash(hash: string): Promise<FilingRow[]>;
  /** The filings of a consumer reached by text message, by the keyed hash of their mobile number, oldest first. */
  listFilingsByPhoneHash(hash: string): Promise<FilingRow[]>;
  /** Replaces a consumer's personal data and free text of a filing and its cases with `erased`. */
  eraseFiling(filingId: string, erased: string, at: string): Promise<void>;
  upsertSubscribers(rows: readonly ComplaintSubscribersTable[]): Promise<void>;
  countCases(): Promise<number>;
  /** Cases filed in [from, to] with their stage changes and missed deadlines, for statistics: no personal data. */
  listForStatistics(
    from: string,
    to: string,
  ): Promise<
    Array<Pick<CaseRow, 'id' | 'operator_id' | 'service' | 'category' | 'filed_at'> & { history: Array<{ to_stage: string; at: string }>; missed: number }>
  >;
  /** Every subscriber figure, or a quarter's, by quarter, operator and service. */
  listSubscribers(quarter?: string): Promise<ComplaintSubscribersTable[]>;
  /** Makes `rows` the whole of a quarter's figures: a figure absent from them is removed. Returns how many figures the quarter had. */
  replaceSubscribersOfQuarter(quarter: string, rows: readonly ComplaintSubscribersTable[]): Promise<number>;
  /** The earliest and latest filing instants, or undefined without cases. */
  filingSpan(): Promise<{ first: string; last: string } | undefined>;
  countCasesByReference(references: readonly string[]): Promise<Map<string, number>>;
}

// What a list shows of each case, with its open deadline.
const SUMMARY_COLUMNS = [
  'c.id',
  'c.reference',
  'c.operator_id',
  'c.service',
  'c.category',
  'c.stage',
  'c.filed_at',
  'c.has_extra_support',
  'c.is_untimely',
  'c.assigned_to',
  'd.due_at',
  'd.stage as deadline_stage',
] as const;

/** Builds the repository over a Kysely instance or transaction. */
export function createComplaintRepository(executor: Executor): ComplaintRepository {
  const db = queriesOf(executor);
  // Whether the case's clock stands still: a pause that has not ended.
  const runningPause = (eb: ExpressionBuilder<Database & { c: ComplaintCasesTable }, 'c'>) =>
    eb.exists(eb.selectFrom('complaint_pauses as p').select('p.id').whereRef('p.case_id', '=', 'c.id').where('p.to_at', 'is', null));
  // Every list of cases reads the same rows, narrowed by its scope; a case has at most one open deadline, so it appears once.
  const scopedCases = (scope: CaseScope) => {
    let query = db.selectFrom('complaint_cases as c').leftJoin('complaint_deadlines as d', (j) => j.onRef('d.case_id', '=', 'c.id').on('d.met_at', 'is', null));
    if ('referredTo' in scope) return query.where('c.operator_id', '=', scope.referredTo).where('c.referred_at', 'is not', null);
    if ('associationOf' in scope) {
      const userId = scope.associationOf;
      const association = db
        .selectFrom('users as u')
        .select('u.id')
        .where('u.role', '=', 'association_rep')
        .where('u.organisation', 'is not', null)
        .where('u.organisation', '=', db.selectFrom('users as me').select('me.organisation').where('me.id', '=', userId));
      const filings = db
        .selectFrom('complaint_filings as f')
        .select('f.id')
        .where('f.filed_by_type', '=', 'user')
        .where('f.channel', '=', 'association')
        .where((eb) => eb.or([eb('f.filed_by_id', '=', userId), eb('f.filed_by_id', 'in', association)]));
      return query.where('c.filing_id', 'in', filings);
    }
    const filter = scope.queue;
    if (filter.stage) query = query.where('c.stage', '=', filter.stage);
    if (filter.operatorId) query = query.where('c.operator_id', '=', filter.operatorId);
    if (filter.category) query = query.where('c.category', '=', filter.category);
    if (filter.hasExtraSupport !== undefined) query = query.where('c.has_extra_support', '=', filter.hasExtraSupport);
    // A deadline whose clock stands still moves on with it, so it cannot be overdue meanwhile.
    if (filter.overdueAt) query = query.where('d.due_at', '<', filter.overdueAt).where((eb) => eb.not(runningPause(eb)));
    return query;
  };
  // The stages in their usual order rather than alphabetically; the literals are the fixed stage names.
  const stageOrder = sql<number>`case ${sql.ref('c.stage')} ${sql.join(
    COMPLAINT_STAGES.map((stage, index) => sql`when ${sql.lit(stage)} then ${sql.lit(index)}`),
    sql` `,
  )} end`;
  const listPage = (scope: CaseScope, page: CasePage): Promise<CaseSummaryRow[]> => {
    const dir = page.direction;
    let query = scopedCases(scope)
      .select(SUMMARY_COLUMNS)
      .select((eb) => runningPause(eb).as('is_clock_stopped'));
    if (page.sort === 'operator') {
      // By the name people read, from the operator register.
      query = query.orderBy(
        (eb) => eb.fn.coalesce(eb.selectFrom('operators as o').select('o.name').whereRef('o.licence_id', '=', 'c.operator_id'), eb.ref('c.operator_id')),
        dir,
      );
    } else if (page.sort === 'stage') {
      query = query.orderBy(stageOrder, dir);
    } else if (page.sort === 'due') {
      // Cases without a running deadline come last either way; SQLite and PostgreSQL order nulls differently.
      query = query.orderBy((eb) => eb.case().when('d.due_at', 'is', null).then(1).else(0).end()).orderBy('d.due_at', dir);
    } else {
      query = query.orderBy(page.sort === 'reference' ? 'c.reference' : page.sort === 'category' ? 'c.category' : 'c.filed_at', dir);
    }
    if (page.sort !== 'filed') query = query.orderBy('c.filed_at', 'desc');
    return query.orderBy('c.id').limit(page.limit).offset(page.offset).execute();
  };
  const countOf = async (scope: CaseScope): Promise<number> => {
    const row = await scopedCases(scope)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  const repository: ComplaintRepository = {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(tx === db ? repository : createComplaintRepository(tx), transactionOf(tx)));
    },
    async insertFiling(row) {
      await db.insertInto('complaint_filings').values(row).execute();
    },
    async insertCase(row) {
      await db.insertInto('complaint_cases').values(row).execute();
    },
    async insertHistory(row) {
      await db.insertInto('complaint_stage_history').values(row).execute();
    },
    async insertDeadline(row) {
      await db.insertInto('complaint_deadlines').values(row).execute();
    },
    async closeOpenDeadlines(caseId, at) {
      await db
        .updateTable('complaint_deadlines')
        .set({ met_at: at, is_missed: true })
        .where('case_id', '=', caseId)
        .where('met_at', 'is', null)
        .where('due_at', '<', at)
        .execute();
      await db.updateTable('complaint_deadlines').set({ met_at: at }).where('case_id', '=', caseId).where('met_at', 'is', null).execute();
    },
    async updateDeadlineDue(id, dueAt) {
      await db.updateTable('complaint_deadlines').set({ due_at: dueAt }).where('id', '=', id).execute();
    },
    async markDeadlineMissed(id) {
      await db.updateTable('complaint_deadlines').set({ is_missed: true }).where('id', '=', id).execute();
    },
    async insertPause(row) {
      await db.insertInto('complaint_pauses').values(row).execute();
    },
    async endOpenPauses(caseId, at) {
      const result = await db.updateTable('complaint_pauses').set({ to_at: at }).where('case_id', '=', caseId).where('to_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    listPauses(caseId) {
      return db.selectFrom('complaint_pauses').selectAll().where('case_id', '=', caseId).orderBy('from_at').orderBy('id').execute();
    },
    async insertNote(row) {
      await db.insertInto('complaint_notes').values(row).execute();
    },
    async insertMessage(row) {
      await db.insertInto('complaint_messages').values(row).execute();
    },
    async answerInformationRequests(caseId, at) {
      const result = await db
        .updateTable('complaint_messages')
        .set({ answered_at: at })
        .where('case_id', '=', caseId)
        .where('is_information_request', '=', true)
        .where('answered_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async insertAssignment(row) {
      await db.insertInto('complaint_assignments').values(row).execute();
    },
    async insertResponse(row) {
      await db.insertInto('complaint_responses').values(row).execute();
    },
    async insertDecision(row) {
      await db.insertInto('complaint_decisions').values(row).execute();
    },
    async insertImplementation(row) {
      await db.insertInto('complaint_implementations').values(row).execute();
    },
    async insertAttachment(row) {
      await db.insertInto('complaint_attachments').values(row).execute();
    },
    findAttachment(caseId, id) {
      return db.selectFrom('complaint_attachments').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
    },
    async insertSurvey(row) {
      const result = await db
        .insertInto('complaint_surveys')
        .values(row)
        .onConflict((oc) => oc.column('case_id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async updateCase(id, version, changes) {
      const result = await db
        .updateTable('complaint_cases')
        .set({ ...changes, version: version + 1 })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    findCaseByReference(reference) {
      return db.selectFrom('complaint_cases').selectAll().where('reference', '=', reference).executeTakeFirst();
    },
    findCaseById(id) {
      return db.selectFrom('complaint_cases').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findFilingByReference(reference) {
      return db.selectFrom('complaint_filings').selectAll().where('reference', '=', reference).executeTakeFirst();
    },
    findFilingById(id) {
      return db.selectFrom('complaint_filings').selectAll().where('id', '=', id).executeTakeFirst();
    },
    listCasesOfFiling(filingId) {
      return db.selectFrom('complaint_cases').selectAll().where('filing_id', '=', filingId).orderBy('operator_id').execute();
    },
    async loadCase(caseRow) {
      const id = caseRow.id;
      const filing = await db.selectFrom('complaint_filings').selectAll().where('id', '=', caseRow.filing_id).executeTakeFirstOrThrow();
      const [deadlines, pauses, history, messages, notes, responses, decisions, implementations, attachments, assignments, survey] = await Promise.all([
        db.selectFrom('complaint_deadlines').selectAll().where('case_id', '=', id).orderBy('starts_at').orderBy('id').execute(),
        db.selectFrom('complaint_pauses').selectAll().where('case_id', '=', id).orderBy('from_at').execute(),
        db.selectFrom('complaint_stage_history').selectAll().where('case_id', '=', id).orderBy('at').orderBy('id').execute(),
        db.selectFrom('complaint_messages').selectAll().where('case_id', '=', id).orderBy('created_at').orderBy('id').execute(),
        db.selectFrom('complaint_notes').selectAll().where('case_id', '=', id).orderBy('created_at').orderBy('id').execute(),
        db.selectFrom('complaint_responses').selectAll().where('case_id', '=', id).orderBy('created_at').orderBy('id').execute(),
        db.selectFrom('complaint_decisions').selectAll().where('case_id', '=', id).orderBy('decided_at').execute(),
        db.selectFrom('complaint_implementations').selectAll().where('case_id', '=', id).orderBy('at').execute(),
        db
          .selectFrom('complaint_attachments')
          .select(['id', 'case_id', 'file_name_enc', 'media_type', 'size_bytes', 'sha256', 'actor_type', 'actor_id', 'created_at'])
          .where('case_id', '=', id)
          .orderBy('created_at')
          .execute(),
        db.selectFrom('complaint_assignments').selectAll().where('case_id', '=', id).orderBy('at').execute(),
        db.selectFrom('complaint_surveys').selectAll().where('case_id', '=', id).executeTakeFirst(),
      ]);
      return { filing, case: caseRow, deadlines, pauses, history, messages, notes, responses, decisions, implementations, attachments, assignments, survey };
    },
    listQueue: (filter, page) => listPage({ queue: filter }, page),
    countQueue: (filter) => countOf({ queue: filter }),
    listForOperator: (operatorId, page) => listPage({ referredTo: operatorId }, page),
    countForOperator: (operatorId) => countOf({ referredTo: operatorId }),
    listFiledByAssociationOf: (userId, page) => listPage({ associationOf: userId }, page),
    countFiledByAssociationOf: (userId) => countOf({ associationOf: userId }),
    async listDeadlinesOf(caseIds) {
      if (caseIds.length === 0) return [];
      return db
        .selectFrom('complaint_deadlines')
        .selectAll()
        .where('case_id', 'in', [...caseIds])
        .orderBy('starts_at')
        .orderBy('id')
        .execute();
    },
    listLapsedDeadlines(stages, now) {
      return db
        .selectFrom('complaint_deadlines as d')
        .select(['d.id', 'd.case_id', 'd.stage', 'd.due_at'])
        .where('d.met_at', 'is', null)
        .where('d.is_missed', '=', false)
        .where('d.stage', 'in', [...stages])
        .where('d.due_at', '<', now)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('complaint_pauses as p').select('p.id').whereRef('p.case_id', '=', 'd.case_id').where('p.to_at', 'is', null))),
        )
        .orderBy('d.due_at')
        .limit(500)
        .execute();
    },
    listEscalationDue(stages, now, limit) {
      return db
        .selectFrom('complaint_cases')
        .selectAll()
        .where('stage', 'in', [...stages])
        .where('escalation_notified_at', 'is', null)
        .where('escalation_opens_at', '<=', now)
        .orderBy('escalation_opens_at')
        .limit(limit)
        .execute();
    },
    async markEscalationNotified(caseId, at) {
      const result = await db
        .updateTable('complaint_cases')
        .set({ escalation_notified_at: at })
        .where('id', '=', caseId)
        .where('escalation_notified_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    listFilingsByEmailHash(hash) {
      return db.selectFrom('complaint_filings').selectAll().where('consumer_email_hash', '=', hash).orderBy('created_at').execute();
    },
    listFilingsByPhoneHash(hash) {
      return db.selectFrom('complaint_filings').selectAll().where('consumer_phone_hash', '=', hash).orderBy('created_at').orderBy('id').execute();
    },
    async eraseFiling(filingId, erased, at) {
      await db
        .updateTable('complaint_filings')
        .set({
          consumer_name_enc: erased,
          consumer_email_enc: erased,
          consumer_email_hash: `erased:${filingId}`,
          consumer_phone_enc: null,
          consumer_phone_hash: null,
          consumer_account_enc: null,
          service_number_enc: null,
          extra_support_enc: null,
          extra_support_details_enc: null,
          erased_at: at,
        })
        .where('id', '=', filingId)
        .execute();
      const caseIds = (await db.selectFrom('complaint_cases').select('id').where('filing_id', '=', filingId).execute()).map((r) => r.id);
      if (caseIds.length === 0) return;
      await db
        .updateTable('complaint_cases')
        .set({ description_enc: erased, desired_outcome_enc: erased, prior_operator_reference_enc: null })
        .where('id', 'in', caseIds)
        .execute();
      await db.updateTable('complaint_messages').set({ text_enc: erased }).where('case_id', 'in', caseIds).execute();
      await db.updateTable('complaint_notes').set({ text_enc: erased }).where('case_id', 'in', caseIds).execute();
      await db.updateTable('complaint_responses').set({ text_enc: erased }).where('case_id', 'in', caseIds).execute();
      await db.updateTable('complaint_decisions').set({ text_enc: erased }).where('case_id', 'in', caseIds).execute();
      await db.updateTable('complaint_implementations').set({ note_enc: erased }).where('case_id', 'in', caseIds).execute();
      await db.updateTable('complaint_surveys').set({ comment_enc: null }).where('case_id', 'in', caseIds).execute();
      await db.deleteFrom('complaint_attachments').where('case_id', 'in', caseIds).execute();
    },
    async upsertSubscribers(rows) {
      for (const row of rows) {
        await db
          .insertInto('complaint_subscribers')
          .values(row)
          .onConflict((oc) => oc.columns(['operator_id', 'service', 'quarter']).doUpdateSet({ subscribers: row.subscribers }))
          .execute();
      }
    },
    async countCases() {
      const row = await db
        .selectFrom('complaint_cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async listForStatistics(from, to) {
      const cases = await db
        .selectFrom('complaint_cases')
        .select(['id', 'operator_id', 'service', 'category', 'filed_at'])
        .where('filed_at', '>=', from)
        .where('filed_at', '<=', to)
        .execute();
      const out = cases.map((c) => ({ ...c, history: [] as Array<{ to_stage: string; at: string }>, missed: 0 }));
      const byId = new Map(out.map((c) => [c.id, c]));
      for (let i = 0; i < cases.length; i += 500) {
        const ids = cases.slice(i, i + 500).map((c) => c.id);
        const history = await db
          .selectFrom('complaint_stage_history')
          .select(['case_id', 'to_stage', 'at'])
          .where('case_id', 'in', ids)
          .orderBy('at')
          .execute();
        for (const h of history) byId.get(h.case_id)?.history.push({ to_stage: h.to_stage, at: h.at });
        const missed = await db
          .selectFrom('complaint_deadlines')
          .select('case_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('case_id', 'in', ids)
          .where('is_missed', '=', true)
          .groupBy('case_id')
          .execute();
        for (const m of missed) {
          const found = byId.get(m.case_id);
          if (found) found.missed = Number(m.n);
        }
      }
      return out;
    },
    listSubscribers(quarter) {
      let query = db.selectFrom('complaint_subscribers').selectAll();
      if (quarter !== undefined) query = query.where('quarter', '=', quarter);
      return query.orderBy('quarter').orderBy('operator_id').orderBy('service').execute();
    },
    async replaceSubscribersOfQuarter(quarter, rows) {
      const removed = await db.deleteFrom('complaint_subscribers').where('quarter', '=', quarter).executeTakeFirst();
      if (rows.length > 0)
        await db
          .insertInto('complaint_subscribers')
          .values([...rows])
          .execute();
      return Number(removed.numDeletedRows);
    },
    async filingSpan() {
      const row = await db
        .selectFrom('complaint_cases')
        .select((eb) => [eb.fn.min('filed_at').as('first'), eb.fn.max('filed_at').as('last')])
        .executeTakeFirst();
      if (!row || row.first === null || row.last === null) return undefined;
      return { first: String(row.first), last: String(row.last) };
    },
    async countCasesByReference(references) {
      const counts = new Map<string, number>();
      for (let i = 0; i < references.length; i += 500) {
        const part = references.slice(i, i + 500);
        const rows = await db
          .selectFrom('complaint_cases')
          .select('reference')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('reference', 'in', part)
          .groupBy('reference')
          .execute();
        for (const r of rows) counts.set(r.reference, Number(r.n));
      }
      return counts;
    },
  };
  return repository;
}
