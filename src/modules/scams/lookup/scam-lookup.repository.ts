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
export function createScamLookupRepository(executor: Executor): ScamLookupRepository {
  const db = queriesOf(executor);
  return {
    async findByHash(valueHash) {
      // One statement on every lookup: the identifier by its unique hash, its reports counted by the targets' index.
      const row = await db
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
        .where('i.value_hash', '=', valueHash)
        .executeTakeFirst();
      if (!row) return undefined;
      return { state: row.state, confirmed_at: row.confirmed_at, cleared_at: row.cleared_at, reports: Number(row.reports ?? 0) };
    },
  };
}
