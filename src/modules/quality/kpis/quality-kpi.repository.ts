import { sql, type Selectable } from 'kysely';
import { inChunks, withTransaction, queriesOf, type Executor, transactionOf, type Transaction } from '../../../platform/db/index.ts';
import type { KpiCount } from './quality-kpi.ts';
import type { QualityKpiReportsTable } from './quality-kpi.tables.ts';
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

/** A report whose counts an import wrote, to be stored as the month's new version. */
export interface ReportToPublish {
  month: string;
  reportId: string;
  rows: number;
}

/** A report stored by {@link KpiRepository.publishReports}: its version, and the version it replaced as current. */
export interface PublishedReport extends ReportToPublish {
  version: number;
  replacedVersion: number | null;
}

/** All SQL of network KPIs. */
export interface KpiRepository {
  /** Runs `work` in one transaction with a repository bound to it. */
  inTransaction<T>(work: (repository: KpiRepository, tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * Stores the reports an import wrote counts under, each as the next version of an operator's
   * month, and marks the months' current reports replaced (their counts stay): a few statements
   * whatever the number of months. Run it in a transaction. `conflictMonth` names a month whose
   * next version another upload stored since this one read the versions; then nothing of it must commit.
   */
  publishReports(
    operatorId: string,
    reports: readonly ReportToPublish[],
    upload: { channel: string; uploadedAt: string },
  ): Promise<{ reports: PublishedReport[] } | { conflictMonth: string }>;
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
export function createKpiRepository(executor: Executor): KpiRepository {
  const db = queriesOf(executor);
  const countsQuery = () =>
    db
      .selectFrom('quality_kpi_values as v')
      .innerJoin('quality_kpi_reports as r', 'r.id', 'v.report_id')
      .select(['r.operator_id', 'r.month', 'v.region_code', 'v.technology', 'v.kpi_id', 'v.numerator', 'v.denominator']);
  // PostgreSQL returns bigint as a string; one month's counts stay far below 2^53.
  const toCount = (row: {
    operator_id: string;
    month: string;
    region_code: string;
    technology: string;
    kpi_id: string;
    numerator: number | string;
    denominator: number | string;
  }): KpiCount => ({
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
      return withTransaction(db, (tx) => work(createKpiRepository(tx), transactionOf(tx)));
    },
    async publishReports(operatorId, reports, upload) {
      const published: PublishedReport[] = [];
      const monthsOf = (chunk: readonly ReportToPublish[]) => chunk.map((r) => r.month);
      // A month is a parameter: 1,000 at a time stay under SQLite's 32,766 and PostgreSQL's 65,535.
      const chunks = inChunks(reports, 1000);
      const versions = new Map<string, { latest: number; current: number | null }>();
      for (const chunk of chunks) {
        const rows = await db
          .selectFrom('quality_kpi_reports')
          .select([
            'month',
            (eb) => eb.fn.max<number>('version').as('latest'),
            sql<number | null>`max(case when is_current = ${true} then version end)`.as('current'),
          ])
          .where('operator_id', '=', operatorId)
          .where('month', 'in', monthsOf(chunk))
          .groupBy('month')
          .execute();
        for (const r of rows) versions.set(r.month, { latest: Number(r.latest), current: r.current === null ? null : Number(r.current) });
      }
      for (const chunk of chunks) {
        await db
          .updateTable('quality_kpi_reports')
          .set({ is_current: false, replaced_at: upload.uploadedAt })
          .where('operator_id', '=', operatorId)
          .where('month', 'in', monthsOf(chunk))
          .where('is_current', '=', true)
          .execute();
      }
      for (const chunk of chunks) {
        const values = chunk.map((r) => {
          const known = versions.get(r.month);
          const report: PublishedReport = {
            ...r,
            version: (known?.latest ?? 0) + 1,
            replacedVersion: known?.current === null || known === undefined ? null : known.latest,
          };
          published.push(report);
          return {
            id: r.reportId,
            operator_id: operatorId,
            month: r.month,
            version: report.version,
            is_current: true,
            rows: r.rows,
            channel: upload.channel,
            uploaded_at: upload.uploadedAt,
            replaced_at: null,
          };
        });
        // The version read above was taken by another upload meanwhile: its report stands, this one is not stored.
        const result = await db
          .insertInto('quality_kpi_reports')
          .values(values)
          .onConflict((oc) => oc.columns(['operator_id', 'month', 'version']).doNothing())
          .executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows ?? 0) < values.length) {
          const stored = new Set(
            (
              await db
                .selectFrom('quality_kpi_reports')
                .select('id')
                .where(
                  'id',
                  'in',
                  values.map((v) => v.id),
                )
                .execute()
            ).map((r) => r.id),
          );
          return { conflictMonth: values.find((v) => !stored.has(v.id))?.month ?? chunk[0]?.month ?? '' };
        }
      }
      return { reports: published };
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
