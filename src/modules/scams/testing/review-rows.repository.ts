import type { Insertable } from 'kysely';
import { queriesOf, type Executor } from '../../../platform/db/index.ts';
import type { Database } from '../../../platform/db/index.ts';

/** The SQL of the rows tests insert for the review pages, exactly as the module's tables hold them. */
export interface ReviewRowsRepository {
  insertIdentifier(row: Insertable<Database['scam_identifiers']>): Promise<void>;
  insertCampaign(row: Insertable<Database['scam_campaigns']>): Promise<void>;
  insertReport(row: Insertable<Database['scam_reports']>): Promise<void>;
  insertTarget(row: Insertable<Database['scam_report_targets']>): Promise<void>;
  insertScreenshot(row: Insertable<Database['scam_screenshots']>): Promise<void>;
}

/** Builds the repository over a Kysely instance. */
export function createReviewRowsRepository(executor: Executor): ReviewRowsRepository {
  const db = queriesOf(executor);
  return {
    async insertIdentifier(row) {
      await db.insertInto('scam_identifiers').values(row).execute();
    },
    async insertCampaign(row) {
      await db.insertInto('scam_campaigns').values(row).execute();
    },
    async insertReport(row) {
      await db.insertInto('scam_reports').values(row).execute();
    },
    async insertTarget(row) {
      await db.insertInto('scam_report_targets').values(row).execute();
    },
    async insertScreenshot(row) {
      await db.insertInto('scam_screenshots').values(row).execute();
    },
  };
}
