import { queriesOf, transactionOf, withTransaction, type Executor, type Transaction } from '../../../platform/db/index.ts';
import type { ScamIdentifierRow, ScamIdentifierEventsTable } from '../scams.tables.ts';

/** An identifier to store when it is first reported. */
export interface NewIdentifier {
  id: string;
  kind: string;
  valueHash: string;
  valueEnc: string;
  isProtected: boolean;
  isInternationalised: boolean;
  operatorId: string | null;
  at: string;
}

/** A move of an identifier's state, to store with its event. */
export interface IdentifierMove {
  id: string;
  /** The version read before deciding: the move fails when another one came first. */
  version: number;
  to: string;
  at: string;
  /** The columns the move sets besides its state. */
  marks?: { threshold_reached_at?: string | null; confirmed_at?: string | null; cleared_at?: string | null };
  event: Omit<ScamIdentifierEventsTable, 'identifier_id' | 'to_state' | 'at'>;
}

/** All SQL of identifiers and their events. */
export interface ScamIdentifierRepository {
  /** Runs `work` in one transaction with a repository bound to it. */
  inTransaction<T>(work: (repository: ScamIdentifierRepository, tx: Transaction) => Promise<T>): Promise<T>;
  /** The identifier of a value's keyed hash, stored with `fresh` the first time; its last report moved to `fresh.at`. */
  findOrCreate(fresh: NewIdentifier): Promise<ScamIdentifierRow>;
  findById(id: string): Promise<ScamIdentifierRow | undefined>;
  findByHash(valueHash: string): Promise<ScamIdentifierRow | undefined>;
  /** Whether any identifier was ever reported (the demo seeds once). */
  hasAny(): Promise<boolean>;
  /** Moves the state when the identifier is still at `version`, with its event; false when another move came first. */
  move(move: IdentifierMove): Promise<boolean>;
  /** The identifier's events, oldest first. */
  listEvents(identifierId: string): Promise<Array<ScamIdentifierEventsTable>>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createScamIdentifierRepository(executor: Executor): ScamIdentifierRepository {
  const db = queriesOf(executor);
  return {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createScamIdentifierRepository(tx), transactionOf(tx)));
    },
    async findOrCreate(fresh) {
      // Two first reports at once both insert: the second does nothing and reads the first's row.
      await db
        .insertInto('scam_identifiers')
        .values({
          id: fresh.id,
          kind: fresh.kind,
          value_hash: fresh.valueHash,
          value_enc: fresh.valueEnc,
          state: 'reported',
          is_protected: fresh.isProtected,
          is_internationalised: fresh.isInternationalised,
          operator_id: fresh.operatorId,
          first_reported_at: fresh.at,
          last_reported_at: fresh.at,
          threshold_reached_at: null,
          confirmed_at: null,
          cleared_at: null,
          state_changed_at: fresh.at,
          version: 1,
        })
        .onConflict((oc) => oc.column('value_hash').doUpdateSet({ last_reported_at: fresh.at }))
        .execute();
      return db.selectFrom('scam_identifiers').selectAll().where('value_hash', '=', fresh.valueHash).executeTakeFirstOrThrow();
    },
    findById(id) {
      return db.selectFrom('scam_identifiers').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findByHash(valueHash) {
      return db.selectFrom('scam_identifiers').selectAll().where('value_hash', '=', valueHash).executeTakeFirst();
    },
    async hasAny() {
      return (await db.selectFrom('scam_identifiers').select('id').limit(1).executeTakeFirst()) !== undefined;
    },
    async move(move) {
      const result = await db
        .updateTable('scam_identifiers')
        .set({ state: move.to, state_changed_at: move.at, version: move.version + 1, ...move.marks })
        .where('id', '=', move.id)
        .where('version', '=', move.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await db
        .insertInto('scam_identifier_events')
        .values({ ...move.event, identifier_id: move.id, to_state: move.to, at: move.at })
        .execute();
      return true;
    },
    listEvents(identifierId) {
      return db.selectFrom('scam_identifier_events').selectAll().where('identifier_id', '=', identifierId).orderBy('at').orderBy('id').execute();
    },
  };
}
