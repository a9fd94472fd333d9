import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRegionLocator, parseRegionFile } from './quality-regions.ts';

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ],
];
const feature = (code: unknown, name: unknown, geometry: unknown) => ({ type: 'Feature', properties: { code, name }, geometry });
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

test('reads Polygon and MultiPolygon regions with their code and name', () => {
  const parsed = parseRegionFile(
    collection(
      feature('A', 'Alpha', { type: 'Polygon', coordinates: square(0, 0, 1, 1) }),
      feature('B', 'Beta', { type: 'MultiPolygon', coordinates: [square(2, 0, 3, 1), square(4, 0, 5, 1)] }),
    ),
  );
  assert.ok(parsed.ok);
  assert.deepEqual(
    parsed.regions.map((r) => [r.code, r.name, r.geometry.type]),
    [
      ['A', 'Alpha', 'Polygon'],
      ['B', 'Beta', 'MultiPolygon'],
    ],
  );
});

test('names the feature index and field of every problem', () => {
  const parsed = parseRegionFile(
    collection(
      feature('A', 'Alpha', { type: 'Polygon', coordinates: square(0, 0, 1, 1) }),
      feature('A', 'Again', { type: 'Polygon', coordinates: square(0, 0, 1, 1) }),
      feature('bad code!', '', { type: 'Point', coordinates: [0, 0] }),
      feature('D', 'Delta', {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 2],
          ],
        ],
      }),
      feature('E', 'Echo', {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [200, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
    ),
  );
  assert.equal(parsed.ok, false);
  if (parsed.ok) return;
  assert.deepEqual(
    parsed.problems.map((p) => p.field),
    [
      'features/1/properties/code',
      'features/2/properties/code',
      'features/2/properties/name',
      'features/2/geometry/type',
      'features/3/geometry/coordinates/0',
      'features/4/geometry/coordinates/0/1',
    ],
  );
  assert.match(parsed.problems[0]?.message ?? '', /used by feature 0/);
});

test('refuses what is not a FeatureCollection', () => {
  const notJson = parseRegionFile('{');
  assert.ok(!notJson.ok && notJson.problems[0]?.field === 'file');
  const notCollection = parseRegionFile(JSON.stringify({ type: 'Feature' }));
  assert.ok(!notCollection.ok && notCollection.problems[0]?.field === 'type');
  const empty = parseRegionFile(collection());
  assert.ok(!empty.ok && empty.problems[0]?.field === 'features');
});

test('locates points by the even-odd rule, holes included', () => {
  const withHole = [...square(0, 0, 10, 10), ...square(4, 4, 6, 6)];
  const parsed = parseRegionFile(
    collection(
      feature('H', 'Holed', { type: 'Polygon', coordinates: withHole }),
      feature('M', 'Multi', { type: 'MultiPolygon', coordinates: [square(20, 0, 21, 1), square(30, 0, 31, 1)] }),
    ),
  );
  assert.ok(parsed.ok);
  const locate = createRegionLocator(parsed.regions);
  assert.equal(locate(1, 1), 'H');
  assert.equal(locate(5, 5), null, 'inside the hole');
  assert.equal(locate(0.5, 30.5), 'M');
  assert.equal(locate(0.5, 25), null);
});

test("the demo regions are Kenya's eight former provinces and hold their towns", () => {
  const parsed = parseRegionFile(readFileSync(new URL('../demo/regions.geojson', import.meta.url), 'utf8'));
  assert.ok(parsed.ok, 'the demo file is valid');
  assert.deepEqual(parsed.regions.map((r) => r.code).sort(), ['CEN', 'COA', 'EAS', 'NAI', 'NEA', 'NYA', 'RVA', 'WES']);
  const locate = createRegionLocator(parsed.regions);
  const towns: [string, number, number, string][] = [
    ['Nairobi', -1.286, 36.817, 'NAI'],
    ['Mombasa', -4.04, 39.66, 'COA'],
    ['Kisumu', -0.09, 34.77, 'NYA'],
    ['Nakuru', -0.3, 36.07, 'RVA'],
    ['Nyeri', -0.42, 36.95, 'CEN'],
    ['Meru', 0.05, 37.65, 'EAS'],
    ['Garissa', -0.45, 39.65, 'NEA'],
    ['Kakamega', 0.28, 34.75, 'WES'],
  ];
  for (const [town, lat, lon, code] of towns) assert.equal(locate(lat, lon), code, town);
});
