import { cellToBoundary } from 'h3-js';

/** A point as GeoJSON writes it: longitude, then latitude, in degrees. */
export type LonLat = readonly [number, number];

/** A region's boundary as GeoJSON gives it. */
export interface MapRegion {
  code: string;
  name: string;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

/** The figure a map colours an area by: its median, for one H3 cell or one region. */
export interface MapFigure {
  area: string;
  median: number;
}

/** An equirectangular projection fitted to a view box. */
export interface Projection {
  width: number;
  height: number;
  project(point: LonLat): [number, number];
}

/**
 * Colour-blind-safe sequential classes, light to dark (viridis, as matplotlib samples it at five
 * steps): readable by people with any common colour-vision deficiency and in greyscale.
 */
export const MAP_COLOURS = ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'] as const;

/** The classes whose colour has less than 3:1 contrast with a white background (about 1.1:1 and 2.1:1): their dots get a dark ring. */
const LIGHT_COLOURS: ReadonlySet<string> = new Set([MAP_COLOURS[0], MAP_COLOURS[1]]);

/** The fill of a region with no published figure, and the colour of every border. */
const EMPTY_FILL = '#f2f2f2';
const BORDER = '#505050';

/** The view box's width; its height follows the country's shape. */
export const MAP_WIDTH = 600;
const PADDING = 4;

/** Rounds to one decimal: a tenth of a view-box unit is below what any screen shows. */
const round = (value: number) => Math.round(value * 10) / 10;

/**
 * An equirectangular projection of the given points, its horizontal axis scaled by the cosine of
 * the middle latitude (so a country near the equator, or far from it, keeps its shape), fitted
 * into a view box `width` wide with a small padding. North is up.
 */
export function projectionFor(points: Iterable<LonLat>, width: number = MAP_WIDTH): Projection {
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (const [lon, lat] of points) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  if (!Number.isFinite(west)) return { width, height: width, project: () => [width / 2, width / 2] };
  const squeeze = Math.cos((((north + south) / 2) * Math.PI) / 180);
  const spanX = Math.max((east - west) * squeeze, 1e-9);
  const spanY = Math.max(north - south, 1e-9);
  const scale = (width - 2 * PADDING) / spanX;
  const height = Math.ceil(spanY * scale + 2 * PADDING);
  return {
    width,
    height,
    project: ([lon, lat]) => [round(PADDING + (lon - west) * squeeze * scale), round(PADDING + (north - lat) * scale)],
  };
}

/** The rings (outer boundary, then holes) of each polygon of a region's geometry. */
export function polygonsOf(geometry: MapRegion['geometry']): LonLat[][][] {
  const isPoint = (p: unknown): p is LonLat => Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number';
  const ringOf = (ring: unknown): LonLat[] => (Array.isArray(ring) ? ring.filter(isPoint).map((p) => [p[0], p[1]] as const) : []);
  const polygonOf = (polygon: unknown): LonLat[][] => (Array.isArray(polygon) ? polygon.map(ringOf).filter((r) => r.length >= 3) : []);
  if (!Array.isArray(geometry.coordinates)) return [];
  if (geometry.type === 'Polygon') return [polygonOf(geometry.coordinates)].filter((p) => p.length > 0);
  return geometry.coordinates.map(polygonOf).filter((p) => p.length > 0);
}

/**
 * The code of the region whose boundary contains the point (even-odd rule, so holes count), or
 * null when none does. Used to say in words where a cell lies.
 */
export function regionContaining(regions: readonly MapRegion[], [lon, lat]: LonLat): string | null {
  for (const region of regions) {
    for (const rings of polygonsOf(region.geometry)) {
      let isInside = false;
      for (const ring of rings) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
          const a = ring[i];
          const b = ring[j];
          if (!a || !b) continue;
          if (a[1] > lat !== b[1] > lat && lon < ((b[0] - a[0]) * (lat - a[1])) / (b[1] - a[1]) + a[0]) isInside = !isInside;
        }
      }
      if (isInside) return region.code;
    }
  }
  return null;
}

/** The boundary of an H3 cell as longitude, latitude pairs. */
export function cellRing(cell: string): LonLat[] {
  return cellToBoundary(cell, true).map(([lon, lat]) => [lon, lat] as const);
}

/**
 * The projected ring with every point closer than `tolerance` to the last one kept dropped, so a
 * boundary drawn with hundreds of points at this scale keeps only those a reader could see.
 */
