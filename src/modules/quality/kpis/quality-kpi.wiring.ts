import { servicesOf, type Platform } from '../../../platform/platform.ts';
import { createOperatorDirectory } from '../../../platform/operators/index.ts';
import { createQualityStatisticsServiceFor } from '../statistics/quality-statistics.wiring.ts';
import { createQualityImportRepository } from '../imports/quality-import.repository.ts';
import { createKpiRepository } from './quality-kpi.repository.ts';
import { createKpiService, type KpiService, type NamedChoice } from './quality-kpi.service.ts';

/**
 * The regions KPI rows name: the regions in force (loaded with `kinga quality import-regions`),
 * or the profile's districts while no region set is loaded.
 */
export function createRegionLister(platform: Platform): () => Promise<NamedChoice[]> {
  const { districts } = platform.settings.quality;
  const statistics = createQualityStatisticsServiceFor(platform);
  return async () => {
    const regions = await statistics.regions();
    if (regions.length > 0) return regions.map((r) => ({ id: r.code, name: r.name }));
    return districts.map((d) => ({ id: d.code, name: d.name }));
  };
}

/** The network KPI service over the platform's database, with the operators of the offers module. */
export function createKpiServiceFor(platform: Platform): KpiService {
  return createKpiService({
    repository: createKpiRepository(platform.db.kysely),
    imports: createQualityImportRepository(platform.db.kysely),
    ...servicesOf(platform, 'clock', 'ids', 'audit'),
    kpis: platform.settings.quality.kpis,
    uploads: platform.settings.quality.uploads,
    listOperators: createOperatorDirectory(platform.db.kysely).list,
    listRegions: createRegionLister(platform),
  });
}
