import type { Selectable } from 'kysely';
import { withTransaction, queriesOf, type Executor } from '../../../platform/db/index.ts';
import type { QualityMeasurementsTable } from '../quality.tables.ts';
import '../quality.tables.ts';

/** A measurement as a person's access archive gives it. */
export type PersonMeasurementRow = Pick<
  Selectable<QualityMeasurementsTable>,
  | 'id'
  | 'measured_at'
  | 'operator_id'
  | 'technology'
  | 'download_kbps'
  | 'upload_kbps'
  | 'latency_ms'
  | 'jitter_ms'
  | 'loss'
  | 'h3_cell'
  | 'district_code'
  | 'accuracy_m'
  | 'source'
  | 'is_valid'
  | 'invalid_reason'
  | 'created_at'
>;

/** A measurement due for anonymisation, with the device pseudonym its replacement is drawn for. */
export interface DueMeasurement {
  id: string;
  device_hash: string | null;
}

/**
 * The prefix of a device pseudonym drawn at anonymisation: random, tied to no key, so that no
 * device id leads to it. A keyed hash (base64url) never holds a colon.
 */
export const ANONYMOUS_DEVICE_PREFIX = 'anon:';

/** All SQL of the quality module's kinds of record. */
export interface QualityPrivacyRepository {
  /** Runs `work` in one transaction with a repository bound to it. */
  inTransaction<T>(work: (repository: QualityPrivacyRepository) => Promise<T>): Promise<T>;
  /** Measurements after `after` (by id) measured before `before` that still carry a keyed device or client hash or an accuracy, in id order. */
  measurementsDue(before: string, after: string | null, limit: number): Promise<DueMeasurement[]>;
  /** Replaces the device hash of these measurements by `pseudonym` (null for none) and clears the client hash and accuracy. */
  anonymiseMeasurements(ids: readonly string[], pseudonym: string | null): Promise<number>;
  /** Measurements whose keyed device hash is one of these, oldest first. */
  measurementsOf(deviceHashes: readonly string[]): Promise<(PersonMeasurementRow & { device_hash: string | null })[]>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createQualityPrivacyRepository(executor: Executor): QualityPrivacyRepository {
  const db = queriesOf(executor);
  return {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createQualityPrivacyRepository(tx)));
    },
    async measurementsDue(before, after, limit) {
      let query = db
        .selectFrom('quality_measurements')
        .select(['id', 'device_hash'])
        .where('measured_at', '<', before)
        .where((eb) =>
          eb.or([
            eb.and([eb('device_hash', 'is not', null), eb('device_hash', 'not like', `${ANONYMOUS_DEVICE_PREFIX}%`)]),
            eb('client_hash', 'is not', null),
            eb('accuracy_m', 'is not', null),
          ]),
        );
      if (after !== null) query = query.where('id', '>', after);
      return query.orderBy('id').limit(limit).execute();
    },
    async anonymiseMeasurements(ids, pseudonym) {
      if (ids.length === 0) return 0;
      const result = await db
        .updateTable('quality_measurements')
        .set({ device_hash: pseudonym, client_hash: null, accuracy_m: null })
        .where('id', 'in', ids)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    measurementsOf(deviceHashes) {
      if (deviceHashes.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('quality_measurements')
        .select([
          'id',
          'measured_at',
          'operator_id',
          'technology',
          'download_kbps',
          'upload_kbps',
          'latency_ms',
          'jitter_ms',
          'loss',
          'h3_cell',
          'district_code',
          'accuracy_m',
          'source',
          'is_valid',
          'invalid_reason',
          'created_at',
          'device_hash',
        ])
        .where('device_hash', 'in', deviceHashes)
        .orderBy('measured_at')
        .orderBy('id')
        .execute();
    },
  };
}
