import { queriesOf, type Executor } from '../../../platform/db/index.ts';

/** All SQL of the open data. */
export interface ScamOpenDataRepository {
  /** Identifiers confirmed (or under appeal, still listed) since before `before`, oldest confirmation first. */
  confirmedBefore(before: string): Promise<{ kind: string; value_enc: string; confirmed_at: string }[]>;
  /** Reports filed in `[from, to)` counted by category and medium. */
  countsByCategoryAndMedium(range: { from: string; to: string }): Promise<{ category: string; medium: string; reports: number }[]>;
  /** When the first report was filed, or null. */
  firstFiledAt(): Promise<string | null>;
}

/** Builds the repository over a Kysely instance. */
export function createScamOpenDataRepository(executor: Executor): ScamOpenDataRepository {
  const db = queriesOf(executor);
  return {
    async confirmedBefore(before) {
      const rows = await db
        .selectFrom('scam_identifiers')
        .select(['kind', 'value_enc', 'confirmed_at', 'id'])
        .where('state', 'in', ['confirmed', 'appealed'])
        .where('confirmed_at', '<', before)
        .orderBy('confirmed_at')
        .orderBy('id')
        .execute();
      return rows.flatMap((r) => (r.confirmed_at === null ? [] : [{ kind: r.kind, value_enc: r.value_enc, confirmed_at: r.confirmed_at }]));
    },
    async countsByCategoryAndMedium(range) {
      const rows = await db
        .selectFrom('scam_reports')
        .select((eb) => ['category', 'medium', eb.fn.countAll<number | string>().as('reports')])
        .where('filed_at', '>=', range.from)
        .where('filed_at', '<', range.to)
        .groupBy(['category', 'medium'])
        .orderBy('category')
        .orderBy('medium')
        .execute();
      return rows.map((r) => ({ category: r.category, medium: r.medium, reports: Number(r.reports) }));
    },
    async firstFiledAt() {
      const row = await db
        .selectFrom('scam_reports')
        .select((eb) => eb.fn.min<string | null>('filed_at').as('first'))
        .executeTakeFirst();
      return row?.first ?? null;
    },
  };
}
