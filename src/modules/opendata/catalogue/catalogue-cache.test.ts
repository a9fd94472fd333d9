import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modules } from '../../index.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { DatasetDescription } from '../../../platform/open-data/dataset-description.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestClock, createTestPlatform } from '../../../../test/helpers/platform.ts';
import { CATALOGUE_CACHE_MS } from './catalogue-cache.ts';
import { createCatalogueService } from './catalogue.service.ts';

const databases = openTestDatabases(allMigrations(modules));

for (const database of databases.all) {
  test(`the catalogue reads its datasets' coverage again once its copy is five minutes old or the day changed, never in between [${database.dialect}]`, async () => {
    const clock = createTestClock('2026-12-20T09:00:00Z');
    const platform = await createTestPlatform(await database.fresh(), { modules, clock });
    const model = platform.datasets[0];
    assert.ok(model, 'the modules declare datasets');
    let period: { start: string; end: string } = { start: '2026-01-01', end: '2026-11-30' };
    let reads = 0;
    let fails = false;
    const dataset: DatasetDescription = {
      ...model,
      id: 'test.coverage',
      async temporal() {
        reads += 1;
        if (fails) throw new Error('the coverage could not be read');
        return period;
      },
    };
    let elapsed = 0;
    const catalogue = createCatalogueService({ ...platform, datasets: [dataset] }, { elapsed: () => elapsed });
    const endOf = async () => (await catalogue.datasets())[0]?.temporal?.end;
    const graphSays = async (day: string) => JSON.stringify((await catalogue.graph()).toJsonLd()).includes(day);

    assert.equal(await endOf(), '2026-11-30');
    assert.ok(await graphSays('2026-11-30'));
    assert.equal(reads, 1, 'the graph is built from the same read');

    // New data arrives: the copy stays until it is five minutes old, as the route's max-age allows.
    period = { start: '2026-01-01', end: '2026-12-19' };
    elapsed += CATALOGUE_CACHE_MS - 1;
    assert.equal(await endOf(), '2026-11-30');
    assert.equal(reads, 1);
    elapsed += 1;
    assert.equal(await endOf(), '2026-12-19');
    assert.ok(await graphSays('2026-12-19'));
    assert.equal(reads, 2);

    // Requests arriving together share one read.
    clock.set('2026-12-21T00:00:01Z');
    const [a, b] = await Promise.all([endOf(), endOf()]);
    assert.deepEqual([a, b, reads], ['2026-12-19', '2026-12-19', 3], 'a new day reads again, once');

    // A failed read is not kept: the next request tries again.
    fails = true;
    clock.set('2026-12-22T00:00:01Z');
    await assert.rejects(catalogue.datasets(), /could not be read/);
    fails = false;
    assert.equal(await endOf(), '2026-12-19');
    assert.equal(reads, 5);
  });
}