export function simplifyRing(points: readonly (readonly [number, number])[], tolerance: number): [number, number][] {
  const kept: [number, number][] = [];
  for (const [x, y] of points) {
    const last = kept[kept.length - 1];
    if (last && Math.hypot(x - last[0], y - last[1]) < tolerance) continue;
    kept.push([x, y]);
  }
  // A ring GeoJSON closes by repeating its first point: the path's `Z` closes it instead.
  const first = kept[0];
  const last = kept[kept.length - 1];
  if (kept.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) kept.pop();
  return kept;
}

/** An SVG path of the rings, projected, simplified to `tolerance` units and rounded to one decimal. */
export function pathOf(rings: readonly (readonly LonLat[])[], projection: Projection, tolerance = 0.8): string {
  const parts: string[] = [];
  for (const ring of rings) {
    const points = simplifyRing(
      ring.map((p) => projection.project(p)),
      tolerance,
    );
    // A ring that shrinks below three points at this scale is smaller than a unit: keep it as a dot.
    const drawn = points.length >= 3 ? points : ring.slice(0, 3).map((p) => projection.project(p));
    parts.push(`M${drawn.map(([x, y]) => `${x} ${y}`).join('L')}Z`);
  }
  return parts.join('');
}

/**
 * The upper bounds of up to `classes` classes of the values, at their quantiles, rounded to two
 * significant digits and without repeats; the last class has no upper bound. The values are kbit/s
 * or ms; the bounds are shown in the legend as ranges.
 */
export function legendBreaks(values: readonly number[], classes: number = MAP_COLOURS.length): number[] {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length < 2) return [];
  const breaks: number[] = [];
  for (let k = 1; k < classes; k += 1) {
    const value = sorted[Math.min(sorted.length - 1, Math.floor((k * sorted.length) / classes))] ?? 0;
    const rounded = Number(value.toPrecision(2));
    const previous = breaks[breaks.length - 1];
    if (rounded > (sorted[0] ?? 0) && (previous === undefined || rounded > previous)) breaks.push(rounded);
  }
  return breaks;
}

/** The class of a value: the index of the first break above it, or the last class. */
export function classOf(value: number, breaks: readonly number[]): number {
  const index = breaks.findIndex((b) => value < b);
  return index === -1 ? breaks.length : index;
}

/** One entry of the legend: its colour and its range, as text. */
export interface LegendEntry {
  colour: string;
  low: number | null;
  high: number | null;
}

/** The legend's entries for these breaks: the first from nothing, the last open-ended. */
export function legendEntries(breaks: readonly number[]): LegendEntry[] {
  const colours = coloursFor(breaks.length + 1);
  return colours.map((colour, i) => ({ colour, low: i === 0 ? null : (breaks[i - 1] ?? null), high: i === breaks.length ? null : (breaks[i] ?? null) }));
}

/** The colours of `count` classes, spread over the scale so few classes still span light to dark. */
function coloursFor(count: number): string[] {
  if (count <= 1) return [MAP_COLOURS[2]];
  return Array.from({ length: count }, (_, i) => MAP_COLOURS[Math.round((i * (MAP_COLOURS.length - 1)) / (count - 1))] ?? MAP_COLOURS[0]);
}

/** Props of {@link QualityMap}. */
export interface QualityMapProps {
  regions: readonly MapRegion[];
  /** Published figures: H3 cells when `level` is `cell`, region codes when `region`. */
  figures: readonly MapFigure[];
  level: 'cell' | 'region';
  /** The map's accessible name and its summary, in the page's language. */
  title: string;
  description: string;
  /** The id of the table that carries the same figures. */
  tableId: string;
  /** The legend's heading, each range as text, and the words for an area with no figure. */
  legendTitle: string;
  formatRange(low: number | null, high: number | null): string;
  noFigure: string;
}

/**
 * The map of published figures: every region drawn (their union is the country's outline), and
 * either the regions or the H3 cells filled on a colour-blind-safe scale, with a legend that gives
 * each class's range in words. Areas with no published figure are left unfilled (regions) or not
 * drawn at all (cells). Server-rendered SVG: it needs no script and no third-party tile host.
 */
