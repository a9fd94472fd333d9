import { readFileSync } from 'node:fs';
import type { Platform } from '../../../platform/platform.ts';
import { seededRandom } from '../../../platform/seeded-random.ts';
import { createOperatorDirectory } from '../../../platform/operators/index.ts';
import { createMeasurementRepository } from '../measurements/measurement.repository.ts';
import { hashIdentifier } from '../measurements/measurement.service.ts';
import { checkValidity } from '../measurements/measurement-validity.ts';
import { placeOfPosition } from '../measurements/measurement-place.ts';
import { createQualityStatisticsServiceFor } from './quality-statistics.wiring.ts';
import type { QualitySettings, Technology } from '../quality.settings.ts';
import type { NewQualityMeasurementRow } from '../quality.tables.ts';

/** The demo's region boundaries: Kenya's eight former provinces, simplified. */
export const DEMO_REGIONS_FILE = new URL('../demo/regions.geojson', import.meta.url);

/** The source of the crowdsourced demo measurements (as an import from a measurement campaign would be). */
const SOURCE = 'demo-crowd';

const DAY_MS = 86_400_000;

/** Fictional typical figures by technology: kbit/s down and up, latency in ms. */
const PROFILES: Readonly<Record<Exclude<Technology, 'unknown'>, { down: number; up: number; latency: number }>> = {
  '2G': { down: 150, up: 70, latency: 450 },
  '3G': { down: 3_800, up: 1_000, latency: 90 },
  '4G': { down: 11_000, up: 3_600, latency: 45 },
  '5G': { down: 42_000, up: 8_500, latency: 22 },
  fixed: { down: 21_000, up: 10_500, latency: 14 },
};

/** Towns with the places tests cluster in (the centre of each busy place) and a weight for how many people test there. */
const TOWNS: readonly { name: string; weight: number; isCity: boolean; spots: readonly [number, number][] }[] = [
  {
    name: 'Nairobi',
    weight: 30,
    isCity: true,
    spots: [
      [-1.28, 36.82],
      [-1.27, 36.81],
      [-1.27, 36.85],
      [-1.31, 36.78],
      [-1.32, 36.71],
      [-1.32, 36.89],
      [-1.22, 36.9],
      [-1.35, 36.75],
    ],
  },
  {
    name: 'Mombasa',
    weight: 12,
    isCity: true,
    spots: [
      [-4.05, 39.67],
      [-4.02, 39.71],
      [-4.06, 39.63],
      [-3.98, 39.73],
    ],
  },
  {
    name: 'Kisumu',
    weight: 8,
    isCity: true,
    spots: [
      [-0.09, 34.77],
      [-0.1, 34.75],
      [-0.07, 34.79],
    ],
  },
  {
    name: 'Nakuru',
    weight: 7,
    isCity: true,
    spots: [
      [-0.3, 36.08],
      [-0.28, 36.07],
      [-0.33, 36.1],
    ],
  },
  {
    name: 'Eldoret',
    weight: 6,
    isCity: true,
    spots: [
      [0.51, 35.27],
      [0.52, 35.29],
    ],
  },
  {
    name: 'Thika',
    weight: 4,
    isCity: false,
    spots: [
      [-1.03, 37.07],
      [-1.05, 37.09],
    ],
  },
  { name: 'Nyeri', weight: 3, isCity: false, spots: [[-0.42, 36.95]] },
  { name: 'Machakos', weight: 3, isCity: false, spots: [[-1.52, 37.26]] },
  { name: 'Meru', weight: 3, isCity: false, spots: [[0.05, 37.65]] },
  { name: 'Kakamega', weight: 3, isCity: false, spots: [[0.28, 34.75]] },
  { name: 'Kisii', weight: 3, isCity: false, spots: [[-0.68, 34.77]] },
  { name: 'Garissa', weight: 2, isCity: false, spots: [[-0.45, 39.65]] },
  { name: 'Malindi', weight: 2, isCity: false, spots: [[-3.22, 40.11]] },
  { name: 'Kitale', weight: 2, isCity: false, spots: [[1.02, 35.0]] },
  { name: 'Naivasha', weight: 2, isCity: false, spots: [[-0.72, 36.43]] },
  { name: 'Bungoma', weight: 2, isCity: false, spots: [[0.56, 34.56]] },
  { name: 'Embu', weight: 2, isCity: false, spots: [[-0.53, 37.45]] },
  { name: 'Kericho', weight: 2, isCity: false, spots: [[-0.37, 35.28]] },
  { name: 'Kilifi', weight: 1, isCity: false, spots: [[-3.61, 39.84]] },
  { name: 'Voi', weight: 1, isCity: false, spots: [[-3.4, 38.56]] },
  { name: 'Lodwar', weight: 1, isCity: false, spots: [[3.12, 35.6]] },
  { name: 'Wajir', weight: 1, isCity: false, spots: [[1.75, 40.06]] },
  { name: 'Marsabit', weight: 1, isCity: false, spots: [[2.33, 37.99]] },
  { name: 'Mandera', weight: 1, isCity: false, spots: [[3.93, 41.85]] },
  { name: 'Narok', weight: 1, isCity: false, spots: [[-1.08, 35.87]] },
  { name: 'Kitui', weight: 1, isCity: false, spots: [[-1.37, 38.01]] },
  { name: 'Busia', weight: 1, isCity: false, spots: [[0.46, 34.12]] },
];

