import type { Platform } from '../../../platform/platform.ts';
import type { SubjectIdentity } from '../../../platform/privacy/record-kinds.ts';
import { placeOfPosition } from '../measurements/measurement-place.ts';
import { createMeasurementRepository } from '../measurements/measurement.repository.ts';
import { hashIdentifier } from '../measurements/measurement.service.ts';
import { measurementRow } from './measurement-rows.ts';

/** The ids of what {@link seedQualityPersonEverywhere} stored, by kind of record. */
export interface SeededQualityPerson {
  'quality.measurements': string[];
}

/**
 * Stores, for each device id of `identity`, one measurement its app sent (with the device's and a
 * client's keyed hash, as an import stores them), measured at the platform's clock in Nairobi.
 */
export async function seedQualityPersonEverywhere(platform: Platform, identity: SubjectIdentity): Promise<SeededQualityPerson> {
  const place = placeOfPosition(-1.28, 36.82, { stored: 8, published: [6, 8] });
  const at = platform.clock.now().toISOString();
  const rows = identity.deviceIds.map((deviceId) =>
    measurementRow(place, {
      id: platform.ids(),
      measured_at: at,
      operator_id: 'OP-A',
      download_kbps: 12_000,
      latency_ms: 40,
      device_hash: hashIdentifier(platform.keyring, 'device', deviceId),
      client_hash: hashIdentifier(platform.keyring, 'client', `client-of-${deviceId}`),
    }),
  );
  if (rows.length > 0) await createMeasurementRepository(platform.db.kysely).insertMeasurements(rows);
  return { 'quality.measurements': rows.map((r) => r.id) };
}
