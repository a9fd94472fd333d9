import type { Kysely, Selectable } from 'kysely';
import { dialectOf } from '../db/index.ts';
import type { Database } from '../db/index.ts';
import type { AuditHeadTable, AuditLogTable } from '../db/platform.tables.ts';

/** A row of `audit_log` as stored, its details as canonical JSON text. */
export type AuditEntryRow = Selectable<AuditLogTable>;

/** The last link of the chain: the sequence number and hash of the newest entry. */
export type AuditHead = Pick<Selectable<AuditHeadTable>, 'seq' | 'hash'>;

/** Every SQL statement of the audit log, bound to one connection or transaction. */
export interface AuditRepository {
  /**
   * Reads the head with a lock held to the end of the transaction, creating it with sequence 0
   * and `genesisHash` on first use.
   */
  lockHead(genesisHash: string): Promise<AuditHead>;
  /** Inserts an entry and moves the head to it; call it in the transaction that holds the head lock. */
  appendEntry(entry: AuditEntryRow): Promise<void>;
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
export function createAuditRepository(db: Kysely<Database>): AuditRepository {
  const isPostgres = dialectOf(db) === 'postgres';

  const selectHead = (isLocking: boolean): Promise<AuditHead | undefined> =>
    db
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', HEAD_ID)
      // On PostgreSQL `for update` makes concurrent appenders queue; SQLite already serialises writers.
      .$if(isLocking && isPostgres, (q) => q.forUpdate())
      .executeTakeFirst();

  const repository: AuditRepository = {
    async lockHead(genesisHash) {
      const head = await selectHead(true);
      if (head) return head;
      // Two first appenders may race here; the loser's insert does nothing and it then waits on the lock.
      await db
        .insertInto('audit_head')
        .values({ id: HEAD_ID, seq: 0, hash: genesisHash })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const created = await selectHead(true);
      if (!created) throw new Error('The audit head row could not be created.');
      return created;
    },

    async appendEntry(entry) {
      await db.insertInto('audit_log').values(entry).execute();
      await db.updateTable('audit_head').set({ seq: entry.seq, hash: entry.hash }).where('id', '=', HEAD_ID).execute();
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
