import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { CONTENT_ACTORS, CONTENT_TEST_MODULES, createContentTestApp } from '../testing/content-platform.ts';
import { createContentServiceFor } from '../content/content.wiring.ts';
import type { ContentService } from '../content/content.service.ts';
import { GUIDE_TOPICS } from '../learn.settings.ts';
import { seedGuidesDemo } from './guides.demo.ts';

const databases = openTestDatabases(allMigrations(CONTENT_TEST_MODULES));
const { editor, officer } = CONTENT_ACTORS;

/** Publishes a guide's text in one language and variant, as an editor writes it and an officer approves it. */
async function publishGuide(
  content: ContentService,
  itemId: string,
  text: { language: string; title: string; body: string; variant?: 'standard' | 'easy' },
): Promise<void> {
  const variant = text.variant ?? 'standard';
  const saved = await content.saveText(editor, {
    itemId,
    language: text.language,
    variant,
    title: text.title,
    summary: `${text.title}.`,
    body: text.body,
    legalBasis: 'DCA Consumer Protection Rules (demo), rule 4',
    lastReviewed: '2026-11-30',
  });
  assert.ok(saved.ok, JSON.stringify(saved));
  const step = { textId: saved.value.id };
  assert.ok((await content.submit(editor, step)).ok);
  const published = await content.publish(officer, step);
  assert.ok(published.ok, JSON.stringify(published));
}

for (const database of databases.all) {
  test(`a guide shows in the reader's language, else in its source language with a notice, and its easy-read version links back [${database.dialect}]`, async () => {
    const { platform, app } = await createContentTestApp(database);
    const content = createContentServiceFor(platform);
    const item = await content.createItem(editor, { kind: 'guide', slug: 'your-bill', topic: 'billing', parentId: null, sourceLanguage: 'en', position: 0 });
    assert.ok(item.ok, JSON.stringify(item));
    await publishGuide(content, item.value.id, {
      language: 'en',
      title: 'Your bill',
      body: 'Your operator must itemise every charge. [Compare offers](/offers/compare).',
    });
    await publishGuide(content, item.value.id, { language: 'fr', title: 'Votre facture', body: 'Votre opérateur doit détailler chaque frais.' });
    await publishGuide(content, item.value.id, { language: 'en', variant: 'easy', title: 'Your bill, easy read', body: 'Check your bill every month.' });

    const fr = await app.inject('/learn/guides/your-bill?lang=fr');
    assert.equal(fr.statusCode, 200);
    assert.match(fr.body, /<h1[^>]*>Votre facture<\/h1>/);
    assert.doesNotMatch(fr.body, /content-language-notice/, 'the French text needs no notice');
    assert.match(fr.body, /href="\/offers\/compare"/, 'the topic sends the reader back to the comparison');
    assert.match(fr.body, /Comparer les offres et les prix/);
    assert.match(fr.body, /id="outside-link-note" hidden/);

    const ar = await app.inject('/learn/guides/your-bill?lang=ar');
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /<html lang="ar" dir="rtl">/);
    assert.match(ar.body, /<h1 lang="en" dir="ltr">Your bill<\/h1>/, 'the English title is marked as English');
    assert.match(ar.body, /class="notice content-language-notice"/);
    assert.match(ar.body, /<article class="content-article" lang="en" dir="ltr">/);
    assert.match(ar.body, /href="\/learn\/guides\/your-bill\/easy"/, 'the easy-read version exists in the language shown');

    const easy = await app.inject('/learn/guides/your-bill/easy?lang=en');
    assert.equal(easy.statusCode, 200);
    assert.match(easy.body, /Your bill, easy read/);
    assert.match(easy.body, /href="\/learn\/guides\/your-bill"/, 'and links back to the standard version');
    assert.equal(
      (await app.inject('/learn/guides/your-bill/easy?lang=fr')).statusCode,
      200,
      'the English easy read is shown to a French reader, with a notice',
    );

    const list = await app.inject('/learn/guides?lang=ar');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /<a href="\/learn\/guides\/your-bill" lang="en" dir="ltr">Your bill<\/a>/);
    assert.match(list.body, /غير متوفر بلغتك بعد/);
    const hub = await app.inject('/learn?lang=zh');
    assert.equal(hub.statusCode, 200);
    assert.match(hub.body, /<a href="\/learn\/guides\/your-bill">账单与费用<\/a>/);
    await app.close();
  });

  test(`a topic's address leads to its guide whatever its slug; unknown slugs and topics answer 404, bad ones 400 [${database.dialect}]`, async () => {
    const { platform, app } = await createContentTestApp(database);
    const content = createContentServiceFor(platform);
    const item = await content.createItem(editor, {
      kind: 'guide',
      slug: 'stolen-phones',
      topic: 'stolenPhones',
      parentId: null,
      sourceLanguage: 'en',
      position: 0,
    });
    assert.ok(item.ok);
    await publishGuide(content, item.value.id, { language: 'en', title: 'Lost and stolen phones', body: 'Report it at once.' });

    const topic = await app.inject('/learn/guides/topic/stolenPhones?lang=fr');
    assert.equal(topic.statusCode, 303);
    assert.equal(topic.headers.location, '/learn/guides/stolen-phones?lang=fr');
    const none = await app.inject('/learn/guides/topic/roaming');
    assert.equal(none.statusCode, 303, 'a topic without a guide yet leads to the list');
    assert.equal(none.headers.location, '/learn/guides');
    assert.equal((await app.inject('/learn/guides/topic/weather')).statusCode, 404);
    assert.equal((await app.inject('/learn/guides/no-such-guide')).statusCode, 404);
    assert.equal((await app.inject('/learn/guides/stolen-phones/easy')).statusCode, 404, 'no easy-read version was written');
    assert.equal((await app.inject('/learn/guides/%3Cscript%3E')).statusCode, 400);
    assert.equal((await app.inject(`/learn/guides/${'a'.repeat(90)}`)).statusCode, 400);
    await app.close();
  });

  test(`the demo loads a guide per topic in the six languages, with easy-read versions, once [${database.dialect}]`, async () => {
    const { platform, app } = await createContentTestApp(database);
    await seedGuidesDemo(platform);
    await seedGuidesDemo(platform);
    const content = createContentServiceFor(platform);
    const items = await content.listItems({ kind: 'guide' });
    assert.deepEqual(
      items.map((i) => i.topic),
      [...GUIDE_TOPICS],
      'one guide per topic, in the profile order',
    );
    for (const language of ['en', 'fr', 'ar', 'es', 'ru', 'zh']) {
      const published = await content.listPublished({ kind: 'guide', language });
      assert.equal(published.length, GUIDE_TOPICS.length, language);
      assert.ok(
        published.every((p) => !p.isFallback),
        `every guide is written in ${language}`,
      );
      assert.deepEqual(
        published.filter((p) => p.variants.includes('easy')).map((p) => p.item.slug),
        ['billing', 'quality', 'complaints', 'scams'],
        language,
      );
    }
    const search = await app.inject(`/api/v1/learn/search?q=${encodeURIComponent('потребител*')}&language=ru`);
    assert.equal(search.statusCode, 200);
    assert.ok(search.json<{ total: number }>().total > 0, 'the Russian guides are found');
    await app.close();
  });
}
