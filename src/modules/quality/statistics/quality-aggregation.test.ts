import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellToParent, latLngToCell } from 'h3-js';
import { createAggregator, type AggregationMeasurement, type StatisticRow } from './quality-aggregation.ts';

const NOW = new Date('2026-12-01T09:00:00Z');
const CELL = latLngToCell(-1.28, 36.82, 8);

function measurement(overrides: Partial<AggregationMeasurement>): AggregationMeasurement {
  return {
    operatorId: 'A',
    technology: '4G',
    measuredAt: '2026-11-30T10:00:00Z',
    deviceHash: null,
    h3Cell: CELL,
    h3Cells: cellToParent(CELL, 6),
    placeSource: 'position',
    lat: -1.28,
    lon: 36.82,
    downloadKbps: null,
    uploadKbps: null,
    latencyMs: null,
    ...overrides,
  };
}

function aggregate(rows: readonly AggregationMeasurement[], options: { countRoundedPositionsInCells?: boolean } = {}) {
  const aggregator = createAggregator({
    countRoundedPositionsInCells: options.countRoundedPositionsInCells ?? false,
    now: NOW,
    periodsDays: [30, 90],
    resolutions: [6, 8],
    minTests: 3,
    minDevices: 2,
    thresholds: { download: { operator: '>', values: [10_000] }, upload: { operator: '>', values: [] }, latency: { operator: '<=', values: [50] } },
    locateRegion: (lat) => (lat > 0 ? 'N' : 'S'),
  });
  for (const row of rows) aggregator.add(row);
  return aggregator.finish();
}

const DATA: AggregationMeasurement[] = [
  // Device d1 tests three times on one day: it counts once, at 20,000.
  measurement({ deviceHash: 'd1', downloadKbps: 10_000 }),
  measurement({ deviceHash: 'd1', downloadKbps: 20_000, measuredAt: '2026-11-30T11:00:00Z' }),
  measurement({ deviceHash: 'd1', downloadKbps: 90_000, measuredAt: '2026-11-30T12:00:00Z' }),
  measurement({ deviceHash: 'd2', downloadKbps: 30_000, measuredAt: '2026-11-29T10:00:00Z' }),
  // No device id: a device of its own.
  measurement({ downloadKbps: 40_000, measuredAt: '2026-11-28T10:00:00Z' }),
  // 61 days old: in the 90-day period only.
  measurement({ deviceHash: 'd1', downloadKbps: 50_000, measuredAt: '2026-10-01T10:00:00Z' }),
  // 3G tests: d1's joins its 4G tests of the same day when technologies are taken together.
  measurement({ deviceHash: 'd1', technology: '3G', downloadKbps: 100, measuredAt: '2026-11-30T13:00:00Z' }),
  measurement({ deviceHash: 'd3', technology: '3G', downloadKbps: 5_000 }),
  // No place at all: national only.
  measurement({ deviceHash: 'd4', h3Cell: null, h3Cells: null, placeSource: null, lat: null, lon: null, downloadKbps: 60_000 }),
  // Operator B: enough tests but one device, so never published.
  measurement({ operatorId: 'B', deviceHash: 'd9', downloadKbps: 1_000 }),
  measurement({ operatorId: 'B', deviceHash: 'd9', downloadKbps: 2_000, measuredAt: '2026-11-29T10:00:00Z' }),
  measurement({ operatorId: 'B', deviceHash: 'd9', downloadKbps: 3_000, measuredAt: '2026-11-28T10:00:00Z' }),
  // Outside every period, and in the future: ignored.
  measurement({ deviceHash: 'd5', downloadKbps: 1, measuredAt: '2025-10-01T10:00:00Z' }),
  measurement({ deviceHash: 'd5', downloadKbps: 1, measuredAt: '2026-12-02T10:00:00Z' }),
];

function find(rows: readonly StatisticRow[], where: Partial<StatisticRow>): StatisticRow | undefined {
  return rows.find((row) => Object.entries(where).every(([key, value]) => row[key as keyof StatisticRow] === value));
}

