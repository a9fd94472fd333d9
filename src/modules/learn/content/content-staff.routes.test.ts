import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Role } from '../../../platform/auth/index.ts';
import { CONTENT_TEST_MODULES, createContentTestApp } from '../testing/content-platform.ts';
import { createContentServiceFor } from './content.wiring.ts';

const databases = openTestDatabases(allMigrations(CONTENT_TEST_MODULES));

async function signedIn(app: App, platform: Platform, role: Role, address: string) {
  const client = createWebClient(app, address);
  const done = await signIn(client, platform, await buildStaffAccount(platform, { role }));
  assert.equal(done.statusCode, 303, done.body);
  return client;
}

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

for (const database of databases.all) {
  test(`an editor creates a guide, previews and saves its text without JavaScript; another editor publishes it [${database.dialect}]`, async () => {
    const { platform, app } = await createContentTestApp(database, { PUBLIC_URL: 'https://kinga.example' });
    const writer = await signedIn(app, platform, 'editor', '10.0.0.1');
    const list = await writer.get('/staff/learn/content?lang=en');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /No page has been created yet/);

    await writer.get('/staff/learn/content/new?lang=en');
    const refused = await writer.post('/staff/learn/content/new', { kind: 'guide', slug: 'Bad slug', topic: '', sourceLanguage: 'en' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /The address name may hold only lower-case letters/);
    assert.match(refused.body, /Choose the topic of the guide/);
    assert.match(refused.body, /value="Bad slug"/, 'the answers are kept');
    const created = await writer.post('/staff/learn/content/new', { kind: 'guide', slug: 'your-bill', topic: 'billing', sourceLanguage: 'en' });
    assert.equal(created.statusCode, 303, created.body);
    const itemUrl = String(created.headers.location);
    const item = await writer.get(`${itemUrl}?lang=en`);
    assert.match(textOf(item.body), /French Standard Not written Write the Standard text in French/);

    const editorUrl = `${itemUrl}/en/standard`;
    await writer.get(`${editorUrl}?lang=en`);
    const fields = {
      title: 'Your bill',
      summary: 'What a bill shows.',
      body: '## Charges\n\nSee <script>alert(1)</script> [the Authority](https://dca.example.org/).\n\n| Item | Price |\n|:--|--:|\n| SMS | 1 |\n',
      legalBasis: 'Regulations 2025',
      lastReviewed: '2026-11-30',
      expectedVersion: '0',
    };
    const preview = await writer.post(editorUrl, { ...fields, action: 'preview' });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /<div id="content-preview" class="content-preview" lang="en" dir="ltr"><h3>Charges<\/h3>/);
    assert.match(preview.body, /class="outside-link"/);
    assert.match(preview.body, /<td class="align-right">1<\/td>/);
    assert.doesNotMatch(preview.body, /<script>alert/);
    assert.match(preview.body, /<script src="\/assets\/learn\/content-preview.js" defer><\/script>/);
    assert.equal(
      await createContentServiceFor(platform)
        .findItemBySlug('guide', 'your-bill')
        .then((i) => i && createContentServiceFor(platform).textsOf(i.id))
        .then((t) => t?.length),
      0,
      'a preview saves nothing',
    );

    const tooEarly = await writer.post(editorUrl, { ...fields, lastReviewed: '2026-13-01', action: 'save' });
    assert.equal(tooEarly.statusCode, 422);
    assert.match(tooEarly.body, /Enter the date of the last review as year-month-day/);
    const saved = await writer.post(editorUrl, { ...fields, action: 'save' });
    assert.equal(saved.statusCode, 303);
    const page = await writer.get(`${editorUrl}?lang=en`);
    assert.match(textOf(page.body), /State: Draft \(version 1\)/);
    assert.match(page.body, /Send for review/);
    assert.doesNotMatch(page.body, />Publish</, 'the writer is not offered to publish their own words');
    assert.match(page.body, /You saved these words last/);
    const submitAction = /action="(\/staff\/learn\/content\/texts\/[^/"]+\/submit)"/.exec(page.body)?.[1] ?? '';
    assert.equal((await writer.post(submitAction, { expectedVersion: '1' })).statusCode, 303);
    const forced = await writer.post(submitAction.replace('/submit', '/publish'), { expectedVersion: '2' });
    assert.equal(forced.statusCode, 403, 'publishing one’s own words is refused even when posted');
    assert.match(forced.body, /another editor, an officer or an administrator must publish them/);

    const reviewer = await signedIn(app, platform, 'editor', '10.0.0.2');
    const reviewPage = await reviewer.get(`${editorUrl}?lang=fr`);
    assert.match(textOf(reviewPage.body), /État : En relecture \(version 2\)/);
    assert.match(reviewPage.body, />Publier</);
    const empty = await reviewer.post(submitAction.replace('/submit', '/return'), { expectedVersion: '2', note: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Indiquez ce que l’auteur doit modifier/);
    const stale = await reviewer.post(submitAction.replace('/submit', '/publish'), { expectedVersion: '1' });
    assert.equal(stale.statusCode, 409);
    assert.equal((await reviewer.post(submitAction.replace('/submit', '/publish'), { expectedVersion: '2' })).statusCode, 303);
    const shown = await createContentServiceFor(platform).readPublished({ kind: 'guide', slug: 'your-bill', language: 'en' });
    assert.equal(shown?.title, 'Your bill');

    const versions = await writer.get(`${editorUrl}?lang=en`);
    assert.match(textOf(versions.body), /3 versions, newest first/);
    assert.match(versions.body, /Restore version 1/);
    const coverage = await writer.get('/staff/learn/coverage?lang=en');
    assert.equal(coverage.statusCode, 200);
    assert.match(textOf(coverage.body), /Your bill \(Guide\) Published Not written Not written/);
  });

  test(`the live preview answers the sanitised HTML; the pages are for content staff only [${database.dialect}]`, async () => {
    const { platform, app } = await createContentTestApp(database);
    const editor = await signedIn(app, platform, 'editor', '10.0.1.1');
    await editor.get('/staff/learn/content?lang=en');
    const preview = await editor.post('/staff/learn/content/preview', { body: '# Title\n\n<img src=x onerror=alert(1)> [x](javascript:alert(1))' });
    assert.equal(preview.statusCode, 200);
    assert.equal(preview.body, '<h2>Title</h2>\n<p>&lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1))</p>\n');
    const tooLong = await editor.post('/staff/learn/content/preview', { body: 'x'.repeat(platform.settings.learn.content.maxCharacters + 1) });
    assert.equal(tooLong.statusCode, 422);
    const css = await app.inject('/assets/learn/content.css');
    assert.equal(css.statusCode, 200);
    assert.match(css.body, /\.outside-link::after/);
    assert.match(css.body, /\.align-right/);
    assert.equal((await app.inject('/assets/learn/content-preview.js')).statusCode, 200);

    for (const role of ['operator_agent', 'association_rep'] as const) {
      const other = await signedIn(app, platform, role, role === 'operator_agent' ? '10.0.1.2' : '10.0.1.3');
      for (const path of ['/staff/learn/content', '/staff/learn/content/new', '/staff/learn/coverage'])
        assert.equal((await other.get(`${path}?lang=en`)).statusCode, 403, `${role} ${path}`);
      await other.get('/staff');
      assert.equal((await other.post('/staff/learn/content/preview', { body: 'x' })).statusCode, 403);
    }
    const anonymous = await app.inject('/staff/learn/content');
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, '/staff/sign-in');
  });

  test(`the dashboard shows texts waiting for review and published texts due for review [${database.dialect}]`, async () => {
    const { platform, app } = await createContentTestApp(database);
    const content = createContentServiceFor(platform);
    const system = { type: 'system', id: null } as const;
    const item = await content.createItem(system, { kind: 'guide', slug: 'roaming', topic: 'roaming', sourceLanguage: 'en' });
    assert.ok(item.ok);
    for (const [language, reviewed] of [
      ['en', '2025-01-10'],
      ['fr', '2026-11-01'],
    ] as const) {
      const saved = await content.saveText(system, {
        itemId: item.value.id,
        language,
        variant: 'standard',
        title: 'Roaming',
        summary: '',
        body: 'Text',
        legalBasis: '',
        lastReviewed: reviewed,
      });
      assert.ok(saved.ok);
      assert.ok((await content.publish(system, { textId: saved.value.id })).ok);
    }
    const waiting = await content.saveText(system, {
      itemId: item.value.id,
      language: 'es',
      variant: 'standard',
      title: 'Itinerancia',
      summary: '',
      body: 'Texto',
      legalBasis: '',
      lastReviewed: '',
    });
    assert.ok(waiting.ok);
    assert.ok((await content.submit(system, { textId: waiting.value.id })).ok);
    const officer = await signedIn(app, platform, 'officer', '10.0.2.1');
    const dashboard = textOf((await officer.get('/staff?lang=en')).body);
    assert.match(dashboard, /Content Write, review and publish guides/);
    assert.match(dashboard, /1 text waits for review/);
    assert.match(dashboard, /1 published text is due for review/);
  });
}
