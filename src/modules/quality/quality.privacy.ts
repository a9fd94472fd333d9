import { randomUUID } from 'node:crypto';
import type { Platform } from '../../platform/platform.ts';
import type { ErasureOutcome, RecordKind, SubjectIdentity } from '../../platform/privacy/record-kinds.ts';
import { hashIdentifier } from './measurements/measurement.service.ts';
import { ANONYMOUS_DEVICE_PREFIX, createQualityPrivacyRepository, type DueMeasurement } from './privacy/quality-privacy.repository.ts';

/** Rows a retention run changes in one transaction, so that a large run never holds the database long. */
export const QUALITY_RETENTION_BATCH = 1000;

/**
 * Draws an unkeyed pseudonym for each device hash, the same for one device throughout one run or
 * erasure: a device's tests still count as one device in the statistics of the periods they
 * fall in, and no device id leads to them any more.
 */
function pseudonymsOf(): (deviceHash: string | null) => string | null {
  const drawn = new Map<string, string>();
  return (deviceHash) => {
    if (deviceHash === null) return null;
    if (deviceHash.startsWith(ANONYMOUS_DEVICE_PREFIX)) return deviceHash;
    let pseudonym = drawn.get(deviceHash);
    if (pseudonym === undefined) {
      pseudonym = `${ANONYMOUS_DEVICE_PREFIX}${randomUUID()}`;
      drawn.set(deviceHash, pseudonym);
    }
    return pseudonym;
  };
}

/** Groups measurements by the pseudonym their device takes. */
function byPseudonym(rows: readonly DueMeasurement[], pseudonymOf: (deviceHash: string | null) => string | null): Map<string | null, string[]> {
  const groups = new Map<string | null, string[]>();
  for (const row of rows) {
    const pseudonym = pseudonymOf(row.device_hash);
    groups.set(pseudonym, [...(groups.get(pseudonym) ?? []), row.id]);
  }
  return groups;
}

/**
 * The kinds of record the quality module keeps about people: measurements, pseudonymous (the
 * keyed hash of a measuring app's device id and of its client id, and the place as a cell).
 */
export function qualityRecordKinds(platform: Platform): RecordKind[] {
  const repository = createQualityPrivacyRepository(platform.db.kysely);
  const deviceHashesOf = (identity: SubjectIdentity) => identity.deviceIds.map((id) => hashIdentifier(platform.keyring, 'device', id));

  const measurements: RecordKind = {
    name: 'quality.measurements',
    labelKey: 'quality.privacy.measurements.label',
    purposeKey: 'quality.privacy.measurements.purpose',
    categories: ['network', 'device', 'location'],
    subjects: ['testers'],
    recipients: ['regulatorStaff', 'public'],
    triggers: ['created'],
    actions: ['anonymise'],
    defaultRule: { period: 'P2Y', trigger: 'created', action: 'anonymise', legalBasis: 'publicTask' },
    retention: {
      async run(run) {
        const pseudonymOf = pseudonymsOf();
        let total = 0;
        let after: string | null = null;
        for (;;) {
          const page = await repository.measurementsDue(run.cutoff, after, QUALITY_RETENTION_BATCH);
          const due = page.filter((m) => !run.heldIds.has(m.id));
          if (run.dryRun) total += due.length;
          else
            total += await repository.inTransaction(async (trx) => {
              let changed = 0;
              for (const [pseudonym, ids] of byPseudonym(due, pseudonymOf)) changed += await trx.anonymiseMeasurements(ids, pseudonym);
              return changed;
            });
          if (page.length < QUALITY_RETENTION_BATCH) return total;
          after = page[page.length - 1]?.id ?? null;
        }
      },
    },
    subject: {
      async find(identity) {
        return (await repository.measurementsOf(deviceHashesOf(identity))).map((m) => ({
          id: m.id,
          createdAt: m.created_at,
          fields: {
            measuredAt: m.measured_at,
            operatorId: m.operator_id,
            technology: m.technology,
            downloadKbps: m.download_kbps,
            uploadKbps: m.upload_kbps,
            latencyMs: m.latency_ms,
            jitterMs: m.jitter_ms,
            loss: m.loss,
            h3Cell: m.h3_cell,
            districtCode: m.district_code,
            accuracyM: m.accuracy_m,
            source: m.source,
            isValid: Boolean(m.is_valid),
            invalidReason: m.invalid_reason,
          },
        }));
      },
      async erase(identity, { heldIds }) {
        const pseudonymOf = pseudonymsOf();
        return repository.inTransaction(async (trx) => {
          const outcomes: ErasureOutcome[] = [];
          const erasable: DueMeasurement[] = [];
          for (const m of await trx.measurementsOf(deviceHashesOf(identity))) {
            if (heldIds.has(m.id)) outcomes.push({ id: m.id, result: 'kept', reason: 'legalHold' });
            else {
              erasable.push(m);
              // The figures stay for the statistics and open data; nothing leads from the device to them.
              outcomes.push({ id: m.id, result: 'anonymised' });
            }
          }
          for (const [pseudonym, ids] of byPseudonym(erasable, pseudonymOf)) await trx.anonymiseMeasurements(ids, pseudonym);
          return { outcomes, operatorIds: [] };
        });
      },
    },
  };
  return [measurements];
}
