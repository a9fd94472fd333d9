import type { Platform } from '../../../platform/platform.ts';
import { createQualityStatisticsServiceFor } from '../../quality/index.ts';
import { createAssociationsRepository } from './associations.repository.ts';
import { createAssociations, type Associations } from './associations.service.ts';

/** The regions an association may serve: the region set in force (loaded through the quality module), with their boundaries for the map. */
export interface RegionSource {
  regions(): Promise<Array<{ code: string; name: string; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } }>>;
}

/** The associations' service over `platform`, callable without HTTP (the demo, the retention job). */
export function associationsOf(platform: Platform): Associations {
  return createAssociations({
    repository: createAssociationsRepository(platform.db.kysely),
    audit: platform.audit,
    clock: platform.clock,
    ids: platform.ids,
    displayName: (sealed) => platform.keyring.decrypt(sealed, 'users.display_name'),
  });
}

/** The regions in force over `platform`. */
export function regionsOf(platform: Platform): RegionSource {
  const statistics = createQualityStatisticsServiceFor(platform);
  return { regions: () => statistics.regions() };
}
