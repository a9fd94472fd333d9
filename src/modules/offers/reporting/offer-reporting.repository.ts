import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import '../offers.tables.ts';

/** One stored version as the history export reads it. */
export interface HistoryVersionRow {
  plan_id: string;
  version: number;
  published_at: string;
  effective_from: string;
  effective_to: string | null;
  record: string;
}

/** Where a page of the history export starts: after this plan's version. */
export interface HistoryCursor {
  planId: string;
  version: number;
}

/** The reads of the affordability measure, the compliance view and the open data exports. */
export interface OfferReportingRepository {
  /** For each plan, when its newest version published at or before `at` (ISO 8601) was published. */
  latestPublicationByPlan(at: string): Promise<Map<string, string>>;
  /** Up to `limit` versions after `cursor`, by plan id then version: the history export reads them page by page. */
  listVersionPage(cursor: HistoryCursor | null, limit: number): Promise<HistoryVersionRow[]>;
}

/** Creates the repository over a database. */
export function createOfferReportingRepository(db: Kysely<Database>): OfferReportingRepository {
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

    listVersionPage(cursor: HistoryCursor | null, limit: number): Promise<HistoryVersionRow[]> {
      let query = db.selectFrom('offer_versions').select(['plan_id', 'version', 'published_at', 'effective_from', 'effective_to', 'record']);
      if (cursor) {
        query = query.where((eb) => eb.or([eb('plan_id', '>', cursor.planId), eb.and([eb('plan_id', '=', cursor.planId), eb('version', '>', cursor.version)])]));
      }
      return query.orderBy('plan_id').orderBy('version').limit(limit).execute();
    },
  };
}
