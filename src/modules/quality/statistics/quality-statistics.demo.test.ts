import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellToLatLng, getResolution, latLngToCell } from 'h3-js';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../../offers/index.ts';
import { createQualityStatisticsServiceFor, qualityModule } from '../index.ts';
import { createMeasurementRepository } from '../measurements/measurement.repository.ts';
import { createQualityAggregationRepository } from './quality-aggregation.repository.ts';
import { seedQualityStatisticsDemo } from './quality-statistics.demo.ts';

const modules = [offersModule, qualityModule];
const databases = openTestDatabases(allMigrations(modules));

for (const database of databases.all) {
  test(`the demo loads the regions, seeds measurements once and publishes cells, regions and ties, with small cells suppressed [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules });
    await offersModule.seedDemo?.(platform);
    await seedQualityStatisticsDemo(platform);
    const statistics = createQualityStatisticsServiceFor(platform);
    const repository = createMeasurementRepository(platform.db.kysely);
    const count = await repository.countMeasurements('demo-crowd');
    assert.ok(count > 3000, `${count} demo measurements`);
    await seedQualityStatisticsDemo(platform);
    assert.equal(await repository.countMeasurements('demo-crowd'), count, 'a second seeding adds nothing');
    assert.equal((await createQualityAggregationRepository(platform.db.kysely).listRegionSets()).length, 1);

    // Placed as a real test is (H3 latLngToCell on the position, h3geo.org/docs/api/indexing): the
    // cells of a position spread around each busy place, the stored point the centre of its cell.
    const placed = await platform.db.kysely
      .selectFrom('quality_measurements')
      .select(['h3_cell', 'h3_cells', 'place_source', 'lat', 'lon'])
      .where('source', '=', 'demo-crowd')
      .execute();
    for (const row of placed) {
      assert.equal(row.place_source, 'position');
      assert.ok(
        row.h3_cell !== null && getResolution(row.h3_cell) === 8 && row.h3_cells !== null && getResolution(row.h3_cells) === 6,
        `${row.h3_cell} ${row.h3_cells}`,
      );
      assert.deepEqual(
        [row.lat, row.lon],
        cellToLatLng(row.h3_cell).map((x) => Math.round(x * 1e6) / 1e6),
      );
    }
    const gridCells = new Set(placed.map((row) => latLngToCell(Math.round((row.lat ?? 0) * 100) / 100, Math.round((row.lon ?? 0) * 100) / 100, 8)));
    assert.ok(new Set(placed.map((row) => row.h3_cell)).size > gridCells.size, 'positions are not stacked on the two-decimal grid');

    const run = await createQualityAggregationRepository(platform.db.kysely).latestRun();
    assert.ok(run && run.published > 0 && run.published < run.groups, 'some groups are published and some suppressed');
    const cells = await statistics.query({ level: 'cell', resolution: 8, metric: 'download', periodDays: 30 });
    assert.ok(new Set(cells.rows.map((r) => r.area)).size >= 10, 'towns have published cells');
    assert.ok(cells.rows.every((r) => r.tests >= 10 && r.devices >= 5));
    const regions = await statistics.query({ level: 'region', metric: 'download' });
    assert.deepEqual([...new Set(regions.rows.map((r) => r.area))].sort(), ['CEN', 'COA', 'EAS', 'NAI', 'NEA', 'NYA', 'RVA', 'WES']);
    const compared = await statistics.compareOperators({ metric: 'download', technology: '4G' });
    assert.equal(compared.length, 4);
    assert.ok(compared.some((r) => r.tiedWith.length > 0) && compared.some((r) => r.tiedWith.length === 0), 'the demo shows ties and clear differences');
    const advertised = await statistics.advertisedComparison();
    assert.ok(
      advertised.some((r) => r.ratio < 1),
      'some operators deliver less than they advertise',
    );
  });
}
