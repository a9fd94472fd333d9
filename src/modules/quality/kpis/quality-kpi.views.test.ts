import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { createTempDir } from '../../../../test/helpers/temp-dir.ts';
import { allMigrations } from '../../../platform/create.ts';
import { codeCatalogueFolders, LOCALES_DIR, loadCatalogs } from '../../../platform/i18n/index.ts';
import { offersModule } from '../../offers/index.ts';
import { qualityModule } from '../index.ts';

const modules = [offersModule, qualityModule];
const databases = openTestDatabases(allMigrations(modules));

/** The real catalogues, except that Spanish lacks the name and the definition of the dropped call rate. */
function catalogsWithoutDroppedCallInSpanish() {
  const kpiLocales = fileURLToPath(new URL('./locales', import.meta.url));
  const dir = createTempDir('kpi-locales');
  cpSync(kpiLocales, dir, { recursive: true });
  const file = join(dir, 'es.json');
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  delete messages['quality.kpis.name.dropped_call'];
  delete messages['quality.kpis.definition.dropped_call'];
  writeFileSync(file, JSON.stringify(messages));
  return loadCatalogs(
    LOCALES_DIR,
    codeCatalogueFolders().map((folder) => (folder === kpiLocales ? dir : folder)),
  );
}

const mainOf = (page: string) => /<main[^>]*>(.*)<\/main>/s.exec(page)?.[1] ?? '';

for (const database of databases.all) {
  test(`a KPI name or definition a language lacks is marked as English once, by the platform's fallback marking [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules, catalogs: catalogsWithoutDroppedCallInSpanish() });
    const app = await buildApp(platform, modules);
    const page = (await app.inject({ url: '/quality/kpis?lang=es', headers: { accept: 'text/html' } })).body;
    assert.match(page, /<dt><span lang="en">Dropped call rate<\/span><\/dt>/);
    assert.match(page, /<dd><span lang="en">Calls cut off after they were established, divided by established calls\.<\/span>/);
    assert.doesNotMatch(mainOf(page), /<(?!span)[a-z0-9]+ [^>]*lang="en"/, 'no other element is said to be English');
    assert.match(page, /class="fallback-notice"/, 'the page says that part of it is in English');
    const arabic = (await app.inject({ url: '/quality/kpis?lang=ar', headers: { accept: 'text/html' } })).body;
    assert.doesNotMatch(mainOf(arabic), /lang="en"/, 'nothing falls back in Arabic');
    await app.close();
  });
}
