import type { Insertable, Selectable } from 'kysely';
import { withTransaction, queriesOf, type Executor } from '../../../platform/db/index.ts';
import type { ComplaintAccessCodesTable, ComplaintDraftAttachmentsTable, ComplaintDraftsTable, ComplaintFollowSessionsTable } from './filing.tables.ts';
import './filing.tables.ts';

/** A stored draft. */
export type DraftRow = Selectable<ComplaintDraftsTable>;
/** A stored draft attachment, without its content. */
export type DraftAttachmentSummaryRow = Omit<Selectable<ComplaintDraftAttachmentsTable>, 'content_enc'>;
/** A stored draft attachment with its encrypted content. */
export type DraftAttachmentRow = Selectable<ComplaintDraftAttachmentsTable>;
/** A stored one-time code. */
export type AccessCodeRow = Selectable<ComplaintAccessCodesTable>;
/** A stored follow session. */
export type FollowSessionRow = Selectable<ComplaintFollowSessionsTable>;

/** All SQL of the consumer's web pages: drafts, their files, one-time codes and follow sessions. */
export interface FilingRepository {
  /** The executor of this repository, for the e-mail job of the same transaction. */
  readonly executor: Executor;
  inTransaction<T>(work: (repository: FilingRepository) => Promise<T>): Promise<T>;
  /** The same repository over another executor, such as a transaction the complaint repository opened. */
  withExecutor(executor: Executor): FilingRepository;

  insertDraft(row: Insertable<ComplaintDraftsTable>): Promise<void>;
  findDraftByTokenHash(tokenHash: string): Promise<DraftRow | undefined>;
  findDraftByReference(reference: string): Promise<DraftRow | undefined>;
  updateDraftAnswers(id: string, answersEnc: string, updatedAt: string): Promise<void>;
  updateDraftEmail(id: string, emailEnc: string, updatedAt: string): Promise<void>;
  /** Keeps the mobile number (sealed, with its keyed hash) the save-and-come-back code was texted to, instead of an address. */
  updateDraftPhone(id: string, phone: { enc: string; hash: string }, updatedAt: string): Promise<void>;
  /** Gives the draft to a new browser: the old token stops working. */
  updateDraftToken(id: string, tokenHash: string, updatedAt: string): Promise<void>;
  /**
   * Keeps only the filing's references: the answers and files are gone once filed. Returns false,
   * changing nothing, when the draft was filed already (a second submission racing the first).
   */
  markDraftFiled(id: string, filedJson: string, updatedAt: string, expiresAt: string): Promise<boolean>;
  deleteDraft(id: string): Promise<void>;

  insertAttachment(row: Insertable<ComplaintDraftAttachmentsTable>): Promise<void>;
  listAttachments(draftId: string): Promise<DraftAttachmentSummaryRow[]>;
  listAttachmentsWithContent(draftId: string): Promise<DraftAttachmentRow[]>;
  /** Deletes a file of a draft; returns false when the draft has no such file. */
  deleteAttachment(draftId: string, id: string): Promise<boolean>;
  deleteAttachments(draftId: string): Promise<void>;

  insertCode(row: Insertable<ComplaintAccessCodesTable>): Promise<void>;
  /** The newest code for a purpose and subject, if any. */
  latestCode(purpose: ComplaintAccessCodesTable['purpose'], subjectHash: string): Promise<AccessCodeRow | undefined>;
  /** How many codes were issued for a subject since an instant, decoys included. */
  countCodesSince(purpose: ComplaintAccessCodesTable['purpose'], subjectHash: string, since: string): Promise<number>;
  recordCodeAttempt(id: string, attempts: number): Promise<void>;
  /** Used or replaced: every code of this purpose and subject stops working. */
  deleteCodes(purpose: ComplaintAccessCodesTable['purpose'], subjectHash: string): Promise<void>;
  /** Ends the live codes of a subject at `now`, keeping their rows so they still count against the day's limit. */
  supersedeCodes(purpose: ComplaintAccessCodesTable['purpose'], subjectHash: string, now: string): Promise<void>;

