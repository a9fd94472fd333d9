import type { Kysely } from 'kysely';
import { inChunks, queriesOf, transactionOf, withTransaction, type Database, type Executor, type Transaction } from '../../../platform/db/index.ts';
import { RETENTION_BATCH } from '../../../platform/privacy/retention-batches.ts';
import type {
  LearnLibraryDocumentsTable,
  LearnLibraryFilesTable,
  LearnLibraryInvitationsTable,
  LearnLibraryTranslationsTable,
  LibraryState,
} from './library.tables.ts';

/** The ids of invitations spent before `before` (expired unused, or their document decided), the held ones aside, in id order. */
async function spentInvitationIds(db: Kysely<Database>, before: string, held: readonly string[]): Promise<string[]> {
  const decided = await db
    .selectFrom('learn_library_invitations as i')
    .innerJoin('learn_library_documents as d', 'd.id', 'i.document_id')
    .select('i.id')
    .where('d.state', 'in', ['published', 'rejected', 'withdrawn'])
    .where('d.state_changed_at', '<', before)
    .execute();
  const expired = await db.selectFrom('learn_library_invitations').select('id').where('used_at', 'is', null).where('expires_at', '<', before).execute();
  const heldIds = new Set(held);
  return [...new Set([...decided, ...expired].map((r) => r.id))].filter((id) => !heldIds.has(id)).sort();
}

/** A document as stored. */
export type LibraryDocumentRow = LearnLibraryDocumentsTable;
/** An invitation as stored. */
export type LibraryInvitationRow = LearnLibraryInvitationsTable;
/** A translation as stored. */
export type LibraryTranslationRow = LearnLibraryTranslationsTable;
/** A file as stored. */
export type LibraryFileRow = LearnLibraryFilesTable;

/** A document as lists show it: no full text. */
export type LibraryListRow = Omit<LibraryDocumentRow, 'full_text'> & { has_file: boolean };

/** The filters of the public list; each is optional. */
export interface LibraryFilters {
  type?: string;
  topic?: string;
  country?: string;
  language?: string;
  year?: string;
}

/** What a state change writes. */
export interface StateChange {
  state: LibraryState;
  at: string;
  publishedAt?: string | null;
  reason?: string | null;
}

/** All SQL of the good-practice library. */
export interface LibraryRepository {
  /** Runs `work` in one transaction with a repository bound to it. */
  inTransaction<T>(work: (repository: LibraryRepository, tx: Transaction) => Promise<T>): Promise<T>;
  insertDocument(row: LibraryDocumentRow): Promise<void>;
  findDocument(id: string): Promise<(LibraryDocumentRow & { has_file: boolean }) | undefined>;
  /** Moves a document that is still at `version`; false when someone else moved it first. */
  changeState(id: string, version: number, change: StateChange): Promise<boolean>;
  /** How many documents are in the given states (one count on the state index, for the staff dashboard). */
  countByStates(states: readonly LibraryState[]): Promise<number>;
  /** Documents in the given states, the newest submission first. */
  listByStates(states: readonly LibraryState[]): Promise<LibraryListRow[]>;
  /** One page of published documents matching the filters, the newest issued first, and how many match. */
  listPublished(filters: LibraryFilters, limit: number, offset: number): Promise<{ rows: LibraryListRow[]; total: number }>;
  /** The values the published documents take, for the filters' choices. */
  publishedFacets(): Promise<{ doc_type: string; topic: string; country: string | null; language: string; issued: string }[]>;
  /** Every published document with its full row, the newest issued first (for the exports). */
  allPublished(): Promise<(LibraryDocumentRow & { has_file: boolean })[]>;
  upsertTranslation(row: LibraryTranslationRow): Promise<void>;
  listTranslations(documentIds: readonly string[]): Promise<LibraryTranslationRow[]>;
  insertFile(row: LibraryFileRow): Promise<void>;
  findFile(documentId: string): Promise<LibraryFileRow | undefined>;
  insertInvitation(row: LibraryInvitationRow): Promise<void>;
  findInvitationByTokenHash(tokenHash: string): Promise<LibraryInvitationRow | undefined>;
  findInvitation(id: string): Promise<LibraryInvitationRow | undefined>;
  /** Marks an invitation used by a document; false when it was used already. */
  useInvitation(id: string, at: string, documentId: string): Promise<boolean>;
  /** Invitations not used yet, the newest first. */
  listUnusedInvitations(): Promise<LibraryInvitationRow[]>;
  /**
   * Invitations that expired unused before `before`, and those whose document was decided
   * (published, rejected or withdrawn) before it, the `held` ones aside.
   */
  countSpentInvitations(before: string, held: readonly string[]): Promise<number>;
  /** Deletes one batch of those invitations in one transaction (see {@link deleteInvitations}); returns how many. */
  deleteSpentInvitations(before: string, held: readonly string[]): Promise<number>;
  /** Every invitation, oldest first: their addresses are sealed without a hash, so a person's are found by opening each. */
  listInvitations(): Promise<LibraryInvitationRow[]>;
  /** Deletes invitations, clearing the documents' link to them; returns how many. */
  deleteInvitations(ids: readonly string[]): Promise<number>;
}

const LIST_COLUMNS = [
  'd.id',
  'd.state',
  'd.title',
  'd.issuer',
  'd.issued',
  'd.language',
  'd.doc_type',
  'd.topic',
  'd.country',
  'd.licence',
  'd.abstract',
  'd.link',
  'd.source',
  'd.submitted_by',
  'd.invitation_id',
  'd.submitted_at',
  'd.state_changed_at',
  'd.published_at',
  'd.decision_reason',
  'd.version',
] as const;

