/**
 * One period during which an IMEI met one condition. The current period has a null `end_date`.
 * Dates are ISO 8601 `YYYY-MM-DD` text, the day of the classification run.
 */
export interface DeviceClassificationStateTable {
  imei_key: string;
  condition_name: string;
  start_date: string;
  end_date: string | null;
  /** `start_date` plus the grace period; null for an informational condition. */
  block_date: string | null;
}

/** One classification run: the day classified, what it found, and which conditions its safety limits refused. */
export interface DeviceClassificationRunsTable {
  id: string;
  run_date: string;
  started_at: string;
  finished_at: string;
  /** `partial`: some conditions were refused by their safety limit, the others applied; `refused`: nothing was written. */
  status: 'done' | 'partial' | 'refused';
  /** JSON: per condition, IMEIs matched, newly flagged and ended; the refused conditions. */
  summary: string;
}

/** The IMEIs a run found for each condition, kept only while the run reconciles them with the state. */
export interface DeviceClassificationMatchesTable {
  run_id: string;
  condition_name: string;
  imei_key: string;
}

/** One generation of the operators' lists; deltas compare a run with the one before it. */
export interface DeviceListRunsTable {
  id: string;
  list_date: string;
  generated_at: string;
  /** JSON: rows per list and operator. */
  summary: string;
}

/**
 * One row of a generated list. `operator_id` is empty for the national block list; `imsi_hash`
 * is empty on block list rows. The IMSI and MSISDN stay encrypted as the observations hold them.
 */
export interface DeviceListItemsTable {
  run_id: string;
  list_kind: 'block' | 'notification' | 'exception';
  operator_id: string;
  imei_key: string;
  imsi_hash: string;
  imsi_cipher: string | null;
  msisdn_cipher: string | null;
  block_date: string | null;
  reasons: string;
}

/** A blocked or reported IMEI seen with a SIM new to it after the report or block date. */
export interface DeviceTraceAlertsTable {
  id: string;
  imei_key: string;
  imsi_hash: string;
  /** The verified report naming the IMEI, when there is one. */
  report_id: string | null;
  operator_id: string;
  /** The day the new SIM was first seen with the IMEI. */
  seen_on: string;
  created_at: string;
  /** The classification run date that raised it, `YYYY-MM-DD`. */
  created_on: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

/** A report whose phone was found again; its IMEIs leave the stolen dimension from `recovered_on`. */
export interface DeviceReportRecoveriesTable {
  report_id: string;
  recovered_at: string;
  /** `YYYY-MM-DD`, for the classification of past days and the statistics. */
  recovered_on: string;
  /** `reporter` or the staff user id. */
  recovered_by: string;
}

/** Consumer IMEI checks counted per month (`YYYY-MM`), for the public statistics. */
export interface DeviceCheckCountsTable {
  month: string;
  checks: number;
}

declare module '../../../platform/db/database.ts' {
  interface Database {
    device_classification_state: DeviceClassificationStateTable;
    device_classification_runs: DeviceClassificationRunsTable;
    device_classification_matches: DeviceClassificationMatchesTable;
    device_list_runs: DeviceListRunsTable;
    device_list_items: DeviceListItemsTable;
    device_trace_alerts: DeviceTraceAlertsTable;
    device_report_recoveries: DeviceReportRecoveriesTable;
    device_check_counts: DeviceCheckCountsTable;
  }
}
