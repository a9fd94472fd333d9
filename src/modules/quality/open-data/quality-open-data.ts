import { csvRecord } from '../../../platform/csv-writer.ts';
import { isMonth, monthsBefore } from '../kpis/quality-kpi.ts';
import { cellAtResolution, centreOfCell } from '../measurements/measurement-place.ts';
import { measuredColumnsOf, MEASURED_VALUES } from '../measurements/measured-values.ts';

/** The columns of a monthly open data file of measurements (docs/quality/open-data.md). */
export const OPEN_DATA_COLUMNS = ['time', 'operator', 'technology', ...MEASURED_VALUES, 'h3_cell', 'latitude', 'longitude', 'device', 'source'] as const;

/** One published measurement: no address, no client id, the place snapped to its cell's centre. */
export type OpenDataRecord = Record<(typeof OPEN_DATA_COLUMNS)[number], string | number | null>;

/** What a stored measurement gives to open data. */
export interface OpenDataSource {
  measuredAt: string;
  operatorId: string | null;
  technology: string;
  downloadKbps: number | null;
  uploadKbps: number | null;
  latencyMs: number | null;
  jitterMs: number | null;
  loss: number | null;
  /** The stored cell and the coarser ones of the place (measurement-place.ts); null for a district or no place. */
  h3Cell: string | null;
  h3Cells: string | null;
  /** The stored keyed hash of the device id (already keyed with the month), or null. */
  deviceHash: string | null;
  source: string;
}

/** How a file is made: the H3 resolution, the time precision and the pseudonym of a device. */
export interface OpenDataOptions {
  resolution: number;
  timePrecision: 'hour' | 'day';
  /** A keyed hash of the month and the stored device hash: it never joins across months. */
  pseudonymOf(month: string, deviceHash: string): string;
}

/** The instants a month starts and the next one starts, in UTC, as ISO 8601 strings; `month` must satisfy {@link isMonth}. */
export function monthBounds(month: string): { from: string; to: string } {
  return { from: `${month}-01T00:00:00.000Z`, to: `${monthsBefore(month, -1)}-01T00:00:00.000Z` };
}

/** Whether a month is over at `now` (UTC): only such months are published. */
export function isMonthOver(month: string, now: Date): boolean {
  return isMonth(month) && month < now.toISOString().slice(0, 7);
}

/** An instant truncated to the hour (2026-10-14T09:00:00Z) or to the day (2026-10-14). */
export function truncateTime(instant: string, precision: 'hour' | 'day'): string {
  const iso = new Date(instant).toISOString();
  return precision === 'day' ? iso.slice(0, 10) : `${iso.slice(0, 13)}:00:00Z`;
}

/**
 * The cell a measurement is published in and its centre, which is all open data says of the place:
 * the stored cell of the position as measured at the file's resolution, or the stored cell itself
 * when the profile's resolution became finer since. A district, or no place, publishes none.
 */
export function openDataPlaceOf(h3Cell: string | null, h3Cells: string | null, resolution: number): { cell: string; lat: number; lon: number } | null {
  const cell = cellAtResolution(h3Cell, h3Cells, resolution) ?? h3Cell;
  return cell === null ? null : { cell, ...centreOfCell(cell) };
}

/** One stored measurement as open data. Pure but for the pseudonym function it is given. */
export function openDataRecordOf(source: OpenDataSource, options: OpenDataOptions): OpenDataRecord {
  const place = openDataPlaceOf(source.h3Cell, source.h3Cells, options.resolution);
  const month = new Date(source.measuredAt).toISOString().slice(0, 7);
  return {
    time: truncateTime(source.measuredAt, options.timePrecision),
    operator: source.operatorId,
    technology: source.technology,
    ...measuredColumnsOf(source),
    h3_cell: place?.cell ?? null,
    latitude: place?.lat ?? null,
    longitude: place?.lon ?? null,
    device: source.deviceHash === null ? null : options.pseudonymOf(month, source.deviceHash),
    source: source.source,
  };
}

/** A line of the CSV file (RFC 4180, CRLF), through the platform's writer: numbers as they are, no text cell that starts a formula. */
export function openDataCsvLine(values: readonly (string | number | null)[]): string {
  return csvRecord(values);
}

/** The file name of a month's open data. */
export function openDataFileName(month: string, format: 'csv' | 'json'): string {
  return `measurements-${month}.${format}`;
}

/** Reads `measurements-YYYY-MM.csv|json` back into its month and format, or null. */
export function parseOpenDataFileName(name: string): { month: string; format: 'csv' | 'json' } | null {
  const match = /^measurements-(\d{4}-\d{2})\.(csv|json)$/.exec(name);
  if (!match || !match[1] || !isMonth(match[1])) return null;
  return { month: match[1], format: match[2] === 'json' ? 'json' : 'csv' };
}
