import { sql, type Kysely } from 'kysely';
import { queriesOf, transactionOf, withTransaction, type Database, type Executor, type Transaction } from '../../../platform/db/index.ts';
import { RETENTION_BATCH } from '../../../platform/privacy/retention-batches.ts';
import type { LearnAssociationProposalRow, LearnAssociationRow } from './associations.tables.ts';

/** An account with the representative role, with the entry it is linked to (if any). */
export interface RepAccountRow {
  id: string;
  display_name_enc: string;
  organisation: string | null;
  is_active: boolean;
  association_id: string | null;
}

/** All SQL of the associations' directory, their representatives and their proposals. */
export interface AssociationsRepository {
  inTransaction<T>(work: (repository: AssociationsRepository, tx: Transaction) => Promise<T>): Promise<T>;
  /** Entries by name (then id), only published ones unless `isAll`. */
  list(options: { isAll: boolean }): Promise<LearnAssociationRow[]>;
  find(id: string): Promise<LearnAssociationRow | undefined>;
  insert(row: LearnAssociationRow): Promise<void>;
  /** Writes the entry when its version is still `version`; false when someone changed it meanwhile. */
  update(id: string, version: number, change: { name: string; profile_json: string; state: string; updated_at: string }): Promise<boolean>;
  /** Every account with the representative role, by organisation then id, with its link. */
  repAccounts(): Promise<RepAccountRow[]>;
  associationOfRep(userId: string): Promise<string | undefined>;
  link(row: { user_id: string; association_id: string; linked_at: string; linked_by: string }): Promise<void>;
  /** Removes the link of this account to this entry; false when there was none. */
  unlink(associationId: string, userId: string): Promise<boolean>;
  insertProposal(row: LearnAssociationProposalRow): Promise<void>;
  findProposal(id: string): Promise<LearnAssociationProposalRow | undefined>;
  /** Proposals in a state (oldest first), of one entry or all. */
  proposals(filter: { state?: string; associationId?: string }): Promise<LearnAssociationProposalRow[]>;
  /** Decides a pending proposal; false when it was decided already. */
  decide(id: string, decision: { state: string; decided_by: string; decided_at: string }): Promise<boolean>;
  /** Proposals decided before `before`, the `held` ones aside. */
  countDecidedBefore(before: string, held: readonly string[]): Promise<number>;
  /** Deletes one batch of those proposals in one transaction; returns how many. */
  deleteDecidedBefore(before: string, held: readonly string[]): Promise<number>;
}

function decidedBefore(db: Kysely<Database>, before: string, held: readonly string[]) {
  let query = db.selectFrom('learn_association_proposals').where('state', '!=', 'pending').where('decided_at', '<', before);
  if (held.length > 0) query = query.where('id', 'not in', held);
  return query;
}

/** Builds the repository over the database or a transaction. */
export function createAssociationsRepository(executor: Executor): AssociationsRepository {
  const db = queriesOf(executor);
  return {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createAssociationsRepository(tx), transactionOf(tx)));
    },
    async list({ isAll }) {
      let query = db.selectFrom('learn_associations').selectAll();
      if (!isAll) query = query.where('state', '=', 'published');
      return query.orderBy('name').orderBy('id').execute();
    },
    find(id) {
      return db.selectFrom('learn_associations').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async insert(row) {
      await db.insertInto('learn_associations').values(row).execute();
    },
    async update(id, version, change) {
      const result = await db
        .updateTable('learn_associations')
        .set({ ...change, version: version + 1 })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async repAccounts() {
      const rows = await db
        .selectFrom('users as u')
        .leftJoin('learn_association_reps as r', 'r.user_id', 'u.id')
        .select(['u.id', 'u.display_name_enc', 'u.organisation', 'u.is_active', 'r.association_id'])
        .where('u.role', '=', 'association_rep')
        .orderBy('u.organisation')
        .orderBy('u.id')
        .execute();
      return rows.map((r) => ({ ...r, is_active: Boolean(r.is_active) }));
    },
    async associationOfRep(userId) {
      const row = await db.selectFrom('learn_association_reps').select('association_id').where('user_id', '=', userId).executeTakeFirst();
      return row?.association_id;
    },
    async link(row) {
      await db.deleteFrom('learn_association_reps').where('user_id', '=', row.user_id).execute();
      await db.insertInto('learn_association_reps').values(row).execute();
    },
    async unlink(associationId, userId) {
      const result = await db.deleteFrom('learn_association_reps').where('association_id', '=', associationId).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async insertProposal(row) {
      await db.insertInto('learn_association_proposals').values(row).execute();
    },
    findProposal(id) {
      return db.selectFrom('learn_association_proposals').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async proposals({ state, associationId }) {
      let query = db.selectFrom('learn_association_proposals').selectAll();
      if (state !== undefined) query = query.where('state', '=', state);
      if (associationId !== undefined) query = query.where('association_id', '=', associationId);
      return query.orderBy('proposed_at').orderBy('id').execute();
    },
    async decide(id, decision) {
      const result = await db.updateTable('learn_association_proposals').set(decision).where('id', '=', id).where('state', '=', 'pending').executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async countDecidedBefore(before, held) {
      return Number(
        (
          await decidedBefore(db, before, held)
            .select(sql<number>`count(*)`.as('n'))
            .executeTakeFirst()
        )?.n ?? 0,
      );
    },
    deleteDecidedBefore: (before, held) =>
      withTransaction(db, async (tx) => {
        const ids = (await decidedBefore(tx, before, held).select('id').orderBy('id').limit(RETENTION_BATCH).execute()).map((r) => r.id);
        if (ids.length === 0) return 0;
        return Number((await tx.deleteFrom('learn_association_proposals').where('id', 'in', ids).executeTakeFirst()).numDeletedRows);
      }),
  };
}
