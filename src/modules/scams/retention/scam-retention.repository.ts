import { sql } from 'kysely';
import { queriesOf, type Executor } from '../../../platform/db/index.ts';

/** What stands in for an erased sealed value or keyed hash in a column that may not be null. */
export const ERASED = '';

/** What one run erased, table by table. */
export interface RetentionCounts {
  rawReports: number;
  rawLinks: number;
  rawScreenshots: number;
  rawCampaigns: number;
  reporters: number;
  appeals: number;
  identifiers: number;
  numberChecks: number;
}

/** All SQL of the module's retention. */
export interface ScamRetentionRepository {
  /** Deletes the raw text of reports filed before `cutoff`, their links' URLs and screenshots, and campaigns' samples last seen before it. */
  deleteRaw(cutoff: string, at: string): Promise<Pick<RetentionCounts, 'rawReports' | 'rawLinks' | 'rawScreenshots' | 'rawCampaigns'>>;
  /** Erases the reporter's number and contact of reports filed before `cutoff`, and the reporters no report names any more. */
  eraseReporters(cutoff: string): Promise<number>;
  /** Erases the statement and contact of appeals decided and filed before `cutoff`. */
  eraseAppeals(cutoff: string): Promise<number>;
  /**
   * Erases the value and keyed hash of identifiers not listed (reported, rejected or cleared) and
   * not reported since `cutoff`: their reports and counts stay, a lookup finds them no more.
   */
  eraseUnlisted(cutoff: string): Promise<number>;
  /** Deletes number checks sent before `cutoff`, used or not. */
  deleteNumberChecks(cutoff: string): Promise<number>;
}

const counted = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) => Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0n);

/** Builds the repository over a Kysely instance. */
export function createScamRetentionRepository(executor: Executor): ScamRetentionRepository {
  const db = queriesOf(executor);
  const rawReports = (cutoff: string) => db.selectFrom('scam_reports').select('id').where('filed_at', '<', cutoff);
  return {
    async deleteRaw(cutoff, at) {
      // Links and screenshots first: they are found through reports whose text is still there.
      const rawLinks = counted(
        await db
          .updateTable('scam_report_targets')
          .set({ url_enc: null })
          .where('url_enc', 'is not', null)
          .where('report_id', 'in', rawReports(cutoff))
          .executeTakeFirst(),
      );
      const rawScreenshots = counted(
        await db
          .updateTable('scam_screenshots')
          .set({ content_enc: null })
          .where('content_enc', 'is not', null)
          .where('report_id', 'in', rawReports(cutoff))
          .executeTakeFirst(),
      );
      const rawReportsCount = counted(
        await db
          .updateTable('scam_reports')
          .set({ text_enc: null, raw_deleted_at: at })
          .where('filed_at', '<', cutoff)
          .where('raw_deleted_at', 'is', null)
          .executeTakeFirst(),
      );
      const rawCampaigns = counted(
        await db
          .updateTable('scam_campaigns')
          .set({ sample_enc: null })
          .where('last_seen_at', '<', cutoff)
          .where('sample_enc', 'is not', null)
          .executeTakeFirst(),
      );
      return { rawReports: rawReportsCount, rawLinks, rawScreenshots, rawCampaigns };
    },
    async eraseReporters(cutoff) {
      const old = db.selectFrom('scam_reports').select('id').where('filed_at', '<', cutoff).where('reporter_enc', '<>', ERASED);
      await db.updateTable('scam_report_targets').set({ reporter_hash: ERASED }).where('reporter_hash', '<>', ERASED).where('report_id', 'in', old).execute();
      const erased = counted(
        await db
          .updateTable('scam_reports')
          .set({ reporter_hash: ERASED, reporter_enc: ERASED, contact_enc: null, contact_kind: null })
          .where('filed_at', '<', cutoff)
          .where('reporter_enc', '<>', ERASED)
          .executeTakeFirst(),
      );
      await db
        .deleteFrom('scam_reporters')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('scam_reports as r').select('r.id').whereRef('r.reporter_hash', '=', 'scam_reporters.reporter_hash'))))
        .execute();
      return erased;
    },
    async eraseAppeals(cutoff) {
      return counted(
        await db
          .updateTable('scam_appeals')
          .set({ statement_enc: ERASED, contact_enc: null })
          .where('filed_at', '<', cutoff)
          .where('state', '<>', 'open')
          .where('statement_enc', '<>', ERASED)
          .executeTakeFirst(),
      );
    },
    async eraseUnlisted(cutoff) {
      return counted(
        await db
          .updateTable('scam_identifiers')
          // The hash must stay unique: an erased identifier is keyed by its own id.
          .set({ value_enc: ERASED, value_hash: sql<string>`${'erased:'} || id` })
          .where('state', 'in', ['reported', 'rejected', 'cleared'])
          .where('last_reported_at', '<', cutoff)
          .where((eb) => eb.or([eb('cleared_at', 'is', null), eb('cleared_at', '<', cutoff)]))
          .where('value_enc', '<>', ERASED)
          .executeTakeFirst(),
      );
    },
    async deleteNumberChecks(cutoff) {
      return counted(await db.deleteFrom('scam_number_checks').where('sent_at', '<', cutoff).executeTakeFirst());
    },
  };
}