/** How each fictional operator fares: a speed factor and where it sells (Pwani Mobile is strongest on the coast). */
function operatorProfile(index: number): { speed: number; share: (town: string) => number } {
  const coast = new Set(['Mombasa', 'Malindi', 'Kilifi', 'Voi']);
  switch (index % 4) {
    case 0:
      return { speed: 1.1, share: () => 1 };
    case 1:
      return { speed: 1.05, share: () => 0.8 };
    case 2:
      return { speed: 0.75, share: (town) => (town === 'Nairobi' ? 0.8 : 0.5) };
    default:
      return { speed: 0.9, share: (town) => (coast.has(town) ? 1 : 0.15) };
  }
}

/** What a demo measurement states; the rest is derived as an import would derive it. */
export interface DemoMeasurement {
  measuredAt: string;
  operatorId: string;
  technology: Exclude<Technology, 'unknown'>;
  downloadKbps: number;
  uploadKbps: number;
  latencyMs: number;
  jitterMs: number;
  loss: number;
  /** The position as a phone would give it; only its cells are stored. */
  lat: number;
  lon: number;
  accuracyM: number;
  deviceHash: string | null;
  source: string;
}

/** One demo measurement as a stored row: its cells and its validity flags computed from the profile, as an import computes them. */
export function demoMeasurementRow(platform: Platform, settings: QualitySettings, m: DemoMeasurement): NewQualityMeasurementRow {
  const validity = checkValidity({ technology: m.technology, downloadKbps: m.downloadKbps, uploadKbps: m.uploadKbps, accuracyM: m.accuracyM }, settings);
  const place = placeOfPosition(m.lat, m.lon, { stored: settings.h3Resolution, published: settings.statistics.resolutions });
  return {
    id: platform.ids(),
    measured_at: m.measuredAt,
    operator_id: m.operatorId,
    technology: m.technology,
    download_kbps: m.downloadKbps,
    upload_kbps: m.uploadKbps,
    latency_ms: m.latencyMs,
    jitter_ms: m.jitterMs,
    loss: m.loss,
    lat: place.lat,
    lon: place.lon,
    accuracy_m: m.accuracyM,
    h3_cell: place.h3Cell,
    h3_cells: place.h3Cells,
    place_source: place.placeSource,
    district_code: null,
    device_hash: m.deviceHash,
    client_hash: null,
    source: m.source,
    download_test_id: null,
    upload_test_id: null,
    is_valid: validity.isValid,
    invalid_reason: validity.isValid ? null : validity.reasons.join(','),
    created_at: m.measuredAt,
  };
}

