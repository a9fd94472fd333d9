import { sql } from 'kysely';
import { dialectOf, queriesOf, type Executor } from '../../../platform/db/index.ts';

/** A published version of the list. */
export interface ListVersionRow {
  version: number;
  published_at: string;
  entries: number;
}

/** One change of the list with what an entry shows of its identifier. */
export interface ListChangeRow {
  version: number;
  identifier_id: string;
  change: string;
  kind: string;
  value_enc: string;
  confirmed_at: string | null;
}

/**
 * A key of PostgreSQL's transaction-scoped advisory lock that appending a version takes, so that
 * two moves at once number their versions one after the other, in the order they commit.
 */
const LIST_VERSION_LOCK = 6_017_001;

/** All SQL of the versioned list of confirmed identifiers. */
export interface ScamListRepository {
  /** Appends a version holding one change, in the caller's transaction; returns its number. */
  appendChange(change: { identifierId: string; change: 'add' | 'remove'; at: string }): Promise<number>;
  /** The newest version; undefined before the first. */
  currentVersion(): Promise<ListVersionRow | undefined>;
  /** The changes after version `after` up to version `upTo`, oldest first. */
  changesBetween(after: number, upTo: number): Promise<ListChangeRow[]>;
}

/** Builds the repository over the database or a transaction. */
export function createScamListRepository(executor: Executor): ScamListRepository {
  const db = queriesOf(executor);
  const newest = () =>
    db.selectFrom('scam_list_versions').select(['version', 'published_at', 'entries']).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return {
    async appendChange(change) {
      // SQLite runs one write transaction at a time; PostgreSQL is told to, for this table only.
      if (dialectOf(db) === 'postgres') await sql`select pg_advisory_xact_lock(${LIST_VERSION_LOCK})`.execute(db);
      const last = await newest();
      const version = (last?.version ?? 0) + 1;
      const entries = Math.max(0, (last?.entries ?? 0) + (change.change === 'add' ? 1 : -1));
      await db.insertInto('scam_list_versions').values({ version, published_at: change.at, entries }).execute();
      await db.insertInto('scam_list_changes').values({ version, identifier_id: change.identifierId, change: change.change }).execute();
      return version;
    },
    currentVersion: newest,
    changesBetween(after, upTo) {
      return db
        .selectFrom('scam_list_changes as c')
        .innerJoin('scam_identifiers as i', 'i.id', 'c.identifier_id')
        .select(['c.version', 'c.identifier_id', 'c.change', 'i.kind', 'i.value_enc', 'i.confirmed_at'])
        .where('c.version', '>', after)
        .where('c.version', '<=', upTo)
        .orderBy('c.version')
        .execute();
    },
  };
}
