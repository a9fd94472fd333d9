/** What one measurement measures, named alike in the measurement file, the measurements table and the open data file. */
export const MEASURED_VALUES = ['download_kbps', 'upload_kbps', 'latency_ms', 'jitter_ms', 'loss'] as const;

/** The measured values of one measurement, as a measurement file's record and a stored row read for open data hold them. */
export interface MeasuredValues {
  downloadKbps: number | null;
  uploadKbps: number | null;
  latencyMs: number | null;
  jitterMs: number | null;
  loss: number | null;
}

/** The measured values under their column names, in the order of {@link MEASURED_VALUES}. */
export function measuredColumnsOf(values: MeasuredValues): Record<(typeof MEASURED_VALUES)[number], number | null> {
  return { download_kbps: values.downloadKbps, upload_kbps: values.uploadKbps, latency_ms: values.latencyMs, jitter_ms: values.jitterMs, loss: values.loss };
}
