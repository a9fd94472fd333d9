import type { Migrations } from '../../../platform/db/index.ts';
import * as measurements from './2026-11-30-40-quality-01-measurements.ts';
import * as statistics from './2026-11-30-40-quality-02-statistics.ts';
import * as kpis from './2026-11-30-40-quality-03-kpis.ts';
import * as importStaging from './2026-12-07-40-quality-04-import-staging.ts';
import * as preciseCells from './2026-12-21-40-quality-05-precise-cells.ts';

/** The quality module's migrations; names sort after the other modules'. */
export const qualityMigrations: Migrations = {
  '2026-11-30-40-quality-01-measurements': measurements,
  '2026-11-30-40-quality-02-statistics': statistics,
  '2026-11-30-40-quality-03-kpis': kpis,
  '2026-12-07-40-quality-04-import-staging': importStaging,
  '2026-12-21-40-quality-05-precise-cells': preciseCells,
};
