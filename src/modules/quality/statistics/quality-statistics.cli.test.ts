import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCommandRunner } from '../../../../test/helpers/command-runner.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../../offers/index.ts';
import { createQualityStatisticsServiceFor, qualityModule } from '../index.ts';
import { registerQualityStatisticsCommands } from './quality-statistics.cli.ts';
import { DEMO_REGIONS_FILE } from './quality-statistics.demo.ts';

const modules = [offersModule, qualityModule];
const databases = openTestDatabases(allMigrations(modules));
const dir = mkdtempSync(join(tmpdir(), 'kinga-quality-regions-'));
after(() => rmSync(dir, { recursive: true, force: true }));

for (const database of databases.all) {
  test(`kinga quality import-regions loads a boundary file, and refuses a bad one naming each feature and field [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules });
    const { run, printed } = createCommandRunner(platform, registerQualityStatisticsCommands);
    const bad = join(dir, `bad-${database.dialect}.geojson`);
    writeFileSync(
      bad,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: 'A', name: 'A' }, geometry: { type: 'LineString', coordinates: [] } },
          {
            type: 'Feature',
            properties: { name: 'B' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [0, 0],
                  [1, 0],
                  [1, 1],
                  [0, 0],
                ],
              ],
            },
          },
        ],
      }),
    );
    await assert.rejects(run('quality', 'import-regions', bad));
    assert.match(printed.err, /features\/0\/geometry\/type/);
    assert.match(printed.err, /features\/1\/properties\/code/);
    const statistics = createQualityStatisticsServiceFor(platform);
    assert.equal(await statistics.hasRegions(), false, 'nothing was loaded');

    const out = await run('quality', 'import-regions', fileURLToPath(DEMO_REGIONS_FILE));
    assert.match(out, /Loaded 8 region\(s\) from .*regions\.geojson .*NAI, CEN, COA, EAS, NEA, NYA, RVA, WES\./);
    assert.equal((await statistics.regions()).length, 8);

    const aggregated = await run('quality', 'aggregate');
    assert.match(aggregated, /^Aggregated 0 valid measurement\(s\) into 0 group\(s\); 0 published/);
  });
}