test('a cell figure reduces each device to its median per day and counts tests and devices', () => {
  const result = aggregate(DATA);
  assert.equal(result.measurements, 12);
  const cell = find(result.rows, { level: 'cell', resolution: 8, area: CELL, operatorId: 'A', technology: '4G', metric: 'download', periodDays: 30 });
  assert.ok(cell, 'the cell is published');
  assert.equal(cell.tests, 5);
  assert.equal(cell.devices, 3);
  assert.equal(cell.median, 30_000);
  assert.equal(cell.p10, 22_000);
  assert.equal(cell.ciLow, null, 'three device-days are too few for a 95% interval');
  assert.deepEqual(cell.shareAbove, [{ threshold: 10_000, operator: '>', share: 1 }]);
});

test('a longer period takes older tests, and a device counts once however many days it tested', () => {
  const cell = find(aggregate(DATA).rows, { level: 'cell', resolution: 8, area: CELL, operatorId: 'A', technology: '4G', metric: 'download', periodDays: 90 });
  assert.ok(cell);
  assert.equal(cell.tests, 6);
  assert.equal(cell.devices, 3);
  assert.equal(cell.median, 35_000);
});

test("'all' technologies merge a device's tests of one day across technologies", () => {
  const rows = aggregate(DATA).rows;
  const all = find(rows, { level: 'cell', resolution: 8, area: CELL, operatorId: 'A', technology: 'all', metric: 'download', periodDays: 30 });
  assert.ok(all);
  assert.equal(all.tests, 7);
  assert.equal(all.devices, 4);
  assert.equal(all.median, 22_500);
  assert.equal(find(rows, { technology: '3G' }), undefined, 'two 3G tests are below the minimum');
});

test('coarser cells, regions and the national figure use the same groups', () => {
  const rows = aggregate(DATA).rows;
  const parent = find(rows, {
    level: 'cell',
    resolution: 6,
    area: cellToParent(CELL, 6),
    operatorId: 'A',
    technology: '4G',
    metric: 'download',
    periodDays: 30,
  });
  assert.equal(parent?.median, 30_000);
  const region = find(rows, { level: 'region', area: 'S', operatorId: 'A', technology: '4G', metric: 'download', periodDays: 30 });
  assert.equal(region?.tests, 5);
  const national = find(rows, { level: 'national', area: 'national', operatorId: 'A', technology: '4G', metric: 'download', periodDays: 30 });
  assert.equal(national?.tests, 6, 'the test with no place counts nationally');
  assert.equal(national?.median, 35_000);
});

test('groups below the minimum tests or devices are counted but never returned', () => {
  const result = aggregate(DATA);
  assert.equal(
    result.rows.some((row) => row.operatorId === 'B'),
    false,
  );
  assert.ok(result.groups > result.rows.length);
  assert.equal(
    result.rows.some((row) => row.metric === 'latency'),
    false,
    'no test measured latency',
  );
});

test('no measurement gives no group and the windows of each period', () => {
  const result = aggregate([]);
  assert.deepEqual(result.rows, []);
  assert.equal(result.groups, 0);
  assert.deepEqual(result.periods['30'], { from: '2026-11-01T09:00:00.000Z', to: '2026-12-01T09:00:00.000Z' });
});

/*
 * H3 (h3geo.org/docs/api/indexing, latLngToCell: "Indexes the location at the specified
 * resolution"; docs/highlights/indexing: a parent only approximately contains its children, and
 * "approximate containment only applies when truncating the precision of an H3 index"): each
 * resolution's cell is the one latLngToCell gives for the position as measured, not the parent of
 * a finer cell, nor the cell of a rounded position. At resolution 8 (edge about 0.46 km) a
 * position rounded to 0.01 degree (about 1.1 km) lands in another cell about half the time.
 */
const BORDER = { lat: -1.2941, lon: 36.8 } as const;

