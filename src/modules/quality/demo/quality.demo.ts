import type { Platform } from '../../../platform/platform.ts';
import { seededRandom } from '../../../platform/seeded-random.ts';
import { createOperatorDirectory } from '../../../platform/operators/index.ts';
import type { Technology } from '../quality.settings.ts';
import { createMeasurementRepository } from '../measurements/measurement.repository.ts';
import type { NewQualityMeasurementRow } from '../quality.tables.ts';
import { seedKpiDemo } from '../kpis/quality-kpi.demo.ts';
import { demoMeasurementRow, seedQualityStatisticsDemo } from '../statistics/quality-statistics.demo.ts';

/** Typical fictional speeds by technology, in kbit/s: download, upload, latency in ms. */
const DEMO_PROFILES: Readonly<Record<Exclude<Technology, 'unknown' | 'fixed'>, { down: number; up: number; latency: number }>> = {
  '2G': { down: 180, up: 90, latency: 420 },
  '3G': { down: 4_500, up: 1_200, latency: 95 },
  '4G': { down: 22_000, up: 7_500, latency: 42 },
  '5G': { down: 160_000, up: 28_000, latency: 21 },
};

/** Seeds the module's demo: measurements by district, then the published statistics, then the KPIs. */
export async function seedQualityDemo(platform: Platform): Promise<void> {
  await seedDistrictMeasurements(platform);
  // After every demo measurement is stored, so that its one aggregation counts them all.
  await seedQualityStatisticsDemo(platform);
  // After the statistics demo, which loads the regions the KPI rows name.
  await seedKpiDemo(platform);
}

/**
 * Inserts fictional measurements once: for each demo operator, a few weeks of tests at positions
 * around each district of the profile, placed as a located speed test is, with a handful flagged
 * (a 3G test faster than 3G can go) so that the validity flags show.
 */
async function seedDistrictMeasurements(platform: Platform): Promise<void> {
  const repository = createMeasurementRepository(platform.db.kysely);
  if ((await repository.countMeasurements('demo')) > 0) return;
  const settings = platform.settings.quality;
  const operators = await createOperatorDirectory(platform.db.kysely).list();
  if (operators.length === 0 || settings.districts.length === 0) return;
  const random = seededRandom(20_261_130);
  const now = platform.clock.now().getTime();
  const rows: NewQualityMeasurementRow[] = [];
  operators.forEach((operator, index) => {
    // Each fictional operator is a little faster or slower than the next.
    const quality = 0.7 + 0.15 * ((index * 7) % 5);
    for (const district of settings.districts) {
      for (let i = 0; i < 6; i += 1) {
        const technology = (['4G', '4G', '3G', '5G', '4G', '2G'] as const)[i] ?? '4G';
        const profile = DEMO_PROFILES[technology];
        const spread = 0.5 + random();
        const isFlagged = technology === '3G' && random() < 0.1;
        const downloadKbps = Math.round(profile.down * quality * spread * (isFlagged ? 20 : 1));
        const uploadKbps = Math.round(profile.up * quality * spread);
        const lat = district.lat + (random() - 0.5) * 0.1;
        const lon = district.lon + (random() - 0.5) * 0.1;
        const accuracyM = Math.round(20 + random() * 600);
        const measuredAt = new Date(now - Math.floor(random() * 28 * 86_400_000)).toISOString();
        rows.push(
          demoMeasurementRow(platform, settings, {
            measuredAt,
            operatorId: operator.id,
            technology,
            downloadKbps,
            uploadKbps,
            latencyMs: Math.round(profile.latency * (0.8 + random() * 0.6)),
            jitterMs: Math.round(profile.latency * 0.1 * (0.5 + random()) * 10) / 10,
            loss: Math.round(random() * 0.02 * 1000) / 1000,
            lat,
            lon,
            accuracyM,
            deviceHash: null,
            source: 'demo',
          }),
        );
      }
    }
  });
  await repository.inTransaction((tx) => tx.insertMeasurements(rows));
}
