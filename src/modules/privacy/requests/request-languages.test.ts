import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { englishSentencesIn } from '../../../../test/helpers/english-sentences.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { privacyModule } from '../index.ts';

const databases = openTestDatabases(allMigrations([privacyModule]));

/** The text of a page, each element's apart, without the demo regulator's name and the demo people's words (a name and data, not words of the page). */
function pageText(body: string): string {
  return body
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]*>/g, '\n')
    .replace(/&[a-z]+;|&#\d+;/g, ' ')
    .replaceAll('Demo Communications Authority', ' ');
}

for (const database of databases.all) {
  test(`the request pages, their errors and the staff pages say nothing in English in Chinese and Arabic [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [privacyModule] });
    const app = await buildApp(platform, [privacyModule]);
    for (const language of ['zh', 'ar']) {
      const person = createWebClient(app, `10.7.0.${language === 'zh' ? 1 : 2}`);
      const pages = [
        await person.get(`/privacy/requests?lang=${language}`),
        await person.post(`/privacy/requests?lang=${language}`, { email: 'x' }),
        await person.get(`/privacy/requests/follow?lang=${language}`),
        await person.post(`/privacy/requests/follow?lang=${language}`, { reference: 'nonsense' }),
      ];
      for (const page of pages) {
        assert.ok(page.statusCode === 200 || page.statusCode === 422, `${page.statusCode}`);
        assert.deepEqual(englishSentencesIn(pageText(page.body)), [], `${language}: ${page.body.slice(0, 200)}`);
      }
    }

    const officer = await buildStaffAccount(platform, { role: 'officer' });
    const staff = createWebClient(app, '10.7.0.3');
    await signIn(staff, platform, officer);
    const entered = await staff.post('/staff/privacy/requests/new', {
      type: 'erasure',
      channel: 'inPerson',
      receivedOn: '2026-11-30',
      emails: 'a@example.org',
      details: '请删除',
      language: 'zh',
      notifyBy: 'email',
    });
    const path = entered.headers.location ?? '';
    for (const language of ['zh', 'ar']) {
      for (const url of [`/staff/privacy/requests?lang=${language}`, `${path}?lang=${language}`, `/staff/privacy/requests/new?lang=${language}`]) {
        const page = await staff.get(url);
        assert.equal(page.statusCode, 200, url);
        assert.deepEqual(englishSentencesIn(pageText(page.body)), [], `${language} ${url}`);
      }
    }
  });
}
