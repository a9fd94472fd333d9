import { pathOf, polygonsOf, projectionFor, type LonLat } from '../../quality/index.ts';
import type { RegionSource } from './associations.wiring.ts';

/** A region as the map draws it. */
type MapRegion = Awaited<ReturnType<RegionSource['regions']>>[number];

/** One marker: its number in the list below the map, the entry's name and where it is. */
export interface MapMarker {
  number: number;
  name: string;
  latitude: number;
  longitude: number;
}

const BORDER = '#505050';
const SERVED = '#e8f1fa';
const MARKER = '#1d4f91';

/**
 * The directory's map: the regions in force (those the listed associations serve shaded), and a
 * numbered marker for each association with a location, each marker titled with its name. It is
 * drawn on the server as SVG with the quality map's projection: no script and no tile host. The
 * picture is one image whose description points to the list, which says the same in words.
 */
export function AssociationMap(props: {
  regions: readonly MapRegion[];
  served: ReadonlySet<string>;
  markers: readonly MapMarker[];
  title: string;
  description: string;
  /** The id of the list that says the same in words, when the page has one. */
  listId?: string;
}) {
  const polygons = props.regions.map((r) => ({ region: r, polygons: polygonsOf(r.geometry) }));
  const points: LonLat[] = polygons.flatMap((r) => r.polygons.flat(2));
  if (points.length === 0) for (const m of props.markers) points.push([m.longitude, m.latitude]);
  const projection = projectionFor(points);
  // About 2.3 % of the width: a finger-sized dot on a wide screen, still a readable number at 320 px.
  const radius = Math.round(projection.width / 43);
  return (
    <figure class="quality-map association-map">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${projection.width} ${projection.height}`}
        width="100%"
        role="img"
        aria-labelledby="association-map-title"
        aria-describedby={props.listId ? `association-map-desc ${props.listId}` : 'association-map-desc'}
      >
        <title id="association-map-title">{props.title}</title>
        <desc id="association-map-desc">{props.description}</desc>
        <g stroke={BORDER} stroke-width="0.8" stroke-linejoin="round">
          {polygons.map(({ region, polygons: rings }) => (
            <path
              key={region.code}
              data-region={region.code}
              d={rings.map((r) => pathOf(r, projection)).join('')}
              fill={props.served.has(region.code) ? SERVED : 'none'}
              fill-rule="evenodd"
            />
          ))}
        </g>
        {props.markers.map((m) => {
          const [x, y] = projection.project([m.longitude, m.latitude]);
          return (
            <g key={m.number} class="map-marker">
              <title>{`${m.number}. ${m.name}`}</title>
              <circle cx={x} cy={y} r={radius} fill={MARKER} stroke="#ffffff" stroke-width="1.5" />
              <text x={x} y={y} dy="0.35em" text-anchor="middle" font-size={Math.round(radius * 1.3)} fill="#ffffff" font-family="sans-serif">
                {m.number}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
