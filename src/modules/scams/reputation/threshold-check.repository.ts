import { queriesOf, type Executor } from '../../../platform/db/index.ts';
import '../scams.tables.ts';

/** An identifier the threshold may still move: its state and when that state began. */
export interface IdentifierToCheck {
  id: string;
  state: string;
  state_changed_at: string;
}

/** One report of an identifier as the threshold reads it: its reporter, times, and when the reporter was first verified. */
export interface WindowReport {
  reporter_hash: string;
  filed_at: string;
  occurred_at: string;
  first_verified_at: string | null;
}

/** The SQL the threshold check reads: only identifiers it may move, and only the reports of the window. */
export interface ThresholdCheckRepository {
  /** Of `ids`, those in one of `states` (identifiers past the threshold are never read further). */
  identifiersIn(ids: readonly string[], states: readonly string[]): Promise<IdentifierToCheck[]>;
  /** The identifier's reports filed after `since` that are not late, oldest first. */
  reportsSince(identifierId: string, since: string): Promise<WindowReport[]>;
  /** The filing instants of each of `reporterHashes` after `since`, across every identifier (the day's allowance). */
  filingsSince(reporterHashes: readonly string[], since: string): Promise<Array<{ reporter_hash: string; filed_at: string }>>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createThresholdCheckRepository(executor: Executor): ThresholdCheckRepository {
  const db = queriesOf(executor);
  return {
    async identifiersIn(ids, states) {
      if (ids.length === 0) return [];
      return db
        .selectFrom('scam_identifiers')
        .select(['id', 'state', 'state_changed_at'])
        .where('id', 'in', [...ids])
        .where('state', 'in', [...states])
        .orderBy('id')
        .execute();
    },
    reportsSince(identifierId, since) {
      return db
        .selectFrom('scam_report_targets as t')
        .leftJoin('scam_reporters as r', 'r.reporter_hash', 't.reporter_hash')
        .select(['t.reporter_hash', 't.filed_at', 't.occurred_at', 'r.first_verified_at'])
        .where('t.identifier_id', '=', identifierId)
        .where('t.filed_at', '>', since)
        .where('t.is_late', '=', false)
        .orderBy('t.filed_at')
        .orderBy('t.report_id')
        .execute();
    },
    async filingsSince(reporterHashes, since) {
      if (reporterHashes.length === 0) return [];
      const rows: Array<{ reporter_hash: string; filed_at: string }> = [];
      // In slices, so a wave's thousands of reporters never exceed a statement's parameters.
      for (let i = 0; i < reporterHashes.length; i += 500)
        rows.push(
          ...(await db
            .selectFrom('scam_reports')
            .select(['reporter_hash', 'filed_at'])
            .where('reporter_hash', 'in', reporterHashes.slice(i, i + 500))
            .where('filed_at', '>', since)
            .orderBy('reporter_hash')
            .orderBy('filed_at')
            .execute()),
        );
      return rows;
    },
  };
}
