import { queriesOf, transactionOf, withTransaction, type Executor, type Transaction } from '../../../platform/db/index.ts';
import type { ScamNoticeRow } from '../scams.tables.ts';

/** A notice with what its list shows of the identifier. */
export interface NoticeListRow extends ScamNoticeRow {
  identifier_kind: string;
  identifier_value_enc: string;
  identifier_state: string;
}

/** What a list of notices may be narrowed to. */
export interface NoticeFilter {
  /** Only this operator's notices (always set for an operator's agent or token). */
  operatorId?: string;
  /** Only notices not yet answered. */
  isOpenOnly?: boolean;
  limit: number;
}

/** One operator's notices counted for the staff view. */
export interface NoticeCountRow {
  operator_id: string;
  open: number;
  answered: number;
  /** Past due and unanswered at `now`. */
  overdue_open: number;
  /** Answered after their due date. */
  answered_late: number;
}

/** All SQL of operators' notices, and the reads the notices need of reports and the porting table. */
export interface ScamNoticeRepository {
  /** Runs `work` in one transaction with a repository bound to it. */
  inTransaction<T>(work: (repository: ScamNoticeRepository, tx: Transaction) => Promise<T>): Promise<T>;
  insert(rows: readonly ScamNoticeRow[]): Promise<void>;
  /** The sealed numbers of everyone who reported the identifier (as sender or link), each once. */
  reporterNumbersOf(identifierId: string): Promise<string[]>;
  /** The SMS route each ported number (by its SMS keyed hash) now belongs to. */
  portedRoutesOf(numberHashes: readonly string[]): Promise<Map<string, string>>;
  /** The operators that were sent a block notice for the identifier, with the role they had, first notice first. */
  blockedOperatorsOf(identifierId: string): Promise<Array<{ operator_id: string; role: string }>>;
  list(filter: NoticeFilter): Promise<NoticeListRow[]>;
  findById(id: string): Promise<NoticeListRow | undefined>;
  /** Records the answer when the notice is still unanswered; false when it was answered already. */
  answer(id: string, answer: { answer: string; note: string | null; at: string; by: string }): Promise<boolean>;
  /** Per operator: notices open, answered, open past due at `now`, answered late. */
  countsByOperator(now: string): Promise<NoticeCountRow[]>;
}

/** Builds the repository over the database or a transaction. */
export function createScamNoticeRepository(executor: Executor): ScamNoticeRepository {
  const db = queriesOf(executor);
  const listQuery = () =>
    db
      .selectFrom('scam_notices as n')
      .innerJoin('scam_identifiers as i', 'i.id', 'n.identifier_id')
      .selectAll('n')
      .select(['i.kind as identifier_kind', 'i.value_enc as identifier_value_enc', 'i.state as identifier_state']);
  return {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createScamNoticeRepository(tx), transactionOf(tx)));
    },
    async insert(rows) {
      if (rows.length > 0)
        await db
          .insertInto('scam_notices')
          .values([...rows])
          .execute();
    },
    async reporterNumbersOf(identifierId) {
      const rows = await db
        .selectFrom('scam_report_targets as t')
        .innerJoin('scam_reports as r', 'r.id', 't.report_id')
        .select(['r.reporter_hash', 'r.reporter_enc'])
        .where('t.identifier_id', '=', identifierId)
        .orderBy('r.reporter_hash')
        .orderBy('r.filed_at')
        .execute();
      const seen = new Map<string, string>();
      for (const row of rows) if (!seen.has(row.reporter_hash)) seen.set(row.reporter_hash, row.reporter_enc);
      return [...seen.values()];
    },
    async portedRoutesOf(numberHashes) {
      const found = new Map<string, string>();
      // A few hundred reporters at most are asked at once; 500 parameters stay far below either database's limit.
      for (let i = 0; i < numberHashes.length; i += 500) {
        const slice = numberHashes.slice(i, i + 500);
        const rows = await db.selectFrom('sms_ported_numbers').select(['number_hash', 'route']).where('number_hash', 'in', slice).execute();
        for (const row of rows) found.set(row.number_hash, row.route);
      }
      return found;
    },
    blockedOperatorsOf(identifierId) {
      return db
        .selectFrom('scam_notices')
        .select(['operator_id', 'role'])
        .where('identifier_id', '=', identifierId)
        .where('kind', '=', 'block')
        .orderBy('sent_at')
        .orderBy('operator_id')
        .execute();
    },
    list(filter) {
      let query = listQuery();
      if (filter.operatorId !== undefined) query = query.where('n.operator_id', '=', filter.operatorId);
      if (filter.isOpenOnly === true) query = query.where('n.answer', 'is', null);
      return query.orderBy('n.sent_at', 'desc').orderBy('n.id').limit(filter.limit).execute();
    },
    findById(id) {
      return listQuery().where('n.id', '=', id).executeTakeFirst();
    },
    async answer(id, answer) {
      const result = await db
        .updateTable('scam_notices')
        .set({ answer: answer.answer, answer_note: answer.note, answered_at: answer.at, answered_by: answer.by })
        .where('id', '=', id)
        .where('answer', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async countsByOperator(now) {
      const rows = await db.selectFrom('scam_notices').select(['operator_id', 'answer', 'answered_at', 'due_at']).orderBy('operator_id').execute();
      const counts = new Map<string, NoticeCountRow>();
      // Timestamps are ISO strings in UTC on both databases, so they compare as they sort.
      for (const row of rows) {
        const c = counts.get(row.operator_id) ?? { operator_id: row.operator_id, open: 0, answered: 0, overdue_open: 0, answered_late: 0 };
        if (row.answer === null) {
          c.open += 1;
          if (row.due_at < now) c.overdue_open += 1;
        } else {
          c.answered += 1;
          if (row.answered_at !== null && row.answered_at > row.due_at) c.answered_late += 1;
        }
        counts.set(row.operator_id, c);
      }
      return [...counts.values()];
    },
  };
}
