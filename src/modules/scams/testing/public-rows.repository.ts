import type { Insertable } from 'kysely';
import { queriesOf, type Executor } from '../../../platform/db/index.ts';
import type { ScamIdentifiersTable, ScamReportTargetsTable, ScamReportsTable, ScamScreenshotsTable } from '../scams.tables.ts';

/** The SQL of the public side's test rows: each table written as intake writes it. */
export function createPublicRowsRepository(executor: Executor) {
  const db = queriesOf(executor);
  return {
    async insertIdentifier(row: Insertable<ScamIdentifiersTable>): Promise<void> {
      await db.insertInto('scam_identifiers').values(row).execute();
    },
    async insertReport(
      report: Insertable<ScamReportsTable>,
      targets: Insertable<ScamReportTargetsTable>[],
      screenshot: Insertable<ScamScreenshotsTable> | null,
    ): Promise<void> {
      await db.insertInto('scam_reports').values(report).execute();
      await db.insertInto('scam_report_targets').values(targets).execute();
      if (screenshot) await db.insertInto('scam_screenshots').values(screenshot).execute();
    },
  };
}
