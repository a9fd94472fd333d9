import { cellToLatLng, isValidCell } from 'h3-js';
import { cellAtResolution, type PlaceSource } from '../measurements/measurement-place.ts';
import { QUALITY_METRICS, quantileSorted, summariseValues, type QualityMetric, type ThresholdSet, type ValueSummary } from './quality-statistics.ts';

/** Figures of one group, computed over the device-day medians after one device's tests were reduced to its median per day. */
export interface MetricSummary extends ValueSummary {
  /**
   * Raw tests, and distinct devices over the whole period (a test without a device id counts as
   * its own device).
   */
  tests: number;
  devices: number;
}

/** One published statistic of an area. */
export interface AreaStatistic extends MetricSummary {
  /** H3 index, region code, or 'national'. */
  area: string;
  operatorId: string;
  /** One of TECHNOLOGIES, or 'all'. */
  technology: string;
  metric: QualityMetric;
}

/** One valid measurement as the aggregation reads it. */
export interface AggregationMeasurement {
  operatorId: string;
  technology: string;
  /** ISO 8601 instant. */
  measuredAt: string;
  deviceHash: string | null;
  /** The cell at the stored resolution, and the coarser published ones (see measurement-place.ts). */
  h3Cell: string | null;
  h3Cells: string | null;
  placeSource: PlaceSource | null;
  /** The stored point: the centre of `h3Cell`, or a district's centroid. */
  lat: number | null;
  lon: number | null;
  downloadKbps: number | null;
  uploadKbps: number | null;
  latencyMs: number | null;
}

/** What the aggregation needs to know, all from the profile but the clock and the regions. */
export interface AggregationOptions {
  /** The end of every period. */
  now: Date;
  periodsDays: readonly number[];
  /** Published cell resolutions; none finer than the stored one. */
  resolutions: readonly number[];
  /**
   * Whether rows stored before cells came from positions (`rounded`) count in cells, from the
   * cell of their rounded position; they always count in regions and nationally.
   */
  countRoundedPositionsInCells: boolean;
  minTests: number;
  minDevices: number;
  /** Each metric's thresholds and how a device-day is compared with them. */
  thresholds: Readonly<Record<QualityMetric, ThresholdSet>>;
  /** The region holding a point, or null. */
  locateRegion: (lat: number, lon: number) => string | null;
}

/** One published group: an area's statistic with the period and level it belongs to. */
export interface StatisticRow extends AreaStatistic {
  periodDays: number;
  level: 'cell' | 'region' | 'national';
  /** H3 resolution of a cell; -1 otherwise. */
  resolution: number;
}

/** What one aggregation found. */
export interface AggregationResult {
  measurements: number;
  /** Groups with at least one test (period × area × operator × technology × metric). */
  groups: number;
  /** Of them, those meeting the minimums: only these are returned. */
  rows: StatisticRow[];
  /** The window of each period. */
  periods: Record<string, { from: string; to: string }>;
}

const DAY_MS = 86_400_000;

/** A growable column of numbers. */
class Column<T extends Float64Array | Int32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (size: number) => T,
  ) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}

const floats = () => new Column(new Float64Array(1 << 14), (n) => new Float64Array(n));
const ints = () => new Column(new Int32Array(1 << 14), (n) => new Int32Array(n));