  insertFollowSession(row: Insertable<ComplaintFollowSessionsTable>): Promise<void>;
  findFollowSessionByTokenHash(tokenHash: string): Promise<FollowSessionRow | undefined>;
  verifyFollowSession(id: string, expiresAt: string): Promise<void>;
  deleteFollowSession(id: string): Promise<void>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createFilingRepository(executor: Executor): FilingRepository {
  const db = queriesOf(executor);
  return {
    executor: db,
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createFilingRepository(tx)));
    },
    withExecutor(executor) {
      return createFilingRepository(executor);
    },

    async insertDraft(row) {
      await db.insertInto('complaint_drafts').values(row).execute();
    },
    findDraftByTokenHash(tokenHash) {
      return db.selectFrom('complaint_drafts').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    },
    findDraftByReference(reference) {
      return db.selectFrom('complaint_drafts').selectAll().where('reference', '=', reference).executeTakeFirst();
    },
    async updateDraftAnswers(id, answersEnc, updatedAt) {
      await db.updateTable('complaint_drafts').set({ answers_enc: answersEnc, updated_at: updatedAt }).where('id', '=', id).execute();
    },
    async updateDraftEmail(id, emailEnc, updatedAt) {
      // New codes go where the consumer chose last: the number given before is forgotten.
      await db
        .updateTable('complaint_drafts')
        .set({ email_enc: emailEnc, phone_enc: null, phone_hash: null, updated_at: updatedAt })
        .where('id', '=', id)
        .execute();
    },
    async updateDraftPhone(id, phone, updatedAt) {
      await db
        .updateTable('complaint_drafts')
        .set({ email_enc: null, phone_enc: phone.enc, phone_hash: phone.hash, updated_at: updatedAt })
        .where('id', '=', id)
        .execute();
    },
    async updateDraftToken(id, tokenHash, updatedAt) {
      await db.updateTable('complaint_drafts').set({ token_hash: tokenHash, updated_at: updatedAt }).where('id', '=', id).execute();
    },
    async markDraftFiled(id, filedJson, updatedAt, expiresAt) {
      const result = await db
        .updateTable('complaint_drafts')
        .set({ filed_json: filedJson, answers_enc: '', email_enc: null, updated_at: updatedAt, expires_at: expiresAt })
        .where('id', '=', id)
        .where('filed_json', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await db.deleteFrom('complaint_draft_attachments').where('draft_id', '=', id).execute();
      return true;
    },
    async deleteDraft(id) {
      await db.deleteFrom('complaint_draft_attachments').where('draft_id', '=', id).execute();
      await db.deleteFrom('complaint_drafts').where('id', '=', id).execute();
    },

    async insertAttachment(row) {
      await db.insertInto('complaint_draft_attachments').values(row).execute();
    },
    listAttachments(draftId) {
      return db
        .selectFrom('complaint_draft_attachments')
        .select(['id', 'draft_id', 'name_enc', 'media_type', 'size_bytes', 'created_at'])
        .where('draft_id', '=', draftId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },
    listAttachmentsWithContent(draftId) {
      return db.selectFrom('complaint_draft_attachments').selectAll().where('draft_id', '=', draftId).orderBy('created_at').orderBy('id').execute();
    },
    async deleteAttachment(draftId, id) {
      const result = await db.deleteFrom('complaint_draft_attachments').where('draft_id', '=', draftId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async deleteAttachments(draftId) {
      await db.deleteFrom('complaint_draft_attachments').where('draft_id', '=', draftId).execute();
    },

    async insertCode(row) {
      await db.insertInto('complaint_access_codes').values(row).execute();
    },
    latestCode(purpose, subjectHash) {
      return (
        db
          .selectFrom('complaint_access_codes')
          .selectAll()
          .where('purpose', '=', purpose)
          .where('subject_hash', '=', subjectHash)
          .orderBy('created_at', 'desc')
          // A code issued in the millisecond of the one it replaced still comes first: that one ended.
          .orderBy('expires_at', 'desc')
          .orderBy('id', 'desc')
          .executeTakeFirst()
      );
    },
    async countCodesSince(purpose, subjectHash, since) {
      const row = await db
        .selectFrom('complaint_access_codes')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('purpose', '=', purpose)
        .where('subject_hash', '=', subjectHash)
        .where('created_at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
    async recordCodeAttempt(id, attempts) {
      await db.updateTable('complaint_access_codes').set({ attempts }).where('id', '=', id).execute();
    },
    async deleteCodes(purpose, subjectHash) {
      await db.deleteFrom('complaint_access_codes').where('purpose', '=', purpose).where('subject_hash', '=', subjectHash).execute();
    },
    async supersedeCodes(purpose, subjectHash, now) {
      await db
        .updateTable('complaint_access_codes')
        .set({ expires_at: now })
        .where('purpose', '=', purpose)
        .where('subject_hash', '=', subjectHash)
        .where('expires_at', '>', now)
        .execute();
    },

    async insertFollowSession(row) {
      await db.insertInto('complaint_follow_sessions').values(row).execute();
    },
    findFollowSessionByTokenHash(tokenHash) {
      return db.selectFrom('complaint_follow_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    },
    async verifyFollowSession(id, expiresAt) {
      await db.updateTable('complaint_follow_sessions').set({ is_verified: true, expires_at: expiresAt }).where('id', '=', id).execute();
    },
    async deleteFollowSession(id) {
      await db.deleteFrom('complaint_follow_sessions').where('id', '=', id).execute();
    },
  };
}
