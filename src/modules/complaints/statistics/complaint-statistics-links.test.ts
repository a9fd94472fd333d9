import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { createWebClient } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../../offers/index.ts';
import { complaintsModule } from '../index.ts';

// Issue 13 item 15: the published complaint statistics are reached from the complaint pages.
const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));

describe('links to the complaint statistics', () => {
  it('links the statistics from the rights, start and follow pages, and the statistics back to the complaint pages', async () => {
    const database = databases.all[0];
    assert.ok(database);
    const platform = await createTestPlatform(await database.fresh(), { modules });
    const app = await buildApp(platform, modules);
    const client = createWebClient(app, '10.98.0.1');
    for (const path of ['/complaints', '/complaints/new', '/complaints/follow']) {
      assert.match((await client.get(path)).body, /<a [^>]*href="\/complaints\/statistics"/, path);
    }
    assert.match((await client.get('/complaints/statistics')).body, /<a [^>]*href="\/complaints"/);
  });
});
