import { queriesOf, type Executor } from '../../../platform/db/index.ts';

/** What the lookup reads of one identifier. */
export interface LookupRow {
  state: string;
  confirmed_at: string | null;
  cleared_at: string | null;
  reports: number;
}

/** All SQL of the public lookup. */
export interface ScamLookupRepository {
  /** The identifier of a keyed hash with the number of reports naming it, in one statement; undefined when nobody reported it. */
  findByHash(valueHash: string): Promise<LookupRow | undefined>;
}

/** Builds the repository over a Kysely instance. */
/** A row as the statement answers it: PostgreSQL counts as a string. */
type StoredLookup = Omit<LookupRow, 'reports'> & { reports: number | string | null };

// The stand-in compiled into the statement; each lookup replaces it by the hash asked.
const HASH_SLOT = '\u0000scam-lookup-hash';

/** Builds the repository over a Kysely instance. */
export function createScamLookupRepository(executor: Executor): ScamLookupRepository {
  const db = queriesOf(executor);
  // One statement on every lookup: the identifier by its unique hash, its reports counted by the targets' index.
  // It is compiled once: building the query again on each call costs more than running it.
  const compiled = db
    .selectFrom('scam_identifiers as i')
    .select((eb) => [
      'i.state',
      'i.confirmed_at',
      'i.cleared_at',
      eb
        .selectFrom('scam_report_targets as t')
        .select((sub) => sub.fn.count<number | string>('t.report_id').distinct().as('n'))
        .whereRef('t.identifier_id', '=', 'i.id')
        .as('reports'),
    ])
    .where('i.value_hash', '=', HASH_SLOT)
    .compile();
  return {
    async findByHash(valueHash) {
      const { rows } = await db.executeQuery<StoredLookup>({ ...compiled, parameters: compiled.parameters.map((p) => (p === HASH_SLOT ? valueHash : p)) });
      const row = rows[0];
      if (!row) return undefined;
      return { state: row.state, confirmed_at: row.confirmed_at, cleared_at: row.cleared_at, reports: Number(row.reports ?? 0) };
    },
  };
}
