/** One set of region boundaries; the set with no `replaced_at` is in force. */
export interface QualityRegionSetsTable {
  id: string;
  /** Where the set came from: 'demo', or the file name given to `kinga quality import-regions`. */
  source: string;
  regions: number;
  imported_at: string;
  replaced_at: string | null;
}

/** One region of a set, with its GeoJSON geometry (Polygon or MultiPolygon) as JSON text. */
export interface QualityRegionsTable {
  set_id: string;
  code: string;
  name: string;
  geometry: string;
}

/** One run of the aggregation: when, over how many measurements, and the window of each period. */
export interface QualityStatisticRunsTable {
  id: string;
  computed_at: string;
  measurements: number;
  groups: number;
  published: number;
  /** JSON {"<days>": {"from": ISO, "to": ISO}}. */
  periods: string;
}

/** One published statistic: a period, an area, an operator, a technology ('all' too) and a metric. */
export interface QualityStatisticsTable {
  /** The run that computed it: readers read the latest run recorded in `quality_statistic_runs`. */
  run_id: string;
  period_days: number;
  level: 'cell' | 'region' | 'national';
  /** H3 resolution of a cell; -1 for regions and the national figure. */
  resolution: number;
  area: string;
  operator_id: string;
  technology: string;
  metric: 'download' | 'upload' | 'latency';
  tests: number;
  devices: number;
  median: number;
  p10: number;
  p90: number;
  ci_low: number | null;
  ci_high: number | null;
  /** JSON [{"threshold": number, "share": number}]. */
  shares: string;
}

declare module '../../../platform/db/database.ts' {
  interface Database {
    quality_region_sets: QualityRegionSetsTable;
    quality_regions: QualityRegionsTable;
    quality_statistic_runs: QualityStatisticRunsTable;
    quality_statistics: QualityStatisticsTable;
  }
}
