import { queriesOf, type Executor } from '../../../platform/db/index.ts';
import '../offers.tables.ts';

/** The read of the affordability measure on a past date. */
export interface AffordabilityRepository {
  /** For each plan, when its newest version published at or before `at` (ISO 8601) was published. */
  latestPublicationByPlan(at: string): Promise<Map<string, string>>;
}

/** Creates the repository over a database. */
export function createAffordabilityRepository(executor: Executor): AffordabilityRepository {
  const db = queriesOf(executor);
  return {
    async latestPublicationByPlan(at: string): Promise<Map<string, string>> {
      const rows = await db
        .selectFrom('offer_versions')
        .select((eb) => ['plan_id', eb.fn.max('published_at').as('published_at')])
        .where('published_at', '<=', at)
        .groupBy('plan_id')
        .execute();
      return new Map(rows.map((r) => [r.plan_id, String(r.published_at)]));
    },
  };
}
