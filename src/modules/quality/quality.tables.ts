import type { Insertable, SqlBool } from 'kysely';
import type { PlaceSource } from './measurements/measurement-place.ts';

/**
 * One ndt7 test as the server measured it: what a saved speed test result takes its figures
 * from. No client address is kept.
 */
export interface QualityNdt7TestsTable {
  id: string;
  test: 'download' | 'upload';
  started_at: string;
  /** Microseconds; bigint on PostgreSQL, read back as a string there. */
  elapsed_us: number | string;
  num_bytes: number | string;
  min_rtt_us: number | null;
  end_reason: string;
  client_name: string | null;
  client_version: string | null;
  /** The measurement this test was saved into; a test is saved once. */
  measurement_id: string | null;
}

/** One measurement of quality of service, from the speed test or an import. */
export interface QualityMeasurementsTable {
  id: string;
  measured_at: string;
  operator_id: string | null;
  technology: string;
  download_kbps: number | null;
  upload_kbps: number | null;
  latency_ms: number | null;
  jitter_ms: number | null;
  /** Packet loss as a fraction from 0 to 1. */
  loss: number | null;
  /**
   * The centre of `h3_cell` for a place found from a position (the position itself is never kept),
   * the centroid of a district, or, for rows stored before cells came from positions, the position
   * rounded to two decimals.
   */
  lat: number | null;
  lon: number | null;
  accuracy_m: number | null;
  /** The H3 cell at the module's `h3Resolution` holding the position as measured (see `place_source`). */
  h3_cell: string | null;
  /** The cells of the published resolutions coarser than `h3_cell`, each of the position as measured, space-separated. */
  h3_cells: string | null;
  /** How the place was found; null when there is none. */
  place_source: PlaceSource | null;
  district_code: string | null;
  /** Keyed hash of the device id, the same in every month; open data publishes another hash, keyed by month. */
  device_hash: string | null;
  client_hash: string | null;
  source: string;
  download_test_id: string | null;
  upload_test_id: string | null;
  is_valid: SqlBool;
  /** The reasons a measurement is flagged, comma-separated; null when valid. */
  invalid_reason: string | null;
  created_at: string;
  /** The import that brought it, null for a speed test result; unseen while the import is in `quality_import_stagings`. */
  import_id: string | null;
}

/** A measurement row as services build it for insertion. */
export type NewQualityMeasurementRow = Insertable<QualityMeasurementsTable>;

/** An import still being written: its rows are seen by no reader until it is published, when this row goes. */
export interface QualityImportStagingsTable {
  import_id: string;
  kind: 'measurements' | 'kpis';
  operator_id: string | null;
  started_at: string;
  /** Moved by every batch written: an import untouched for long was left by a stopped process. */
  touched_at: string;
}

/** A KPI report an import writes counts under before the report exists (one per month of the file). */
export interface QualityKpiStagedReportsTable {
  import_id: string;
  month: string;
  report_id: string;
}

declare module '../../platform/db/database.ts' {
  interface Database {
    quality_ndt7_tests: QualityNdt7TestsTable;
    quality_measurements: QualityMeasurementsTable;
    quality_import_stagings: QualityImportStagingsTable;
    quality_kpi_staged_reports: QualityKpiStagedReportsTable;
  }
}
