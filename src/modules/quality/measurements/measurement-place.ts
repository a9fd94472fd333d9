import { cellToLatLng, cellToParent, getResolution, isValidCell, latLngToCell } from 'h3-js';

/**
 * How a measurement's place was found: `position`, the cells of the position as measured;
 * `district`, a district the person chose, standing for its centroid and for no cell; `rounded`,
 * a row stored before cells came from positions, whose cell is that of its position rounded to
 * 0.01 degree (about 1.1 km), which is in another resolution-8 cell about half the time.
 */
export type PlaceSource = 'position' | 'district' | 'rounded';

/** The resolutions a place is kept at: the module's `h3Resolution` and the published ones. */
export interface PlaceResolutions {
  /** The finest resolution kept (`modules.quality.h3Resolution`). */
  stored: number;
  /** The resolutions cells are published at (`modules.quality.statistics.resolutions`). */
  published: readonly number[];
}

/** What is stored of a measurement's place: cells, and a point that says no more than they do. */
export interface StoredPlace {
  lat: number;
  lon: number;
  h3Cell: string | null;
  /** The cells of the published resolutions coarser than `h3Cell`, coarsest first, space-separated. */
  h3Cells: string | null;
  placeSource: PlaceSource;
}

/** A coordinate as stored: six decimals, about 0.1 m, which a cell's centre needs and no more. */
const roundToMicrodegree = (value: number) => Math.round(value * 1e6) / 1e6;

/** The centre of an H3 cell, as a place of open data or a stored point gives it. */
export function centreOfCell(cell: string): { lat: number; lon: number } {
  const [lat, lon] = cellToLatLng(cell);
  return { lat: roundToMicrodegree(lat), lon: roundToMicrodegree(lon) };
}

/**
 * The place of a position as measured: its H3 cell at the stored resolution and at each coarser
 * published resolution, each from the position itself (`latLngToCell`), since a coarser cell is
 * only approximately the parent of a finer one (h3geo.org/docs/highlights/indexing). Then only
 * cells are kept: the stored point is the centre of the finest cell, never the position.
 */
export function placeOfPosition(lat: number, lon: number, resolutions: PlaceResolutions): StoredPlace {
  const h3Cell = latLngToCell(lat, lon, resolutions.stored);
  const coarser = [...new Set(resolutions.published)].filter((r) => r < resolutions.stored).sort((a, b) => a - b);
  return { ...centreOfCell(h3Cell), h3Cell, h3Cells: coarser.map((r) => latLngToCell(lat, lon, r)).join(' '), placeSource: 'position' };
}

/** The place of a district a person chose: its centroid, and no cell, since the test may have been made anywhere in it. */
export function placeOfDistrict(district: { lat: number; lon: number }): StoredPlace {
  return { lat: district.lat, lon: district.lon, h3Cell: null, h3Cells: null, placeSource: 'district' };
}

/**
 * The cell of a stored place at a resolution: the stored cell itself, or the coarser cell of the
 * position kept with it; for a resolution published only after the place was stored, the parent
 * of the stored cell, the best that is left. Null when the place has no cell that coarse or none
 * at all (a district, no place).
 */
export function cellAtResolution(h3Cell: string | null, h3Cells: string | null, resolution: number): string | null {
  if (h3Cell === null || !isValidCell(h3Cell)) return null;
  const stored = getResolution(h3Cell);
  if (resolution === stored) return h3Cell;
  if (resolution > stored) return null;
  for (const cell of (h3Cells ?? '').split(' ')) if (cell !== '' && isValidCell(cell) && getResolution(cell) === resolution) return cell;
  return cellToParent(h3Cell, resolution);
}
