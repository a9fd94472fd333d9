/** What one measurement measures, named alike in the measurement file, the measurements table and the open data file. */
export const MEASURED_VALUES = ['download_kbps', 'upload_kbps', 'latency_ms', 'jitter_ms', 'loss'] as const;