test('each published resolution takes the cell of the position as measured, not the parent of the finer cell (H3 latLngToCell)', () => {
  const fine = latLngToCell(BORDER.lat, BORDER.lon, 8);
  const coarse = latLngToCell(BORDER.lat, BORDER.lon, 6);
  assert.notEqual(cellToParent(fine, 6), coarse, 'a position where truncating the finer cell gives another cell');
  const rows = Array.from({ length: 4 }, (_, k) => measurement({ deviceHash: `d${k}`, h3Cell: fine, h3Cells: coarse, downloadKbps: 10_000 + k }));
  const result = aggregate(rows);
  assert.ok(
    find(result.rows, { level: 'cell', resolution: 6, area: coarse, technology: '4G', periodDays: 30 }),
    'published in the cell that holds the position',
  );
  assert.equal(find(result.rows, { level: 'cell', resolution: 6, area: cellToParent(fine, 6) }), undefined, 'not in the parent of the finer cell');
  assert.ok(find(result.rows, { level: 'cell', resolution: 8, area: fine, technology: '4G', periodDays: 30 }));
});

test('a resolution published after a measurement was stored falls back to the parent of its stored cell', () => {
  const fine = latLngToCell(BORDER.lat, BORDER.lon, 8);
  const rows = Array.from({ length: 4 }, (_, k) => measurement({ deviceHash: `d${k}`, h3Cell: fine, h3Cells: '', downloadKbps: 10_000 + k }));
  assert.ok(find(aggregate(rows).rows, { level: 'cell', resolution: 6, area: cellToParent(fine, 6), technology: '4G', periodDays: 30 }));
});

test('a district stands for no cell: it counts in the region of its centroid and nationally', () => {
  const rows = Array.from({ length: 4 }, (_, k) =>
    measurement({ deviceHash: `d${k}`, h3Cell: null, h3Cells: null, placeSource: 'district', lat: 0.5143, lon: 35.2698, downloadKbps: 10_000 + k }),
  );
  const result = aggregate(rows);
  assert.equal(
    result.rows.some((row) => row.level === 'cell'),
    false,
  );
  assert.equal(find(result.rows, { level: 'region', area: 'N', technology: '4G', periodDays: 30 })?.tests, 4);
  assert.equal(find(result.rows, { level: 'national', technology: '4G', periodDays: 30 })?.tests, 4);
});

test('cells placed from positions rounded before storing count in no cell unless the profile says so, and still in regions', () => {
  const rounded = latLngToCell(-1.29, 36.82, 8);
  const rows = Array.from({ length: 4 }, (_, k) =>
    measurement({ deviceHash: `d${k}`, h3Cell: rounded, h3Cells: null, placeSource: 'rounded', lat: -1.29, lon: 36.82, downloadKbps: 10_000 + k }),
  );
  const left = aggregate(rows);
  assert.equal(
    left.rows.some((row) => row.level === 'cell'),
    false,
  );
  assert.equal(find(left.rows, { level: 'region', area: 'S', technology: '4G', periodDays: 30 })?.tests, 4);
  const counted = aggregate(rows, { countRoundedPositionsInCells: true });
  assert.ok(find(counted.rows, { level: 'cell', resolution: 8, area: rounded, technology: '4G', periodDays: 30 }));
  assert.ok(find(counted.rows, { level: 'cell', resolution: 6, area: cellToParent(rounded, 6), technology: '4G', periodDays: 30 }));
});

// docs/quality/methodology.md, "Minimum sample": a group is published when tests >= minTests and
// devices >= minDevices, "at least" both, as the methodology page says.
test('a group with exactly the minimum tests and devices is published, one with a test or a device fewer is not', () => {
  const at = (k: number, device: string) => measurement({ deviceHash: device, downloadKbps: 10_000 + k, measuredAt: `2026-11-2${k}T10:00:00Z` });
  const exactly = aggregate([at(1, 'd1'), at(2, 'd2'), at(3, 'd1')]);
  assert.ok(
    find(exactly.rows, { level: 'national', technology: '4G', metric: 'download', periodDays: 30 }),
    '3 tests from 2 devices: at least 3 and at least 2',
  );
  const fewerTests = aggregate([at(1, 'd1'), at(2, 'd2')]);
  assert.equal(find(fewerTests.rows, { level: 'national', technology: '4G', metric: 'download', periodDays: 30 }), undefined);
  const fewerDevices = aggregate([at(1, 'd1'), at(2, 'd1'), at(3, 'd1')]);
  assert.equal(find(fewerDevices.rows, { level: 'national', technology: '4G', metric: 'download', periodDays: 30 }), undefined);
});
