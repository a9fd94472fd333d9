import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { SUPPORTED_LANGUAGES } from '../../../platform/jurisdiction.ts';
import { createWorkshopsTestApp, WORKSHOPS_TEST_MODULES } from '../testing/workshops-platform.ts';
import { seedWorkshopsDemo } from './workshops.demo.ts';
import { createWorkshopServiceFor, WORKSHOP_STAFF_LINKS } from './workshop.wiring.ts';

const databases = openTestDatabases(allMigrations(WORKSHOPS_TEST_MODULES));

for (const database of databases.all) {
  test(`the demo seeds four coming workshops and a past one with feedback, in six languages, once [${database.dialect}]`, async () => {
    const { platform } = await createWorkshopsTestApp(database);
    await seedWorkshopsDemo(platform);
    await seedWorkshopsDemo(platform);
    const service = createWorkshopServiceFor(platform);
    const upcoming = await service.list({}, 'en', false);
    assert.deepEqual(
      upcoming.map((e) => [e.placeKind, e.region]),
      [
        ['venue', 'KE-28'],
        ['venue', 'KE-30'],
        ['online', null],
        ['venue', 'KE-17'],
      ],
    );
    const full = upcoming[0];
    assert.deepEqual([full?.capacity, full?.confirmed, full?.waiting], [12, 12, 3]);
    assert.ok(upcoming.some((e) => e.arrangements.includes('signLanguage')));
    for (const language of SUPPORTED_LANGUAGES) {
      const shown = await service.list({}, language, false);
      assert.ok(
        shown.every((e) => e.isTranslated && e.title !== ''),
        `every event is written in ${language}`,
      );
    }
    const [past] = await service.list({}, 'en', true);
    assert.equal(past?.title, 'Smartphone basics for older people');
    const results = await service.feedbackResults(past?.id ?? '');
    assert.equal(results.count, 6);
    assert.equal(results.average, 4.3);
    assert.equal((await service.registrations(past?.id ?? '')).filter((r) => r.attended).length, 12);

    const [link] = WORKSHOP_STAFF_LINKS;
    const figures = await link?.figures?.(platform, { role: 'editor', operatorId: null });
    assert.deepEqual(figures, [
      { messageKey: 'learn.workshops.staff.figure.coming', count: 4 },
      { messageKey: 'learn.workshops.staff.figure.waiting', count: 3 },
    ]);
  });
}