/**
 * Loads the demo regions (when no set is loaded), inserts a year of fictional crowdsourced
 * measurements once (several devices testing repeatedly in the towns' busy places, fewer in small
 * towns, so that the map shows both published and suppressed cells), and aggregates once.
 */
export async function seedQualityStatisticsDemo(platform: Platform): Promise<void> {
  const statistics = createQualityStatisticsServiceFor(platform);
  if (!(await statistics.hasRegions())) {
    await statistics.importRegions({ text: readFileSync(DEMO_REGIONS_FILE, 'utf8'), source: 'demo', actor: { type: 'system', id: null } });
  }
  const repository = createMeasurementRepository(platform.db.kysely);
  if ((await repository.countMeasurements(SOURCE)) > 0) return;
  const settings = platform.settings.quality;
  const operators = await createOperatorDirectory(platform.db.kysely).list();
  if (operators.length === 0) return;
  const random = seededRandom(6_202_611);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const now = platform.clock.now().getTime();
  const rows: NewQualityMeasurementRow[] = [];
  operators.forEach((operator, index) => {
    const profile = operatorProfile(index);
    for (const town of TOWNS) {
      const share = profile.share(town.name);
      const devices = Math.max(3, Math.round(town.weight * 3 * share));
      const deviceSpeed = Array.from({ length: devices }, () => Math.exp(0.3 * normal()));
      const tests = Math.round(town.weight * 24 * share);
      for (let i = 0; i < tests; i += 1) {
        // Recent weeks hold more tests than the year before.
        const ageDays = random() < 0.4 ? random() * 30 : random() < 0.6 ? 30 + random() * 60 : 90 + random() * 270;
        const at = new Date(now - Math.floor(ageDays * DAY_MS)).toISOString();
        const r = random();
        const technology: Exclude<Technology, 'unknown'> = town.isCity
          ? r < 0.55
            ? '4G'
            : r < 0.75
              ? '5G'
              : r < 0.9
                ? 'fixed'
                : '3G'
          : r < 0.6
            ? '4G'
            : r < 0.9
              ? '3G'
              : '2G';
        const base = PROFILES[technology];
        const device = Math.floor(random() * devices);
        // About one test in seven comes from the web speed test, which sends no device id.
        const hasDevice = random() > 0.15;
        const factor = profile.speed * (town.isCity ? 1 : 0.8) * (deviceSpeed[device] ?? 1) * Math.exp(0.45 * normal());
        const spot = town.spots[Math.floor(random() * town.spots.length)] ?? town.spots[0] ?? [0, 0];
        // Most tests are made within a few hundred metres of the busy place, a few a kilometre or two away.
        const spread = random() < 0.85 ? 0.0015 : 0.01;
        const lat = spot[0] + spread * normal();
        const lon = spot[1] + spread * normal();
        const downloadKbps = Math.round(base.down * factor);
        const uploadKbps = Math.round(base.up * factor);
        const accuracyM = random() < 0.02 ? 3_500 : Math.round(15 + random() * 400);
        rows.push(
          demoMeasurementRow(platform, settings, {
            measuredAt: at,
            operatorId: operator.id,
            technology,
            downloadKbps,
            uploadKbps,
            latencyMs: Math.round((base.latency * Math.exp(0.3 * normal())) / Math.sqrt(profile.speed)),
            jitterMs: Math.round(base.latency * 0.1 * (0.5 + random()) * 10) / 10,
            loss: Math.round(random() * 0.02 * 1000) / 1000,
            lat,
            lon,
            accuracyM,
            deviceHash: hasDevice ? hashIdentifier(platform.keyring, 'device', `demo-${operator.id}-${town.name}-${device}`) : null,
            source: SOURCE,
          }),
        );
      }
    }
  });
  await repository.inTransaction((tx) => tx.insertMeasurements(rows));
  await statistics.aggregate();
}
