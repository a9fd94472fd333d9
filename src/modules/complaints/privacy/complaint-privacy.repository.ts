import type { Selectable } from 'kysely';
import { queriesOf, transactionOf, withTransaction, type Executor, type Transaction } from '../../../platform/db/index.ts';
import type { ComplaintAttachmentsTable, ComplaintMessagesTable } from '../complaints.tables.ts';
import type { ComplaintDraftAttachmentsTable, ComplaintDraftsTable } from '../filing/filing.tables.ts';
import type { CaseRow, FilingRow } from '../cases/complaint.repository.ts';

/** A filing the retention schedule may anonymise, with the ids of its cases. */
export interface DueFiling {
  id: string;
  caseIds: string[];
}

/** The consumer pages' short-lived tables, which end at `expires_at`. */
export type EndingTable = 'complaint_access_codes' | 'complaint_follow_sessions';

/** A one-time code or a follow session, as a person's access archive shows it. */
export interface EndingRow {
  id: string;
  subject_hash: string;
  created_at: string;
  expires_at: string;
}

/** The SQL of the complaints' kinds of record: what retention and a person's requests read and remove. */
export interface ComplaintPrivacyRepository {
  /** Runs `work` in one transaction with a repository bound to it. */
  inTransaction<T>(work: (repo: ComplaintPrivacyRepository, tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * Filings not yet anonymised whose every case closed before `cutoff`, by id after `afterId`, at
   * most `limit`, each with its cases.
   */
  listFilingsClosedBefore(cutoff: string, afterId: string, limit: number): Promise<DueFiling[]>;
  /** The filings found by any of these keyed hashes of e-mail addresses or mobile numbers, oldest first. */
  listFilingsByHashes(emailHashes: readonly string[], phoneHashes: readonly string[]): Promise<FilingRow[]>;
  /** The cases of these filings, by filing time then id. */
  listCasesOfFilings(filingIds: readonly string[]): Promise<CaseRow[]>;
  /** The messages of these cases, oldest first. */
  listMessagesOfCases(caseIds: readonly string[]): Promise<Selectable<ComplaintMessagesTable>[]>;
  /** The attachments of these cases with their sealed content, oldest first. */
  listAttachmentsOfCases(caseIds: readonly string[]): Promise<Selectable<ComplaintAttachmentsTable>[]>;
  /**
   * Ids of drafts whose last change is before `cutoff`, or filed ones whose confirmation page
   * closed before `now`, by id after `afterId`, at most `limit`.
   */
  listDraftsChangedBefore(cutoff: string, now: string, afterId: string, limit: number): Promise<string[]>;
  /** Deletes these drafts and their files; answers how many drafts went. */
  deleteDrafts(ids: readonly string[]): Promise<number>;
  /** Drafts not yet filed, by id after `afterId`, at most `limit`. */
  listOpenDraftsAfter(afterId: string, limit: number): Promise<Selectable<ComplaintDraftsTable>[]>;
  /** The files of these drafts with their sealed content, oldest first. */
  listDraftAttachments(draftIds: readonly string[]): Promise<Selectable<ComplaintDraftAttachmentsTable>[]>;
  /** Ids of one-time codes or follow sessions that stopped working before `cutoff`, by id after `afterId`, at most `limit`. */
  listEndedBefore(table: EndingTable, cutoff: string, afterId: string, limit: number): Promise<string[]>;
  /** The one-time codes and follow sessions opened for any of these keyed hashes of references, oldest first. */
  listBySubjectHashes(table: EndingTable, hashes: readonly string[]): Promise<EndingRow[]>;
  /** Deletes these one-time codes or follow sessions; answers how many went. */
  deleteEnded(table: EndingTable, ids: readonly string[]): Promise<number>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createComplaintPrivacyRepository(executor: Executor): ComplaintPrivacyRepository {
  const db = queriesOf(executor);
  const repository: ComplaintPrivacyRepository = {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(tx === db ? repository : createComplaintPrivacyRepository(tx), transactionOf(tx)));
    },

    async listFilingsClosedBefore(cutoff, afterId, limit) {
      const filings = await db
        .selectFrom('complaint_filings as f')
        .select('f.id')
        .where('f.erased_at', 'is', null)
        .where('f.id', '>', afterId)
        .where(({ exists, selectFrom }) => exists(selectFrom('complaint_cases as c').select('c.id').whereRef('c.filing_id', '=', 'f.id')))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('complaint_cases as o')
                .select('o.id')
                .whereRef('o.filing_id', '=', 'f.id')
                .where((eb) => eb.or([eb('o.closed_at', 'is', null), eb('o.closed_at', '>=', cutoff)])),
            ),
          ),
        )
        .orderBy('f.id')
        .limit(limit)
        .execute();
      if (filings.length === 0) return [];
      const cases = await db
        .selectFrom('complaint_cases')
        .select(['id', 'filing_id'])
        .where(
          'filing_id',
          'in',
          filings.map((f) => f.id),
        )
        .orderBy('id')
        .execute();
      return filings.map((f) => ({ id: f.id, caseIds: cases.filter((c) => c.filing_id === f.id).map((c) => c.id) }));
    },

    async listFilingsByHashes(emailHashes, phoneHashes) {
      if (emailHashes.length === 0 && phoneHashes.length === 0) return [];
      return db
        .selectFrom('complaint_filings')
        .selectAll()
        .where(({ or, eb }) =>
          or([
            ...(emailHashes.length > 0 ? [eb('consumer_email_hash', 'in', emailHashes)] : []),
            ...(phoneHashes.length > 0 ? [eb('consumer_phone_hash', 'in', phoneHashes)] : []),
          ]),
        )
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    async listCasesOfFilings(filingIds) {
      if (filingIds.length === 0) return [];
      return db.selectFrom('complaint_cases').selectAll().where('filing_id', 'in', filingIds).orderBy('filed_at').orderBy('id').execute();
    },

    async listMessagesOfCases(caseIds) {
      if (caseIds.length === 0) return [];
      return db.selectFrom('complaint_messages').selectAll().where('case_id', 'in', caseIds).orderBy('created_at').orderBy('id').execute();
    },

    async listAttachmentsOfCases(caseIds) {
      if (caseIds.length === 0) return [];
      return db.selectFrom('complaint_attachments').selectAll().where('case_id', 'in', caseIds).orderBy('created_at').orderBy('id').execute();
    },

    async listDraftsChangedBefore(cutoff, now, afterId, limit) {
      const rows = await db
        .selectFrom('complaint_drafts')
        .select('id')
        .where((eb) => eb.or([eb('updated_at', '<', cutoff), eb.and([eb('filed_json', 'is not', null), eb('expires_at', '<=', now)])]))
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },

    async deleteDrafts(ids) {
      if (ids.length === 0) return 0;
      await db.deleteFrom('complaint_draft_attachments').where('draft_id', 'in', ids).execute();
      const result = await db.deleteFrom('complaint_drafts').where('id', 'in', ids).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    listOpenDraftsAfter(afterId, limit) {
      return db.selectFrom('complaint_drafts').selectAll().where('filed_json', 'is', null).where('id', '>', afterId).orderBy('id').limit(limit).execute();
    },

    async listDraftAttachments(draftIds) {
      if (draftIds.length === 0) return [];
      return db.selectFrom('complaint_draft_attachments').selectAll().where('draft_id', 'in', draftIds).orderBy('created_at').orderBy('id').execute();
    },

    async listEndedBefore(table, cutoff, afterId, limit) {
      const rows = await db.selectFrom(table).select('id').where('expires_at', '<', cutoff).where('id', '>', afterId).orderBy('id').limit(limit).execute();
      return rows.map((r) => r.id);
    },

    async listBySubjectHashes(table, hashes) {
      if (hashes.length === 0) return [];
      return db
        .selectFrom(table)
        .select(['id', 'subject_hash', 'created_at', 'expires_at'])
        .where('subject_hash', 'in', hashes)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    async deleteEnded(table, ids) {
      if (ids.length === 0) return 0;
      const result = await db.deleteFrom(table).where('id', 'in', ids).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
  return repository;
}