/** Builds the repository over a Kysely instance or transaction. */
export function createLibraryRepository(executor: Executor): LibraryRepository {
  const db = queriesOf(executor);
  const withFile = () =>
    db
      .selectFrom('learn_library_documents as d')
      .leftJoin('learn_library_files as f', 'f.document_id', 'd.id')
      .select((eb) => eb.case().when('f.document_id', 'is not', null).then(1).else(0).end().as('file_flag'));
  const toList = <R extends { file_flag: unknown }>(row: R) => {
    const { file_flag, ...rest } = row;
    return { ...rest, has_file: Number(file_flag) === 1 };
  };
  const published = (filters: LibraryFilters) => {
    let query = db.selectFrom('learn_library_documents as d').where('d.state', '=', 'published');
    if (filters.type) query = query.where('d.doc_type', '=', filters.type);
    if (filters.topic) query = query.where('d.topic', '=', filters.topic);
    if (filters.country) query = query.where('d.country', '=', filters.country);
    if (filters.language) query = query.where('d.language', '=', filters.language);
    if (filters.year) query = query.where('d.issued', 'like', `${filters.year}%`);
    return query;
  };
  return {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createLibraryRepository(tx), transactionOf(tx)));
    },
    async insertDocument(row) {
      await db.insertInto('learn_library_documents').values(row).execute();
    },
    async findDocument(id) {
      const row = await withFile().selectAll('d').where('d.id', '=', id).executeTakeFirst();
      return row ? toList(row) : undefined;
    },
    async changeState(id, version, change) {
      const result = await db
        .updateTable('learn_library_documents')
        .set({
          state: change.state,
          state_changed_at: change.at,
          version: version + 1,
          ...(change.publishedAt !== undefined ? { published_at: change.publishedAt } : {}),
          ...(change.reason !== undefined ? { decision_reason: change.reason } : {}),
        })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async countByStates(states) {
      if (states.length === 0) return 0;
      const row = await db
        .selectFrom('learn_library_documents')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('state', 'in', [...states])
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async listByStates(states) {
      if (states.length === 0) return [];
      const rows = await withFile()
        .select(LIST_COLUMNS)
        .where('d.state', 'in', [...states])
        .orderBy('d.submitted_at', 'desc')
        .orderBy('d.id')
        .execute();
      return rows.map(toList);
    },
    async listPublished(filters, limit, offset) {
      const counted = await published(filters)
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirst();
      const rows = await published(filters)
        .leftJoin('learn_library_files as f', 'f.document_id', 'd.id')
        .select(LIST_COLUMNS)
        .select((eb) => eb.case().when('f.document_id', 'is not', null).then(1).else(0).end().as('file_flag'))
        .orderBy('d.issued', 'desc')
        .orderBy('d.id')
        .limit(limit)
        .offset(offset)
        .execute();
      return { rows: rows.map(toList), total: Number(counted?.n ?? 0) };
    },
    publishedFacets() {
      return db
        .selectFrom('learn_library_documents')
        .select(['doc_type', 'topic', 'country', 'language', 'issued'])
        .where('state', '=', 'published')
        .orderBy('id')
        .execute();
    },
    async allPublished() {
      const rows = await withFile().selectAll('d').where('d.state', '=', 'published').orderBy('d.issued', 'desc').orderBy('d.id').execute();
      return rows.map(toList);
    },
    async upsertTranslation(row) {
      await db.deleteFrom('learn_library_translations').where('document_id', '=', row.document_id).where('language', '=', row.language).execute();
      await db.insertInto('learn_library_translations').values(row).execute();
    },
    async listTranslations(documentIds) {
      if (documentIds.length === 0) return [];
      return db
        .selectFrom('learn_library_translations')
        .selectAll()
        .where('document_id', 'in', [...documentIds])
        .orderBy('document_id')
        .orderBy('language')
        .execute();
    },
    async insertFile(row) {
      await db.insertInto('learn_library_files').values(row).execute();
    },
    findFile(documentId) {
      return db.selectFrom('learn_library_files').selectAll().where('document_id', '=', documentId).executeTakeFirst();
    },
    async insertInvitation(row) {
      await db.insertInto('learn_library_invitations').values(row).execute();
    },
    findInvitationByTokenHash(tokenHash) {
      return db.selectFrom('learn_library_invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    },
    findInvitation(id) {
      return db.selectFrom('learn_library_invitations').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async useInvitation(id, at, documentId) {
      const result = await db
        .updateTable('learn_library_invitations')
        .set({ used_at: at, document_id: documentId })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    listUnusedInvitations() {
      return db.selectFrom('learn_library_invitations').selectAll().where('used_at', 'is', null).orderBy('created_at', 'desc').orderBy('id').execute();
    },
    async countSpentInvitations(before, held) {
      return (await spentInvitationIds(db, before, held)).length;
    },
    deleteSpentInvitations: (before, held) =>
      withTransaction(db, async (tx) => createLibraryRepository(tx).deleteInvitations((await spentInvitationIds(tx, before, held)).slice(0, RETENTION_BATCH))),
    listInvitations() {
      return db.selectFrom('learn_library_invitations').selectAll().orderBy('created_at').orderBy('id').execute();
    },
    async deleteInvitations(ids) {
      let deleted = 0;
      for (const chunk of inChunks(ids, RETENTION_BATCH)) {
        await db.updateTable('learn_library_documents').set({ invitation_id: null }).where('invitation_id', 'in', chunk).execute();
        deleted += Number((await db.deleteFrom('learn_library_invitations').where('id', 'in', chunk).executeTakeFirst()).numDeletedRows);
      }
      return deleted;
    },
  };
}
