import type { Selectable } from 'kysely';
import { dialectOf, queriesOf, type Executor } from '../db/index.ts';
import type { AuditHeadTable, AuditLogTable } from '../db/platform.tables.ts';

/** A row of `audit_log` as stored, its details as canonical JSON text. */
export type AuditEntryRow = Selectable<AuditLogTable>;

/** The last link of the chain: the newest entry's number and hash, the first keyed entry, and the mark. */
export type AuditHead = Omit<Selectable<AuditHeadTable>, 'id'>;

/** Every SQL statement of the audit log, bound to one connection or transaction. */
export interface AuditRepository {
  /** Reads the head with a lock held to the end of the transaction, or undefined when there is none. */
  lockHead(): Promise<AuditHead | undefined>;
  /** Creates the head unless another appender just did, then reads it with the lock held. */
  createHead(head: AuditHead): Promise<AuditHead>;
  /** The newest entry's number and hash, or undefined for an empty log. */
  findLastEntry(): Promise<Pick<AuditEntryRow, 'seq' | 'hash'> | undefined>;
  /** Inserts an entry and moves the head to it; call it in the transaction that holds the head lock. */
  appendEntry(entry: AuditEntryRow, head: AuditHead): Promise<void>;
  /** Up to `limit` entries whose sequence number is above `afterSeq`, in chain order. */
  readEntriesAfter(afterSeq: number, limit: number): Promise<AuditEntryRow[]>;
  /** The head without a lock, or undefined while nothing was ever recorded. */
  findHead(): Promise<AuditHead | undefined>;
  /** Runs `work` on one consistent snapshot of the log, or in the caller's transaction when there is one. */
  readSnapshot<T>(work: (repository: AuditRepository) => Promise<T>): Promise<T>;
}

// The head is a single row; a fixed key lets every appender lock the same one.
const HEAD_ID = 1;

/** Creates the audit repository over a database or a transaction. */
export function createAuditRepository(executor: Executor): AuditRepository {
  const db = queriesOf(executor);
  const isPostgres = dialectOf(db) === 'postgres';

  const selectHead = (isLocking: boolean): Promise<AuditHead | undefined> =>
    db
      .selectFrom('audit_head')
      .select(['seq', 'hash', 'keyed_from', 'mac'])
      .where('id', '=', HEAD_ID)
      // On PostgreSQL `for update` makes concurrent appenders queue; SQLite already serialises writers.
      .$if(isLocking && isPostgres, (q) => q.forUpdate())
      .executeTakeFirst();

  const repository: AuditRepository = {
    lockHead() {
      return selectHead(true);
    },

    async createHead(head) {
      // Two first appenders may race here; the loser's insert does nothing and it then waits on the lock.
      await db
        .insertInto('audit_head')
        .values({ id: HEAD_ID, ...head })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const created = await selectHead(true);
      if (!created) throw new Error('The audit head row could not be created.');
      return created;
    },

    findLastEntry() {
      return db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    },

    async appendEntry(entry, head) {
      await db.insertInto('audit_log').values(entry).execute();
      // An upsert: a head someone deleted is written again rather than leaving the log without one.
      await db
        .insertInto('audit_head')
        .values({ id: HEAD_ID, ...head })
        .onConflict((oc) => oc.column('id').doUpdateSet({ seq: head.seq, hash: head.hash, keyed_from: head.keyed_from, mac: head.mac }))
        .execute();
    },

    readEntriesAfter(afterSeq, limit) {
      return db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
    },

    findHead() {
      return selectHead(false);
    },

    readSnapshot(work) {
      if (db.isTransaction) return work(repository);
      const builder = db.transaction();
      // A SQLite transaction keeps the snapshot of its first read; PostgreSQL's default isolation does not.
      const snapshot = isPostgres ? builder.setIsolationLevel('repeatable read') : builder;
      return snapshot.execute((trx) => work(createAuditRepository(trx)));
    },
  };
  return repository;
}
