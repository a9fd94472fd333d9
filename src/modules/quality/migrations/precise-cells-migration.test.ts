import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { latLngToCell } from 'h3-js';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { migrateToLatest } from '../../../platform/db/index.ts';
import { offersModule } from '../../offers/index.ts';
import { createQualityStatisticsServiceFor, qualityModule } from '../index.ts';
import { DEMO_REGIONS_FILE } from '../statistics/quality-statistics.demo.ts';
import { UNMEASURED_IMPORT } from '../testing/measurement-rows.ts';

const MIGRATION = '2026-12-21-40-quality-05-precise-cells';
const modules = [offersModule, qualityModule];
const all = allMigrations(modules);
// The database as an earlier release left it: cells computed from positions rounded to 0.01 degree,
// before this migration and every migration named after it ran.
const before = Object.fromEntries(Object.entries(all).filter(([name]) => name < MIGRATION));
const fromMigration = Object.keys(all)
  .filter((name) => name >= MIGRATION)
  .sort();
const databases = openTestDatabases(before);
const AT = '2026-11-20T10:00:00.000Z';

for (const database of databases.all) {
  /*
   * An earlier release kept the position rounded to 0.01 degree and the cell of that rounded
   * position; the position as measured was never stored, so no migration can compute the right
   * cell (H3 latLngToCell needs the position, h3geo.org/docs/api/indexing). The upgrade says which
   * rows those are, and the aggregation leaves them out of cells (not of regions) unless the
   * profile's statistics.countRoundedPositionsInCells says otherwise.
   */
  test(`the upgrade marks the places stored rounded and the districts, and their cells leave the published cells [${database.dialect}]`, async () => {
    assert.ok(MIGRATION in all, 'the migration is one of the module migrations');
    const db = await database.fresh();
    const legacy = (id: string, k: number, place: { lat: number | null; lon: number | null; h3_cell: string | null; district_code: string | null }) => ({
      id: `${id}-${k}`,
      measured_at: AT,
      operator_id: 'OP-DEMO-1',
      ...UNMEASURED_IMPORT,
      download_kbps: 20_000 + k,
      accuracy_m: 20,
      device_hash: `device-${k}`,
      created_at: AT,
      import_id: null,
      ...place,
    });
    const rounded = latLngToCell(-1.29, 36.82, 8);
    const rows = [
      ...Array.from({ length: 12 }, (_, k) => legacy('rounded', k, { lat: -1.29, lon: 36.82, h3_cell: rounded, district_code: null })),
      legacy('district', 0, { lat: -0.09, lon: 34.77, h3_cell: latLngToCell(-0.09, 34.77, 8), district_code: 'kisumu' }),
      legacy('none', 0, { lat: null, lon: null, h3_cell: null, district_code: null }),
    ];
    // The table as the earlier release had it: no column for how the place was found.
    await db.kysely.insertInto('quality_measurements').values(rows).execute();

    assert.deepEqual(await migrateToLatest(db, all), fromMigration);
    const after = await db.kysely.selectFrom('quality_measurements').select(['id', 'place_source', 'h3_cell', 'h3_cells']).orderBy('id').execute();
    const byId = new Map(after.map((r) => [r.id, r]));
    assert.equal(byId.get('rounded-0')?.place_source, 'rounded');
    assert.equal(byId.get('rounded-0')?.h3_cell, rounded, 'the stored cell stays: nothing better is known');
    assert.equal(byId.get('rounded-0')?.h3_cells, null);
    assert.equal(byId.get('district-0')?.place_source, 'district');
    assert.equal(byId.get('none-0')?.place_source, null);

    const platform = await createTestPlatform(db, { modules });
    await offersModule.seedDemo?.(platform);
    const statistics = createQualityStatisticsServiceFor(platform);
    await statistics.importRegions({ text: readFileSync(DEMO_REGIONS_FILE, 'utf8'), source: 'demo', actor: { type: 'system', id: null } });
    await statistics.aggregate();
    const cells = await statistics.query({ level: 'cell', resolution: 8, metric: 'download', periodDays: 30 });
    assert.deepEqual(cells.rows, [], 'no cell is published from rounded positions');
    const regions = await statistics.query({ level: 'region', metric: 'download', periodDays: 30, operatorId: 'OP-DEMO-1' });
    assert.deepEqual(
      regions.rows.map((r) => [r.area, r.tests]),
      [['NAI', 12]],
      'they still count in their region',
    );
  });
}