export function QualityMap(props: QualityMapProps) {
  const { regions, figures, level } = props;
  const regionPolygons = regions.map((r) => ({ region: r, polygons: polygonsOf(r.geometry) }));
  const cellRings = level === 'cell' ? figures.map((f) => ({ figure: f, ring: cellRing(f.area) })) : [];
  const projection = projectionFor(
    allPoints(
      regionPolygons.flatMap((r) => r.polygons.flat()),
      cellRings.map((c) => c.ring),
    ),
  );
  const breaks = legendBreaks(figures.map((f) => f.median));
  // One class only (a single figure, or all alike): its range starts at the lowest median.
  const legend =
    figures.length === 0 ? [] : legendEntries(breaks).map((e) => (breaks.length === 0 ? { ...e, low: Math.min(...figures.map((f) => f.median)) } : e));
  const colourOf = (median: number) => legend[classOf(median, breaks)]?.colour ?? MAP_COLOURS[0];
  const byRegion = new Map(level === 'region' ? figures.map((f) => [f.area, f.median]) : []);
  // Cells are grouped by colour so each class's fill is written once, however many cells it has.
  const cellGroups = new Map<string, string[]>();
  for (const { figure, ring } of cellRings) {
    const colour = colourOf(figure.median);
    cellGroups.set(colour, [...(cellGroups.get(colour) ?? []), pathOf([ring], projection, 0)]);
  }
  // A cell narrower than a few units would vanish at the country's scale: its outline, in its own colour, keeps it visible.
  const isTiny = cellRings.length > 0 && projectedWidth(cellRings[0]?.ring ?? [], projection) < 3;
  const titleId = 'quality-map-title';
  const descId = 'quality-map-desc';
  const hasEmptyRegion = level === 'region' && regions.some((r) => !byRegion.has(r.code));
  return (
    <figure class="quality-map">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${projection.width} ${projection.height}`}
        width="100%"
        role="img"
        aria-labelledby={titleId}
        aria-describedby={`${descId} ${props.tableId}`}
      >
        <title id={titleId}>{props.title}</title>
        <desc id={descId}>{props.description}</desc>
        <g stroke={BORDER} stroke-width="0.8" stroke-linejoin="round">
          {regionPolygons.map(({ region, polygons }) => {
            const median = byRegion.get(region.code);
            return (
              <path
                key={region.code}
                data-region={region.code}
                d={polygons.map((rings) => pathOf(rings, projection)).join('')}
                fill={level === 'region' && median !== undefined ? colourOf(median) : level === 'region' ? EMPTY_FILL : 'none'}
                fill-rule="evenodd"
              />
            );
          })}
        </g>
        {[...cellGroups].map(([colour, paths]) => (
          <g key={colour}>
            {/* A dot of the lightest colour would barely show on white: a dark ring under it does. */}
            {isTiny && LIGHT_COLOURS.has(colour) ? <path class="map-halo" d={paths.join('')} fill="none" stroke={BORDER} stroke-width="3.4" /> : null}
            <g fill={colour} stroke={isTiny ? colour : BORDER} stroke-width={isTiny ? '2' : '0.2'}>
              {paths.map((d, i) => (
                <path key={i} d={d} />
              ))}
            </g>
          </g>
        ))}
      </svg>
      {legend.length === 0 ? null : (
        <figcaption>
          <p class="map-legend-title">{props.legendTitle}</p>
          <ul class="map-legend">
            {legend.map((entry) => (
              <li key={entry.colour}>
                <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                  <rect width="16" height="16" fill={entry.colour} stroke={BORDER} />
                </svg>{' '}
                {props.formatRange(entry.low, entry.high)}
              </li>
            ))}
            {hasEmptyRegion ? (
              <li>
                <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                  <rect width="16" height="16" fill={EMPTY_FILL} stroke={BORDER} />
                </svg>{' '}
                {props.noFigure}
              </li>
            ) : null}
          </ul>
        </figcaption>
      )}
    </figure>
  );
}

/** How wide a ring is once projected, in view-box units. */
function projectedWidth(ring: readonly LonLat[], projection: Projection): number {
  const xs = ring.map((p) => projection.project(p)[0]);
  return xs.length === 0 ? 0 : Math.max(...xs) - Math.min(...xs);
}

/** Every point of the regions and cells, so the projection fits them all. */
function* allPoints(regionRings: readonly (readonly LonLat[])[], cellRings: readonly (readonly LonLat[])[]): Generator<LonLat> {
  for (const ring of regionRings) yield* ring;
  // Cells count only when there are no regions to frame them.
  if (regionRings.length === 0) for (const ring of cellRings) yield* ring;
}
