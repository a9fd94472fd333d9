import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { gridDisk, latLngToCell } from 'h3-js';
import {
  QualityMap,
  classOf,
  regionContaining,
  legendBreaks,
  legendEntries,
  pathOf,
  projectionFor,
  simplifyRing,
  type MapFigure,
  type MapRegion,
  type QualityMapProps,
} from './quality-map.tsx';

/** Two square regions side by side, one degree each, on the equator. */
const REGIONS: MapRegion[] = [
  {
    code: 'WST',
    name: 'West',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [36, -1],
          [37, -1],
          [37, 0],
          [36, 0],
          [36, -1],
        ],
      ],
    },
  },
  {
    code: 'EST',
    name: 'East',
    geometry: {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [37, -1],
            [38, -1],
            [38, 0],
            [37, 0],
            [37, -1],
          ],
        ],
        [
          [
            [38.2, -0.2],
            [38.4, -0.2],
            [38.4, 0],
            [38.2, -0.2],
          ],
        ],
      ],
    },
  },
];

const props = (figures: MapFigure[], level: 'cell' | 'region'): QualityMapProps => ({
  regions: REGIONS,
  figures,
  level,
  title: 'Download speed map',
  description: 'Median download speed of 3 areas',
  tableId: 'quality-table',
  legendTitle: 'Median download speed',
  formatRange: (low, high) => `${low ?? 'up'} to ${high ?? 'more'}`,
  noFigure: 'Not published',
});

test('the projection scales longitudes by the cosine of the middle latitude and fits the view box', () => {
  const equator = projectionFor(
    [
      [36, -1],
      [38, 1],
    ],
    408,
  );
  // Two degrees wide, two tall, on the equator: a square of 400 units inside a 4-unit padding.
  assert.equal(equator.width, 408);
  assert.equal(equator.height, 408);
  assert.deepEqual(equator.project([36, 1]), [4, 4], 'north-west corner at the padding');
  assert.deepEqual(equator.project([38, -1]), [400 + 4, 400 + 4], 'south-east corner');
  assert.deepEqual(equator.project([37, 0]), [204, 204]);
  const north = projectionFor(
    [
      [10, 59],
      [12, 61],
    ],
    408,
  );
  // At 60° a degree of longitude is half a degree of latitude: the box is twice as tall as wide.
  assert.equal(north.height, 2 * 400 + 8);
  assert.deepEqual(north.project([10, 61]), [4, 4]);
  assert.deepEqual(north.project([12, 59]), [404, 804]);
});

test('coordinates are rounded to one decimal and points closer than the tolerance are dropped', () => {
  const projection = projectionFor(
    [
      [0, 0],
      [3, 3],
    ],
    608,
  );
  const [x, y] = projection.project([1.0001234, 1.0004321]);
  assert.equal(x, Math.round(x * 10) / 10);
  assert.equal(y, Math.round(y * 10) / 10);
  assert.deepEqual(
    simplifyRing(
      [
        [0, 0],
        [0.1, 0.1],
        [5, 0],
        [5, 5],
        [0, 0],
      ],
      1,
    ),
    [
      [0, 0],
      [5, 0],
      [5, 5],
    ],
  );
  const d = pathOf(
    [
      [
        [0, 0],
        [3, 0],
        [3, 3],
        [0, 0],
      ],
    ],
    projection,
  );
  assert.match(d, /^M\d+(\.\d)? \d+(\.\d)?(L\d+(\.\d)? \d+(\.\d)?){2}Z$/);
});

test('legend breaks fall at quantiles, rounded, without repeats, and classes follow them', () => {
  const values = [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000];
  assert.deepEqual(legendBreaks(values, 5), [3000, 5000, 7000, 9000]);
  assert.deepEqual(legendBreaks([12_345, 12_345, 12_345, 98_765], 5), [99_000]);
  assert.deepEqual(legendBreaks([5], 5), []);
  assert.equal(classOf(500, [3000, 5000]), 0);
  assert.equal(classOf(3000, [3000, 5000]), 1);
  assert.equal(classOf(9999, [3000, 5000]), 2);
  const entries = legendEntries([3000, 5000]);
  assert.deepEqual(
    entries.map((e) => [e.low, e.high]),
    [
      [null, 3000],
      [3000, 5000],
      [5000, null],
    ],
  );
  assert.equal(new Set(entries.map((e) => e.colour)).size, 3);
});