/** Interns strings as dense integers. */
class Interner {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  idOf(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

/**
 * Reorders `order` stably by `keyOf[order[i]]` (dense keys from 0 to `keys` − 1; a key of −1
 * drops the row). Returns the new order and where each key's block starts (`starts[keys]` ends).
 */
function countingSort(order: Int32Array, keyOf: Int32Array, keys: number): { order: Int32Array; starts: Int32Array } {
  const counts = new Int32Array(keys + 1);
  let kept = 0;
  for (const index of order) {
    const key = keyOf[index] ?? -1;
    if (key < 0) continue;
    counts[key + 1] = (counts[key + 1] ?? 0) + 1;
    kept += 1;
  }
  for (let k = 1; k <= keys; k += 1) counts[k] = (counts[k] ?? 0) + (counts[k - 1] ?? 0);
  const starts = counts.slice();
  const out = new Int32Array(kept);
  for (const index of order) {
    const key = keyOf[index] ?? -1;
    if (key < 0) continue;
    const at = counts[key] ?? 0;
    out[at] = index;
    counts[key] = at + 1;
  }
  return { order: out, starts };
}

/**
 * The aggregation of valid measurements into published statistics, in memory as typed columns
 * (about 60 bytes a measurement): {@link add} each measurement as it is read, then {@link finish}.
 *
 * Each row is sorted once by (device, day); then, for each level (each cell resolution, region,
 * national) and for technology on its own and 'all', a stable counting sort by group keeps each
 * group's rows contiguous and in (device, day) order, so one pass per period and metric reduces
 * a device's tests to its median per day and counts tests and distinct devices.
 */
export function createAggregator(options: AggregationOptions) {
  const operators = new Interner();
  const technologies = new Interner();
  const devices = new Interner();
  // One column of cell ids per published resolution, and the place that decides each row's region.
  const parents = options.resolutions.map(() => new Interner());
  const cellColumns = options.resolutions.map(() => ints());
  // The cell ids of each distinct stored place, found once per place rather than once per row.
  const cellIdsOfPlace = new Map<string, Int32Array>();
  const regionKeys = new Interner();
  const regionPoints: ([number, number] | null)[] = [];
  const op = ints();
  const tech = ints();
  const device = ints();
  const regionKey = ints();
  const day = ints();
  const time = floats();
  const values: Record<QualityMetric, Column<Float64Array>> = { download: floats(), upload: floats(), latency: floats() };
  const oldestMs = options.now.getTime() - Math.max(...options.periodsDays) * DAY_MS;

  return {
    /** Adds one valid measurement; one older than the longest period, or without a time, is ignored. */
    add(m: AggregationMeasurement): void {
      const ms = Date.parse(m.measuredAt);
      if (!(ms >= oldestMs) || ms > options.now.getTime()) return;
      op.push(operators.idOf(m.operatorId));
      tech.push(technologies.idOf(m.technology));
      device.push(m.deviceHash === null ? -1 : devices.idOf(m.deviceHash));
      const isCellPlaced = m.placeSource === 'position' || (m.placeSource === 'rounded' && options.countRoundedPositionsInCells);
      const place = isCellPlaced && m.h3Cell !== null ? `${m.h3Cell} ${m.h3Cells ?? ''}` : null;
      let cellIds = place === null ? undefined : cellIdsOfPlace.get(place);
      if (place !== null && cellIds === undefined) {
        cellIds = Int32Array.from(options.resolutions, (r, k) => {
          const h3 = cellAtResolution(m.h3Cell, m.h3Cells, r);
          return h3 === null ? -1 : (parents[k]?.idOf(h3) ?? -1);
        });
        cellIdsOfPlace.set(place, cellIds);
      }
      for (let k = 0; k < options.resolutions.length; k += 1) cellColumns[k]?.push(cellIds?.[k] ?? -1);
      // A region holds the centre of the stored cell, or the point of a place without one (a district's centroid).
      const key = m.placeSource !== 'district' && m.h3Cell !== null ? m.h3Cell : m.lat !== null && m.lon !== null ? `${m.lat},${m.lon}` : null;
      if (key === null) regionKey.push(-1);
      else {
        const id = regionKeys.idOf(key);
        if (id === regionPoints.length) regionPoints.push(key === m.h3Cell ? null : [m.lat ?? 0, m.lon ?? 0]);
        regionKey.push(id);
      }
      day.push(Math.floor(ms / DAY_MS));
      time.push(ms);
      values.download.push(m.downloadKbps ?? Number.NaN);
      values.upload.push(m.uploadKbps ?? Number.NaN);
      values.latency.push(m.latencyMs ?? Number.NaN);
    },

    /** Computes every group and returns the published ones. */
    finish(): AggregationResult {
      const n = op.length;
      const now = options.now.getTime();
      const periods = [...options.periodsDays].sort((a, b) => a - b);
      const periodWindows = Object.fromEntries(
        periods.map((p) => [String(p), { from: new Date(now - p * DAY_MS).toISOString(), to: options.now.toISOString() }]),
      );
      if (n === 0) return { measurements: 0, groups: 0, rows: [], periods: periodWindows };

      // A test without a device id is a device of its own.
      const deviceOf = device.data.subarray(0, n).slice();
      let nextDevice = devices.values.length;
      for (let i = 0; i < n; i += 1) if (deviceOf[i] === -1) deviceOf[i] = nextDevice++;
      const dayOf = day.data.subarray(0, n);
      let firstDay = Infinity;
      for (const d of dayOf) firstDay = Math.min(firstDay, d);
      const dayKey = new Int32Array(n);
      let lastDay = 0;
      for (let i = 0; i < n; i += 1) {
        dayKey[i] = (dayOf[i] ?? 0) - firstDay;
        lastDay = Math.max(lastDay, dayKey[i] ?? 0);
      }
      const identity = new Int32Array(n);
      for (let i = 0; i < n; i += 1) identity[i] = i;
      const byDay = countingSort(identity, dayKey, lastDay + 1).order;
      const byDeviceDay = countingSort(byDay, deviceOf, nextDevice).order;

      // The region of each distinct place, computed once per place rather than once per row.
      const regions = new Interner();
      const regionOfKey = new Int32Array(regionKeys.values.length);
      regionKeys.values.forEach((key, id) => {
        const point = regionPoints[id] ?? (isValidCell(key) ? cellToLatLng(key) : null);
        const code = point === null ? null : options.locateRegion(point[0], point[1]);
        regionOfKey[id] = code === null ? -1 : regions.idOf(code);
      });
      const regionKeyOf = regionKey.data.subarray(0, n);

      const levels: { level: StatisticRow['level']; resolution: number; areaOf: (row: number) => number; names: readonly string[] }[] = [
        ...options.resolutions.map((r, k) => {
          const column = cellColumns[k]?.data.subarray(0, n) ?? new Int32Array(n).fill(-1);
          return { level: 'cell' as const, resolution: r, areaOf: (row: number) => column[row] ?? -1, names: parents[k]?.values ?? [] };
        }),
        {
          level: 'region',
          resolution: -1,
          areaOf: (row: number) => {
            const key = regionKeyOf[row] ?? -1;
            return key < 0 ? -1 : (regionOfKey[key] ?? -1);
          },
          names: regions.values,
        },
        { level: 'national', resolution: -1, areaOf: () => 0, names: ['national'] },
      ];

      const opOf = op.data.subarray(0, n);
      const techOf = tech.data.subarray(0, n);
      const timeOf = time.data.subarray(0, n);
      const nOps = operators.values.length;
      const nTechs = technologies.values.length;
      const rows: StatisticRow[] = [];
      let groups = 0;
      const scratch = new Float64Array(n);
      let run = new Float64Array(64);
      const groupKey = new Int32Array(n);

      const metricColumns = QUALITY_METRICS.map((metric) => values[metric].data);
      const fromOf = periods.map((p) => now - p * DAY_MS);
      // The median of run[0..length), sorted in place.
      const runMedian = (length: number): number => quantileSorted(run.subarray(0, length).sort(), 0.5);

      for (const level of levels) {
        for (const isAllTechnologies of [false, true]) {
          const dense = new Map<number, number>();
          const groupArea = ints();
          const groupOp = ints();
          const groupTech = ints();
          for (let i = 0; i < n; i += 1) {
            const area = level.areaOf(i);
            if (area < 0) {
              groupKey[i] = -1;
              continue;
            }
            const techSlot = isAllTechnologies ? 0 : (techOf[i] ?? 0);
            const sparse = (area * nOps + (opOf[i] ?? 0)) * nTechs + techSlot;
            let g = dense.get(sparse);
            if (g === undefined) {
              g = groupArea.length;
              dense.set(sparse, g);
              groupArea.push(area);
              groupOp.push(opOf[i] ?? 0);
              groupTech.push(techSlot);
            }
            groupKey[i] = g;
          }
          const nGroups = groupArea.length;
          const grouped = countingSort(byDeviceDay, groupKey, nGroups);
          const order = grouped.order;
          for (let g = 0; g < nGroups; g += 1) {
            const start = grouped.starts[g] ?? 0;
            const end = grouped.starts[g + 1] ?? 0;
            // A group with fewer rows than the minimum is only counted: nothing of it can be published.
            const isSmall = end - start < options.minTests;
            for (let p = 0; p < periods.length; p += 1) {
              const fromMs = fromOf[p] ?? 0;
              for (let m = 0; m < QUALITY_METRICS.length; m += 1) {
                const column = metricColumns[m] ?? scratch;
                let tests = 0;
                let deviceCount = 0;
                let count = 0;
                let lastDevice = -1;
                let runDay = -1;
                let runLength = 0;
                for (let at = start; at < end; at += 1) {
                  const row = order[at] ?? 0;
                  if ((timeOf[row] ?? 0) < fromMs) continue;
                  const value = column[row] ?? Number.NaN;
                  if (Number.isNaN(value)) continue;
                  tests += 1;
                  if (isSmall) break;
                  const d = deviceOf[row] ?? 0;
                  const dd = dayOf[row] ?? 0;
                  if (d !== lastDevice || dd !== runDay) {
                    if (runLength > 0) scratch[count++] = runMedian(runLength);
                    runLength = 0;
                    if (d !== lastDevice) deviceCount += 1;
                    lastDevice = d;
                    runDay = dd;
                  }
                  if (runLength === run.length) {
                    const bigger = new Float64Array(run.length * 2);
                    bigger.set(run);
                    run = bigger;
                  }
                  run[runLength++] = value;
                }
                if (runLength > 0) scratch[count++] = runMedian(runLength);
                if (tests === 0) continue;
                groups += 1;
                if (isSmall || tests < options.minTests || deviceCount < options.minDevices) continue;
                const metric = QUALITY_METRICS[m] ?? 'download';
                rows.push({
                  periodDays: periods[p] ?? 0,
                  level: level.level,
                  resolution: level.resolution,
                  area: level.names[groupArea.data[g] ?? 0] ?? '',
                  operatorId: operators.values[groupOp.data[g] ?? 0] ?? '',
                  technology: isAllTechnologies ? 'all' : (technologies.values[groupTech.data[g] ?? 0] ?? ''),
                  metric,
                  tests,
                  devices: deviceCount,
                  ...summariseValues(scratch.subarray(0, count), options.thresholds[metric]),
                });
              }
            }
          }
        }
      }
      return { measurements: n, groups, rows, periods: periodWindows };
    },
  };
}
