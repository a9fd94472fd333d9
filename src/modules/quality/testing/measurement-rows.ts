import type { Insertable } from 'kysely';
import type { StoredPlace } from '../measurements/measurement-place.ts';
import type { QualityMeasurementsTable } from '../quality.tables.ts';

/** A measurement row as the tests insert it. */
export type MeasurementRow = Insertable<QualityMeasurementsTable>;

/**
 * The columns of a valid imported 4G measurement that measured nothing, from no known device:
 * columns every release of the table has had, so that a migration's test can write them too.
 */
export const UNMEASURED_IMPORT = {
  technology: '4G',
  download_kbps: null,
  upload_kbps: null,
  latency_ms: null,
  jitter_ms: null,
  loss: null,
  device_hash: null,
  client_hash: null,
  source: 'import',
  download_test_id: null,
  upload_test_id: null,
  is_valid: true,
  invalid_reason: null,
} as const satisfies Partial<MeasurementRow>;

/**
 * A valid imported 4G measurement at `place`, measured and stored at `measured_at`, with nothing
 * measured but what `fields` gives (a speed, a latency, a device).
 */
export function measurementRow(
  place: StoredPlace,
  fields: Pick<MeasurementRow, 'id' | 'measured_at' | 'operator_id'> & Partial<MeasurementRow>,
): MeasurementRow {
  return {
    ...UNMEASURED_IMPORT,
    lat: place.lat,
    lon: place.lon,
    accuracy_m: 30,
    h3_cell: place.h3Cell,
    h3_cells: place.h3Cells,
    place_source: place.placeSource,
    district_code: null,
    created_at: fields.measured_at,
    ...fields,
  };
}
