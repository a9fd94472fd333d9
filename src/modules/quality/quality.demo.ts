import type { Insertable } from 'kysely';
import type { Platform } from '../../platform/platform.ts';
import { createOfferServiceFor } from '../offers/index.ts';
import { readQualitySettings, type Technology } from './quality.settings.ts';
import { createMeasurementRepository } from './measurement.repository.ts';
import { cellOf, checkValidity, roundCoordinate } from './measurement-validity.ts';
import type { QualityMeasurementsTable } from './quality.tables.ts';
import { seedKpiDemo } from './quality-kpi.demo.ts';
import { seedQualityStatisticsDemo } from './quality-statistics.demo.ts';

/** Typical fictional speeds by technology, in kbit/s: download, upload, latency in ms. */
const DEMO_PROFILES: Readonly<Record<Exclude<Technology, 'unknown' | 'fixed'>, { down: number; up: number; latency: number }>> = {
  '2G': { down: 180, up: 90, latency: 420 },
  '3G': { down: 4_500, up: 1_200, latency: 95 },
  '4G': { down: 22_000, up: 7_500, latency: 42 },
  '5G': { down: 160_000, up: 28_000, latency: 21 },
};

/** A small deterministic generator, so the demo shows the same figures on every machine. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Inserts fictional measurements once: for each demo operator, a few weeks of tests in each
 * district of the profile, with a handful flagged (a 3G test faster than 3G can go) so that the
 * validity flags show.
 */
export async function seedQualityDemo(platform: Platform): Promise<void> {
  await seedQualityStatisticsDemo(platform);
  // After the statistics demo, which loads the regions the KPI rows name.
  await seedKpiDemo(platform);
  const repository = createMeasurementRepository(platform.db.kysely);
  if ((await repository.countMeasurements('demo')) > 0) return;
  const settings = readQualitySettings(platform.config.jurisdiction.modules['quality']);
  const operators = await createOfferServiceFor(platform).listOperators();
  if (operators.length === 0 || settings.districts.length === 0) return;
  const random = seeded(20_261_130);
  const now = platform.clock.now().getTime();
  const rows: Insertable<QualityMeasurementsTable>[] = [];
  operators.forEach((operator, index) => {
    // Each fictional operator is a little faster or slower than the next.
    const quality = 0.7 + 0.15 * ((index * 7) % 5);
    for (const district of settings.districts) {
      for (let i = 0; i < 6; i += 1) {
        const technology = (['4G', '4G', '3G', '5G', '4G', '2G'] as const)[i] ?? '4G';
        const profile = DEMO_PROFILES[technology];
        const spread = 0.5 + random();
        const isFlagged = technology === '3G' && random() < 0.1;
        const down = Math.round(profile.down * quality * spread * (isFlagged ? 20 : 1));
        const up = Math.round(profile.up * quality * spread);
        const lat = roundCoordinate(district.lat + (random() - 0.5) * 0.1);
        const lon = roundCoordinate(district.lon + (random() - 0.5) * 0.1);
        const accuracy = Math.round(20 + random() * 600);
        const validity = checkValidity({ technology, downloadKbps: down, uploadKbps: up, accuracyM: accuracy }, settings);
        const at = new Date(now - Math.floor(random() * 28 * 86_400_000)).toISOString();
        rows.push({
          id: platform.ids(),
          measured_at: at,
          operator_id: operator.licence_id,
          technology,
          download_kbps: down,
          upload_kbps: up,
          latency_ms: Math.round(profile.latency * (0.8 + random() * 0.6)),
          jitter_ms: Math.round(profile.latency * 0.1 * (0.5 + random()) * 10) / 10,
          loss: Math.round(random() * 0.02 * 1000) / 1000,
          lat,
          lon,
          accuracy_m: accuracy,
          h3_cell: cellOf(lat, lon, settings.h3Resolution),
          district_code: district.code,
          device_hash: null,
          client_hash: null,
          source: 'demo',
          download_test_id: null,
          upload_test_id: null,
          is_valid: validity.isValid,
          invalid_reason: validity.isValid ? null : validity.reasons.join(','),
          created_at: at,
        });
      }
    }
  });
  await repository.inTransaction((tx) => tx.insertMeasurements(rows));
}
