import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../../platform/db/index.ts';
import { yieldToEventLoop } from '../../platform/event-loop.ts';
import type { KpiCount } from './quality-kpi.ts';
import type { QualityKpiReportsTable, QualityKpiValuesTable } from './quality-kpi.tables.ts';
import './quality-kpi.tables.ts';

/** A stored KPI report (one operator, one month, one version). */
export type KpiReportRow = Selectable<QualityKpiReportsTable>;

/** What a query of current counts selects; months are YYYY-MM, both ends included. */
export interface KpiCountFilter {
  fromMonth: string;
  toMonth: string;
  operatorId?: string;
  kpiId?: string;
}

/** All SQL of network KPIs. */
export interface KpiRepository {
  /** Runs `work` in one transaction with a repository bound to it. */
  inTransaction<T>(work: (repository: KpiRepository, trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /** The newest version of an operator's month, current or not. */
  findLatestReport(operatorId: string, month: string): Promise<KpiReportRow | undefined>;
  /** Marks the current report of an operator's month as replaced; its counts stay. */
  replaceCurrent(operatorId: string, month: string, at: string): Promise<number>;
  /** Stores a report; false, storing nothing, when the operator's month already has this version. */
  insertReport(row: Insertable<QualityKpiReportsTable>): Promise<boolean>;
  insertValues(rows: readonly Insertable<QualityKpiValuesTable>[]): Promise<void>;
  /** The counts of the current reports in a period. */
  listCurrentCounts(filter: KpiCountFilter): Promise<KpiCount[]>;
  /** The counts of one report, current or replaced. */
  listReportCounts(reportId: string): Promise<KpiCount[]>;
  /** Every version of an operator's reports, newest month and version first. */
  listReports(filter: { operatorId?: string; limit: number }): Promise<KpiReportRow[]>;
  /** The months that have a current report, newest first. */
  listReportedMonths(): Promise<string[]>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createKpiRepository(db: Kysely<Database>): KpiRepository {
  const countsQuery = () =>
    db
      .selectFrom('quality_kpi_values as v')
      .innerJoin('quality_kpi_reports as r', 'r.id', 'v.report_id')
      .select(['r.operator_id', 'r.month', 'v.region_code', 'v.technology', 'v.kpi_id', 'v.numerator', 'v.denominator']);
  // PostgreSQL returns bigint as a string; one month's counts stay far below 2^53.
  const toCount = (row: { operator_id: string; month: string; region_code: string; technology: string; kpi_id: string; numerator: number | string; denominator: number | string }): KpiCount => ({
    operatorId: row.operator_id,
    month: row.month,
    region: row.region_code,
    technology: row.technology,
    kpiId: row.kpi_id,
    numerator: Number(row.numerator),
    denominator: Number(row.denominator),
  });
  return {
    inTransaction(work) {
      return db.transaction().execute((trx) => work(createKpiRepository(trx), trx));
    },
    findLatestReport(operatorId, month) {
      return db.selectFrom('quality_kpi_reports').selectAll().where('operator_id', '=', operatorId).where('month', '=', month).orderBy('version', 'desc').limit(1).executeTakeFirst();
    },
    async replaceCurrent(operatorId, month, at) {
      const result = await db
        .updateTable('quality_kpi_reports')
        .set({ is_current: false, replaced_at: at })
        .where('operator_id', '=', operatorId)
        .where('month', '=', month)
        .where('is_current', '=', true)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async insertReport(row) {
      const result = await db
        .insertInto('quality_kpi_reports')
        .values(row)
        .onConflict((oc) => oc.columns(['operator_id', 'month', 'version']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async insertValues(rows) {
      // Bounded batches: SQLite allows at most 32,766 parameters in one statement. Its driver
      // runs each one synchronously, so the event loop is handed back between batches.
      for (let at = 0; at < rows.length; at += 1000) {
        if (at > 0) await yieldToEventLoop();
        await db.insertInto('quality_kpi_values').values(rows.slice(at, at + 1000)).execute();
      }
    },
    async listCurrentCounts({ fromMonth, toMonth, operatorId, kpiId }) {
      let query = countsQuery().where('r.is_current', '=', true).where('r.month', '>=', fromMonth).where('r.month', '<=', toMonth);
      if (operatorId !== undefined) query = query.where('r.operator_id', '=', operatorId);
      if (kpiId !== undefined) query = query.where('v.kpi_id', '=', kpiId);
      const rows = await query.orderBy('r.operator_id').orderBy('r.month').orderBy('v.kpi_id').orderBy('v.technology').orderBy('v.region_code').execute();
      return rows.map(toCount);
    },
    async listReportCounts(reportId) {
      const rows = await countsQuery().where('r.id', '=', reportId).orderBy('v.kpi_id').orderBy('v.technology').orderBy('v.region_code').execute();
      return rows.map(toCount);
    },
    listReports({ operatorId, limit }) {
      let query = db.selectFrom('quality_kpi_reports').selectAll();
      if (operatorId !== undefined) query = query.where('operator_id', '=', operatorId);
      return query.orderBy('month', 'desc').orderBy('operator_id').orderBy('version', 'desc').limit(limit).execute();
    },
    async listReportedMonths() {
      const rows = await db.selectFrom('quality_kpi_reports').select('month').distinct().where('is_current', '=', true).orderBy('month', 'desc').execute();
      return rows.map((r) => r.month);
    },
  };
}
