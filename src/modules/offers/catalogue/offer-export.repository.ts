import { queriesOf, type Executor } from '../../../platform/db/index.ts';
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

/** The read of the history export. */
export interface OfferExportRepository {
  /** Up to `limit` versions after `cursor`, by plan id then version: the history export reads them page by page. */
  listVersionPage(cursor: HistoryCursor | null, limit: number): Promise<HistoryVersionRow[]>;
}

/** Creates the repository over a database. */
export function createOfferExportRepository(executor: Executor): OfferExportRepository {
  const db = queriesOf(executor);
  return {
    listVersionPage(cursor: HistoryCursor | null, limit: number): Promise<HistoryVersionRow[]> {
      let query = db.selectFrom('offer_versions').select(['plan_id', 'version', 'published_at', 'effective_from', 'effective_to', 'record']);
      if (cursor) {
        query = query.where((eb) =>
          eb.or([eb('plan_id', '>', cursor.planId), eb.and([eb('plan_id', '=', cursor.planId), eb('version', '>', cursor.version)])]),
        );
      }
      return query.orderBy('plan_id').orderBy('version').limit(limit).execute();
    },
  };
}
