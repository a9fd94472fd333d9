import type { FieldProblem } from '../../../platform/http/errors.ts';
import { qualityWordsOf } from '../imports/quality-messages.ts';
import { isPlainObject } from '../../../platform/value-checks.ts';

const { qualityProblem } = qualityWordsOf(new URL('./locales/', import.meta.url));

/** A region's boundary: GeoJSON Polygon or MultiPolygon coordinates, [longitude, latitude]. */
export type RegionGeometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** One region of a boundary file. */
export interface RegionBoundary {
  code: string;
  name: string;
  geometry: RegionGeometry;
}

/** The most regions one file may hold, and the most positions over all of them. */
export const REGION_FILE_LIMITS = { regions: 1_000, positions: 2_000_000 } as const;

const CODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Reads a GeoJSON FeatureCollection of regions: each feature a Polygon or MultiPolygon with
 * `properties.code` (unique, 1 to 32 letters, digits, dashes, underscores) and `properties.name`.
 * Every problem is named by the feature's index and field (`features/3/properties/code`).
 */
export function parseRegionFile(text: string): { ok: true; regions: RegionBoundary[] } | { ok: false; problems: FieldProblem[] } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { ok: false, problems: [qualityProblem('file', undefined, 'quality.regions.notJson')] };
  }
  if (!isPlainObject(document) || document['type'] !== 'FeatureCollection' || !Array.isArray(document['features'])) {
    return { ok: false, problems: [qualityProblem('type', undefined, 'quality.regions.notCollection')] };
  }
  const features: unknown[] = document['features'];
  if (features.length === 0) return { ok: false, problems: [qualityProblem('features', undefined, 'quality.regions.noFeature')] };
  if (features.length > REGION_FILE_LIMITS.regions)
    return {
      ok: false,
      problems: [qualityProblem('features', undefined, 'quality.regions.tooManyFeatures', { count: features.length, max: REGION_FILE_LIMITS.regions })],
    };
  const problems: FieldProblem[] = [];
  const regions: RegionBoundary[] = [];
  const seen = new Map<string, number>();
  let positions = 0;
  features.forEach((feature, index) => {
    const at = (field: string) => `features/${index}${field === '' ? '' : `/${field}`}`;
    if (!isPlainObject(feature) || feature['type'] !== 'Feature') {
      problems.push(qualityProblem(at('type'), undefined, 'quality.regions.notFeature'));
      return;
    }
    const properties = isPlainObject(feature['properties']) ? feature['properties'] : {};
    const code = properties['code'];
    let isGood = true;
    if (typeof code !== 'string' || !CODE_PATTERN.test(code)) {
      problems.push(qualityProblem(at('properties/code'), undefined, 'quality.regions.code'));
      isGood = false;
    } else if (seen.has(code)) {
      problems.push(qualityProblem(at('properties/code'), undefined, 'quality.regions.codeUsed', { code, feature: seen.get(code) ?? 0 }));
      isGood = false;
    } else seen.set(code, index);
    const name = properties['name'];
    if (typeof name !== 'string' || name.trim() === '' || name.length > 100) {
      problems.push(qualityProblem(at('properties/name'), undefined, 'quality.regions.name'));
      isGood = false;
    }
    const geometry = checkGeometry(feature['geometry'], at('geometry'), problems);
    if (!geometry) return;
    positions += countPositions(geometry);
    if (isGood && typeof code === 'string' && typeof name === 'string') regions.push({ code, name: name.trim(), geometry });
  });
  if (positions > REGION_FILE_LIMITS.positions)
    problems.push(qualityProblem('features', undefined, 'quality.regions.tooManyPositions', { count: positions, max: REGION_FILE_LIMITS.positions }));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, regions };
}

function checkGeometry(geometry: unknown, at: string, problems: FieldProblem[]): RegionGeometry | null {
  if (!isPlainObject(geometry) || (geometry['type'] !== 'Polygon' && geometry['type'] !== 'MultiPolygon')) {
    problems.push(qualityProblem(`${at}/type`, undefined, 'quality.regions.geometry'));
    return null;
  }
  const coordinates = geometry['coordinates'];
  if (geometry['type'] === 'Polygon') {
    const polygon = checkPolygon(coordinates, `${at}/coordinates`, problems);
    return polygon ? { type: 'Polygon', coordinates: polygon } : null;
  }
  if (!Array.isArray(coordinates) || coordinates.length === 0) {
    problems.push(qualityProblem(`${at}/coordinates`, undefined, 'quality.regions.multiPolygon'));
    return null;
  }
  const polygons: number[][][][] = [];
  for (const [index, polygon] of coordinates.entries()) {
    const checked = checkPolygon(polygon, `${at}/coordinates/${index}`, problems);
    if (!checked) return null;
    polygons.push(checked);
  }
  return { type: 'MultiPolygon', coordinates: polygons };
}

function checkPolygon(rings: unknown, at: string, problems: FieldProblem[]): number[][][] | null {
  if (!Array.isArray(rings) || rings.length === 0) {
    problems.push(qualityProblem(at, undefined, 'quality.regions.polygon'));
    return null;
  }
  const out: number[][][] = [];
  for (const [r, ring] of rings.entries()) {
    if (!Array.isArray(ring) || ring.length < 4) {
      problems.push(qualityProblem(`${at}/${r}`, undefined, 'quality.regions.ringShort'));
      return null;
    }
    const positions: number[][] = [];
    for (const [p, position] of ring.entries()) {
      const lon: unknown = Array.isArray(position) ? position[0] : undefined;
      const lat: unknown = Array.isArray(position) ? position[1] : undefined;
      if (typeof lon !== 'number' || typeof lat !== 'number' || !(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) {
        problems.push(qualityProblem(`${at}/${r}/${p}`, undefined, 'quality.regions.position'));
        return null;
      }
      positions.push([lon, lat]);
    }
    const first = positions[0];
    const last = positions[positions.length - 1];
    if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) {
      problems.push(qualityProblem(`${at}/${r}`, undefined, 'quality.regions.ringOpen'));
      return null;
    }
    out.push(positions);
  }
  return out;
}

function countPositions(geometry: RegionGeometry): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.reduce((sum, polygon) => sum + polygon.reduce((s, ring) => s + ring.length, 0), 0);
}

/**
 * Finds the region holding a point, by the even-odd rule over every ring (so holes are holes),
 * after a bounding-box test. A point on a shared border goes to the first region listed.
 */
export function createRegionLocator(regions: readonly RegionBoundary[]): (lat: number, lon: number) => string | null {
  const prepared = regions.map((region) => {
    const polygons = region.geometry.type === 'Polygon' ? [region.geometry.coordinates] : region.geometry.coordinates;
    let minLon = Infinity;
    let minLat = Infinity;
    let maxLon = -Infinity;
    let maxLat = -Infinity;
    for (const polygon of polygons) {
      for (const [lon = 0, lat = 0] of polygon[0] ?? []) {
        minLon = Math.min(minLon, lon);
        maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
    }
    return { code: region.code, polygons, minLon, minLat, maxLon, maxLat };
  });
  return (lat, lon) => {
    for (const region of prepared) {
      if (lon < region.minLon || lon > region.maxLon || lat < region.minLat || lat > region.maxLat) continue;
      for (const polygon of region.polygons) if (isInPolygon(polygon, lon, lat)) return region.code;
    }
    return null;
  };
}

/** Even-odd ray casting over all rings of one polygon. */
function isInPolygon(rings: readonly (readonly (readonly number[])[])[], x: number, y: number): boolean {
  let isInside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) isInside = !isInside;
    }
  }
  return isInside;
}
