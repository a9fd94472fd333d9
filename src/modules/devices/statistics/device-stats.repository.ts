import type { MonthCounts } from './month-counts.ts';
import { sql } from 'kysely';
import { dialectOf, queriesOf, type Executor } from '../../../platform/db/index.ts';
import { monthOfInstant } from '../../../platform/db/instant-sql.ts';
import type { Condition } from '../classification/classification-rules.ts';
import '../classification/classification.tables.ts';
import '../devices.tables.ts';

/** All SQL of the public statistics and of the check counter. */
export interface DeviceStatsRepository {
  /** Adds consumer checks to a month's counter. */
  countChecks(month: string, checks: number): Promise<void>;
  /** The counts of each month from `firstMonth` to `lastMonth` (`YYYY-MM`), oldest first. */
  monthly(months: readonly string[], conditions: readonly Condition[]): Promise<MonthCounts[]>;
}

/** Builds the repository. */
export function createDeviceStatsRepository(executor: Executor): DeviceStatsRepository {
  const db = queriesOf(executor);
  const dialect = dialectOf(db);
  const monthOf = (column: string) => monthOfInstant(dialect, sql.ref(column));

  const byMonth = async (query: ReturnType<typeof sql<{ month: string; n: number | string }>>): Promise<Map<string, number>> => {
    const rows = await query.execute(db);
    return new Map(rows.rows.map((r) => [r.month, Number(r.n)]));
  };

  return {
    async countChecks(month, checks) {
      await db
        .insertInto('device_check_counts')
        .values({ month, checks })
        .onConflict((oc) => oc.column('month').doUpdateSet((eb) => ({ checks: eb('device_check_counts.checks', '+', eb.ref('excluded.checks')) })))
        .execute();
    },

    async monthly(months, conditions) {
      if (months.length === 0) return [];
      const first = months[0] ?? '';
      const last = months[months.length - 1] ?? '';
      const inRange = (column: RawMonth) => sql`${column} between ${first} and ${last}`;
      const blocking = conditions.filter((c) => c.isBlocking).map((c) => c.name);
      const checked = new Map(
        (await db.selectFrom('device_check_counts').select(['month', 'checks']).where('month', '>=', first).where('month', '<=', last).execute()).map((r) => [
          r.month,
          Number(r.checks),
        ]),
      );
      const reported = await byMonth(sql`select ${monthOf('submitted_at')} as month, count(*) as n from device_theft_reports
        where status = 'verified' and ${inRange(monthOf('submitted_at'))} group by ${monthOf('submitted_at')}`);
      // A device counts in the month its first block date fell in, whatever happened after.
      const blocked =
        blocking.length === 0
          ? new Map<string, number>()
          : await byMonth(sql`select substr(b.first_block, 1, 7) as month, count(*) as n from (
              select imei_key, min(block_date) as first_block from device_classification_state
              where condition_name in (${sql.join(blocking)}) and block_date is not null and (end_date is null or end_date > block_date)
              group by imei_key) b
            where substr(b.first_block, 1, 7) between ${first} and ${last} group by substr(b.first_block, 1, 7)`);
      const traced = await byMonth(sql`select substr(created_on, 1, 7) as month, count(distinct imei_key) as n from device_trace_alerts
        where substr(created_on, 1, 7) between ${first} and ${last} group by substr(created_on, 1, 7)`);
      const recovered = await byMonth(sql`select substr(recovered_on, 1, 7) as month, count(*) as n from device_report_recoveries
        where substr(recovered_on, 1, 7) between ${first} and ${last} group by substr(recovered_on, 1, 7)`);
      return months.map((month) => ({
        month,
        checked: checked.get(month) ?? 0,
        reported: reported.get(month) ?? 0,
        blocked: blocked.get(month) ?? 0,
        traced: traced.get(month) ?? 0,
        recovered: recovered.get(month) ?? 0,
      }));
    },
  };
}

type RawMonth = ReturnType<typeof sql<string>>;
