import type { SqlBool } from 'kysely';

/** One upload of one operator's KPIs for one month; a re-upload adds a version and replaces the current one. */
export interface QualityKpiReportsTable {
  id: string;
  operator_id: string;
  /** YYYY-MM. */
  month: string;
  version: number;
  is_current: SqlBool;
  rows: number;
  channel: string;
  uploaded_at: string;
  replaced_at: string | null;
}

/** The counts of one KPI in one region and technology of a report. */
export interface QualityKpiValuesTable {
  report_id: string;
  region_code: string;
  technology: string;
  kpi_id: string;
  /** bigint on PostgreSQL, read back as a string there. */
  numerator: number | string;
  denominator: number | string;
}

declare module '../../../platform/db/database.ts' {
  interface Database {
    quality_kpi_reports: QualityKpiReportsTable;
    quality_kpi_values: QualityKpiValuesTable;
  }
}