test('draws one polygon per published cell, every region, and the legend ranges as text', () => {
  const centre = latLngToCell(-0.5, 36.5, 7);
  const cells = gridDisk(centre, 1);
  assert.equal(cells.length, 7);
  const figures = cells.map((area, i) => ({ area, median: 1000 * (i + 1) }));
  const html = renderToString(h(QualityMap, props(figures, 'cell')));
  assert.match(html, /<svg[^>]*role="img"[^>]*aria-labelledby="quality-map-title"[^>]*aria-describedby="quality-map-desc quality-table"/);
  assert.match(html, /<title id="quality-map-title">Download speed map<\/title>/);
  assert.match(html, /<desc id="quality-map-desc">Median download speed of 3 areas<\/desc>/);
  assert.equal((html.match(/data-region="/g) ?? []).length, 2, 'both regions are drawn');
  const cellPaths = html.match(/<path d="M[^"]+"/g) ?? [];
  assert.equal(cellPaths.length, 7, 'one path for each cell');
  assert.match(html, /data-region="EST" d="M[^"]*ZM[^"]*Z"/, 'a multipolygon is drawn whole');
  for (const entry of legendEntries(legendBreaks(figures.map((f) => f.median))))
    assert.ok(html.includes(`${entry.low ?? 'up'} to ${entry.high ?? 'more'}`), `the range from ${entry.low} to ${entry.high} is written`);
  assert.doesNotMatch(html, /\d\.\d\d/, 'no coordinate carries more than one decimal');
});

test('a cell with no published figure is not drawn, and the region view leaves empty regions unfilled and says so', () => {
  const empty = renderToString(h(QualityMap, props([], 'cell')));
  assert.equal((empty.match(/<path d=/g) ?? []).length, 0);
  assert.doesNotMatch(empty, /<li>/, 'no legend without figures');
  const regions = renderToString(h(QualityMap, props([{ area: 'WST', median: 4000 }], 'region')));
  assert.match(regions, /data-region="WST" d="[^"]+" fill="#[0-9a-f]{6}"/);
  assert.match(regions, /data-region="EST" d="[^"]+" fill="#f2f2f2"/);
  assert.match(regions, /Not published/);
  assert.match(regions, /4000 to more/, 'a single class runs from its lowest median');
});

test('the demo regions with three hundred cells stay light', () => {
  const geojson = JSON.parse(readFileSync(new URL('../demo/regions.geojson', import.meta.url), 'utf8')) as {
    features: { properties: { code: string; name: string }; geometry: MapRegion['geometry'] }[];
  };
  const regions = geojson.features.map((f) => ({ ...f.properties, geometry: f.geometry }));
  const cells = gridDisk(latLngToCell(-1.29, 36.82, 8), 10).slice(0, 300);
  const html = renderToString(
    h(QualityMap, {
      ...props(
        cells.map((area, i) => ({ area, median: 500 + i * 37 })),
        'cell',
      ),
      regions,
    }),
  );
  assert.equal((html.match(/<path d=/g) ?? []).length, 300);
  assert.equal((html.match(/data-region="/g) ?? []).length, regions.length);
  // At the country's scale a resolution-8 cell is under a unit wide: drawn as a dot, the two lightest ringed in dark.
  assert.match(html, /<g fill="#fde725" stroke="#fde725" stroke-width="2">/);
  assert.equal((html.match(/class="map-halo"/g) ?? []).length, 2);
  assert.ok(Buffer.byteLength(html) < 45_000, `the map weighs ${Buffer.byteLength(html)} bytes`);
});

test('a point is placed in the region whose boundary contains it, holes excepted', () => {
  assert.equal(regionContaining(REGIONS, [36.5, -0.5]), 'WST');
  assert.equal(regionContaining(REGIONS, [37.5, -0.5]), 'EST');
  assert.equal(regionContaining(REGIONS, [38.35, -0.15]), 'EST', 'in the second polygon of a multipolygon');
  assert.equal(regionContaining(REGIONS, [40, 5]), null);
  const holed: MapRegion = {
    code: 'RNG',
    name: 'Ring',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [4, 4],
          [0, 4],
          [0, 0],
        ],
        [
          [1, 1],
          [3, 1],
          [3, 3],
          [1, 3],
          [1, 1],
        ],
      ],
    },
  };
  assert.equal(regionContaining([holed], [0.5, 0.5]), 'RNG');
  assert.equal(regionContaining([holed], [2, 2]), null, 'inside the hole');
});
